import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildAdminView } from "../../../../../../workflows/after-order/view"
import { syncScalexpertFileWorkflow } from "../../../../../../workflows/sync-scalexpert-file"
import { fileSessionOf } from "../../../helpers"
import type { AdminScalexpertFileResponse } from "../route"

/**
 * `POST /admin/scalexpert/orders/:order_id/refresh`: re-reads the file from Scalexpert through the
 * sync workflow (trigger `admin`), which applies what changed, then answers the file.
 */
export const POST = async (
  req: MedusaRequest,
  res: MedusaResponse<AdminScalexpertFileResponse>
) => {
  const orderId = req.params.order_id
  await syncScalexpertFileWorkflow(req.scope).run({
    input: { payment_session_id: await fileSessionOf(req.scope, orderId), trigger: "admin" },
  })
  res.json({ scalexpert_file: await buildAdminView(req.scope, orderId) })
}
