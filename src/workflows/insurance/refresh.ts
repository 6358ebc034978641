import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import {
  FINAL_INSURANCE_STATUSES,
  isInsuranceStatusMoveAllowed,
  type InsuranceStatus,
} from "../../scalexpert/insurance"
import { insuranceContext, policyService, type Policy, type PolicyInput } from "./context"
import { underPolicyLock } from "./policy-workflow"

export const isFinalStatus = (status: string | null) =>
  !!status && FINAL_INSURANCE_STATUSES.includes(status as InsuranceStatus)

type ReadInput = { policy_id: string }

/** Reads the policy's subscription from the insurer (`GET /subscriptions/{id}`); null if none. */
export const readInsuranceSubscriptionStep = createStep(
  "scalexpert-insurance-read-subscription",
  async (input: ReadInput, { container }) => {
    const policy = await policyService(container).retrieveScalexpertInsurancePolicy(input.policy_id)
    if (!policy.subscription_id) return new StepResponse<InsuranceStatus | null>(null)
    const remote = await insuranceContext(container).client.getSubscription(
      policy.subscription_id,
      { lane: "background" }
    )
    return new StepResponse<InsuranceStatus | null>(remote.consolidatedStatus)
  }
)

/** What the insurer's status changes on the policy: it only moves forward; an end is recorded. */
export function statusUpdate(policy: Policy, remote: InsuranceStatus | null, now: Date) {
  const update: Record<string, unknown> = { id: policy.id, last_read_at: now }
  if (!remote || !isInsuranceStatusMoveAllowed(policy.status as InsuranceStatus | null, remote)) {
    return update
  }
  update.status = remote
  if (isFinalStatus(remote) && policy.cancel_status !== "cancelled") {
    update.cancel_status = remote === "CANCELLED" ? "cancelled" : "not_needed"
    update.cancel_reason = policy.cancel_reason ?? "insurer"
    update.next_attempt_at = null
  }
  return update
}

type RecordStatusInput = { policy_id: string; remote: InsuranceStatus | null; now: string }

/** Keeps what the insurer said of the policy (the previous values are restored on compensation). */
export const recordInsuranceStatusStep = createStep(
  "scalexpert-insurance-record-status",
  async (input: RecordStatusInput, { container }) => {
    const service = policyService(container)
    const policy = await service.retrieveScalexpertInsurancePolicy(input.policy_id)
    const update = statusUpdate(policy, input.remote, new Date(input.now))
    const previous = Object.fromEntries(
      Object.keys(update).map((k) => [k, policy[k as keyof Policy]])
    )
    await service.updateScalexpertInsurancePolicies([update as { id: string }])
    return new StepResponse(input.policy_id, previous as { id: string })
  },
  async (previous, { container }) => {
    if (previous) await policyService(container).updateScalexpertInsurancePolicies([previous])
  }
)

/**
 * Composes the read of the policy's status at the insurer and its record: the refresh, and a
 * cancellation the insurer refused (the policy may have ended meanwhile).
 */
export function refreshStatusSteps(input: WorkflowData<PolicyInput>): void {
  const remote = readInsuranceSubscriptionStep({ policy_id: input.policy_id })
  const recorded = transform({ input, remote }, ({ input, remote }) => ({
    policy_id: input.policy_id,
    remote,
    now: input.now,
  }))
  recordInsuranceStatusStep(recorded)
}

export type RefreshPolicyInput = PolicyInput

export const refreshInsurancePolicyWorkflowId = "scalexpert-insurance-refresh-policy"

/**
 * Reads a policy's status from the insurer and keeps it if it moves forward, under the policy's
 * lock. A policy the insurer ended (cancelled from its side, terminated) is recorded as such.
 */
export const refreshInsurancePolicyWorkflow = createWorkflow(
  refreshInsurancePolicyWorkflowId,
  (input: WorkflowData<RefreshPolicyInput>) => {
    underPolicyLock(input, () => refreshStatusSteps(input))
    return new WorkflowResponse(input.policy_id)
  }
)

/** Re-reads one policy (admin refresh, webhook, reconciliation); throws if the insurer fails. */
export async function refreshPolicy(
  container: MedusaContainer,
  policyId: string,
  now = new Date()
): Promise<Policy> {
  await refreshInsurancePolicyWorkflow(container).run({
    input: { policy_id: policyId, now: now.toISOString() },
  })
  return policyService(container).retrieveScalexpertInsurancePolicy(policyId)
}
