import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refreshPolicy } from "../../../../../../../workflows/insurance/refresh"
import { describeFailure } from "../../../../../../../workflows/insurance/context"
import { retryInsuranceNow } from "../../../../../../../workflows/insurance/retry"
import { policyView } from "../../../../../../../workflows/insurance/view"

/**
 * `POST /admin/scalexpert/insurance/policies/:id/refresh`: re-reads the policy from the insurer;
 * a subscription or cancellation waiting for a retry is tried again at once.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const id = String(req.params.id)
  try {
    await retryInsuranceNow(req.scope, id)
    const policy = await refreshPolicy(req.scope, id)
    res.json({ policy: policyView(policy) })
  } catch (error) {
    if (error instanceof MedusaError) throw error
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Scalexpert did not answer: ${describeFailure(error)}`
    )
  }
}
