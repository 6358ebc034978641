import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildAdminView } from "../../../../../../workflows/after-order/view"
import { confirmScalexpertDeliveryWorkflow } from "../../../../../../workflows/after-order/workflows"
import {
  bodyOf,
  AdminScalexpertConfirmDeliveryBody,
  type AdminScalexpertConfirmDeliveryBodyType,
} from "../../../validators"
import { refreshQuietly } from "../../../helpers"
import type { AdminScalexpertFileResponse } from "../route"

/**
 * `POST /admin/scalexpert/orders/:order_id/confirm-delivery {tracking_number?, operator?}`: confirms
 * the delivery of a long-term credit to Scalexpert (in any `deliveryConfirmation` mode), then
 * captures the payment. 400 before any call when there is nothing to confirm (split payment, a
 * credit not accepted yet, a canceled order). When Scalexpert fails, the answer is the file with
 * `delivery.status` `pending` (retried by the job) or `failed`, and the error.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminScalexpertConfirmDeliveryBodyType>,
  res: MedusaResponse<AdminScalexpertFileResponse>
) => {
  const orderId = req.params.order_id
  await confirmScalexpertDeliveryWorkflow(req.scope).run({
    input: { order_id: orderId, ...bodyOf(req, AdminScalexpertConfirmDeliveryBody) },
  })
  await refreshQuietly(req.scope, orderId)
  res.json({ scalexpert_file: await buildAdminView(req.scope, orderId) })
}
