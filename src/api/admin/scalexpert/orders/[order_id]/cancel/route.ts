import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildAdminView } from "../../../../../../workflows/after-order/view"
import { cancelScalexpertFinancingWorkflow } from "../../../../../../workflows/after-order/workflows"
import {
  bodyOf,
  AdminScalexpertCancelBody,
  type AdminScalexpertCancelBodyType,
} from "../../../validators"
import { refreshQuietly } from "../../../helpers"
import type { AdminScalexpertFileResponse } from "../route"

/**
 * `POST /admin/scalexpert/orders/:order_id/cancel {amount?}`: cancels `amount` euros of the
 * financing (all that is still financed when absent) through Medusa's own paths, as the automatic
 * ones: a refund of a captured payment (`_cancel` with exactly that amount), or the cancellation
 * of an authorized one. Refused 400 with a clear message before any call when Scalexpert would
 * refuse it (a second partial cancellation, more than financed, the 90 days of split payment...).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminScalexpertCancelBodyType>,
  res: MedusaResponse<AdminScalexpertFileResponse>
) => {
  const orderId = req.params.order_id
  await cancelScalexpertFinancingWorkflow(req.scope).run({
    input: { order_id: orderId, amount: bodyOf(req, AdminScalexpertCancelBody).amount },
  })
  await refreshQuietly(req.scope, orderId)
  res.json({ scalexpert_file: await buildAdminView(req.scope, orderId) })
}
