import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import { cancelAtInsurerStep, recordInsuranceCancellationStep } from "./cancel-steps"
import { insuranceContext, nextAttemptAt, policyService, type PolicyInput } from "./context"
import { attemptPolicyWorkflow, underPolicyLock } from "./policy-workflow"
import { refreshStatusSteps } from "./refresh"

export type CancelReason = "order_canceled" | "refund" | "return" | "admin"

export const cancelInsurancePolicyWorkflowId = "scalexpert-insurance-cancel-policy"

/**
 * Cancels one policy whose cancellation was asked, under its lock: the insurer is called; a
 * refusal makes the policy's status be read (it may have ended meanwhile); the outcome is kept.
 */
export const cancelInsurancePolicyWorkflow = createWorkflow(
  cancelInsurancePolicyWorkflowId,
  (input: WorkflowData<PolicyInput>) => {
    const result = underPolicyLock(input, () => {
      const outcome = cancelAtInsurerStep(input)
      when("scalexpert-insurance-cancel-refused", { outcome }, ({ outcome }) => {
        return outcome.kind === "failed" && outcome.refused
      }).then(() => refreshStatusSteps(input))
      const recorded = transform({ input, outcome }, ({ input, outcome }) => ({
        ...input,
        outcome,
      }))
      recordInsuranceCancellationStep(recorded)
      return outcome
    })
    return new WorkflowResponse(result)
  }
)

/** One cancellation attempt; never throws (a workflow that could not run is retried later). */
export async function cancelPolicy(container: MedusaContainer, policyId: string, now = new Date()) {
  await attemptPolicyWorkflow(container, cancelInsurancePolicyWorkflow, policyId, now, "cancelled")
}

/**
 * Cancels policies of an order: all of them, or those of some lines (the insured line or its
 * insurance line), at most `units[line]` per line, latest units first. Already cancelled or
 * never subscribed policies are left as they are. The cancellation is recorded as asked first, so
 * the retry job carries it out if this attempt does not.
 */
export async function cancelOrderPolicies(
  container: MedusaContainer,
  orderId: string,
  reason: CancelReason,
  select: { units?: Record<string, number>; policyIds?: string[] } = {}
): Promise<string[]> {
  const { units, policyIds } = select
  const service = policyService(container)
  const policies = await service.listScalexpertInsurancePolicies(
    { order_id: orderId },
    { order: { unit_index: "DESC" } }
  )
  const left = { ...(units ?? {}) }
  const chosen = policies.filter((p) => {
    if (p.cancel_status === "cancelled" || p.cancel_status === "not_needed") return false
    if (policyIds) return policyIds.includes(p.id)
    if (!units) return true
    const key = [p.line_item_id, p.insured_line_item_id].find((id) => id && (left[id] ?? 0) > 0)
    if (!key) return false
    left[key]--
    return true
  })
  for (const p of chosen) {
    await service.updateScalexpertInsurancePolicies({
      id: p.id,
      cancel_status: "pending",
      cancel_reason: reason,
      attempts: 0,
      // Due later should this attempt never finish (the retry job then carries it out).
      next_attempt_at: nextAttemptAt(insuranceContext(container).options, 1),
    })
    await cancelPolicy(container, p.id)
  }
  return chosen.map((p) => p.id)
}
