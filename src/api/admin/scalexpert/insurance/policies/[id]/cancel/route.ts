import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { cancelOrderPolicies } from "../../../../../../../workflows/insurance/cancel"
import { policyService } from "../../../../../../../workflows/insurance/context"
import { policyView } from "../../../../../../../workflows/insurance/view"

/** `POST /admin/scalexpert/insurance/policies/:id/cancel`: cancels one policy at the insurer. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const service = policyService(req.scope)
  const [policy] = await service.listScalexpertInsurancePolicies({ id: String(req.params.id) })
  if (!policy)
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No insurance policy ${req.params.id}`)
  await cancelOrderPolicies(req.scope, policy.order_id, "admin", { policyIds: [policy.id] })
  res.json({ policy: policyView(await service.retrieveScalexpertInsurancePolicy(policy.id)) })
}
