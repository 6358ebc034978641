import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ScalexpertInsurancePoliciesResponse } from "../../../../../../storefront/insurance-types"
import { orderPolicies } from "../../../../../../workflows/insurance/view"

/** `GET /admin/scalexpert/insurance/orders/:order_id`: the order's insurance policies. */
export async function GET(
  req: MedusaRequest,
  res: MedusaResponse<ScalexpertInsurancePoliciesResponse>
) {
  res.json({ policies: await orderPolicies(req.scope, String(req.params.order_id)) })
}
