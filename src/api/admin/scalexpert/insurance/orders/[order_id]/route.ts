import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ScalexpertInsurancePoliciesResponse } from "../../../../../../storefront/insurance-types"
import { insuranceRegistered } from "../../../../../../workflows/insurance/context"
import { orderPolicies } from "../../../../../../workflows/insurance/view"

/** `GET /admin/scalexpert/insurance/orders/:order_id`: the order's insurance policies. */
export async function GET(
  req: MedusaRequest,
  res: MedusaResponse<ScalexpertInsurancePoliciesResponse>
) {
  // A shop without the insurance module has no policy (the order widget then shows nothing).
  const policies = insuranceRegistered(req.scope)
    ? await orderPolicies(req.scope, String(req.params.order_id))
    : []
  res.json({ policies })
}
