import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildAdminView, type AdminScalexpertFile } from "../../../../../workflows/after-order/view"

export type AdminScalexpertFileResponse = { scalexpert_file: AdminScalexpertFile }

/**
 * `GET /admin/scalexpert/orders/:order_id`: the order's Scalexpert file as the plugin knows it
 * (no call to Scalexpert): solution, status, amounts, delivery, cancellations, timeline.
 * 404 for an order not paid with Scalexpert.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse<AdminScalexpertFileResponse>) => {
  res.json({ scalexpert_file: await buildAdminView(req.scope, req.params.order_id) })
}
