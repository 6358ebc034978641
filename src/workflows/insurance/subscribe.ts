import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import { FINAL_INSURANCE_STATUSES } from "../../scalexpert/insurance"
import { insuranceContext, nextAttemptAt, policyService, type PolicyInput } from "./context"
import { attemptPolicyWorkflow, underPolicyLock } from "./policy-workflow"
import { subscribeAtInsurer, type SubscribeOutcome } from "./subscribe-request"

/**
 * Records the attempt before the insurer is called (attempts, and the time of the retry should
 * this attempt never finish). No compensation on purpose: an attempt whose answer was lost must
 * stay due, and the next one finds the subscription it made (`merchantBasketId` = policy id).
 */
export const startInsuranceSubscriptionStep = createStep(
  "scalexpert-insurance-start-subscription",
  async (input: PolicyInput, { container }) => {
    const service = policyService(container)
    const policy = await service.retrieveScalexpertInsurancePolicy(input.policy_id)
    if (policy.subscribe_status !== "pending" || policy.cancel_status) {
      return new StepResponse({ proceed: false, attempts: policy.attempts })
    }
    const attempts = policy.attempts + 1
    const { options } = insuranceContext(container)
    await service.updateScalexpertInsurancePolicies({
      id: policy.id,
      attempts,
      next_attempt_at: nextAttemptAt(options, attempts, new Date(input.now)),
    })
    return new StepResponse({ proceed: true, attempts })
  }
)

/** Subscribes the policy at the insurer (`POST /subscriptions`); the outcome, never a throw. */
export const subscribeAtInsurerStep = createStep(
  "scalexpert-insurance-subscribe-at-insurer",
  async (input: PolicyInput & { proceed: boolean; attempts: number }, { container }) => {
    if (!input.proceed) return new StepResponse<SubscribeOutcome>({ kind: "skipped" })
    const ctx = insuranceContext(container)
    const policy = await policyService(container).retrieveScalexpertInsurancePolicy(input.policy_id)
    const retrying = input.attempts > 1
    return new StepResponse(await subscribeAtInsurer(ctx, policy, retrying, new Date(input.now)))
  }
)

/**
 * Keeps the outcome: subscribed (or refused by the insurer: final), or failed, retried later with
 * the provider's retry policy when the failure was passing (no answer, 5xx, 429).
 */
export const recordInsuranceSubscriptionStep = createStep(
  "scalexpert-insurance-record-subscription",
  async (input: PolicyInput & { attempts: number; outcome: SubscribeOutcome }, { container }) => {
    const { outcome } = input
    if (outcome.kind === "skipped") return new StepResponse(undefined)
    const ctx = insuranceContext(container)
    const now = new Date(input.now)
    const update = { id: input.policy_id, attempts: input.attempts, ...outcome.quote }
    if (outcome.kind === "subscribed") {
      const refused = FINAL_INSURANCE_STATUSES.includes(outcome.status)
      await policyService(container).updateScalexpertInsurancePolicies({
        ...update,
        subscription_id: outcome.subscription_id,
        status: outcome.status,
        subscribe_status: refused ? "failed" : "subscribed",
        last_error: refused ? `The insurer answered ${outcome.status}` : null,
        next_attempt_at: null,
        last_read_at: now,
      })
      return new StepResponse(undefined)
    }
    const retryAt = outcome.transient ? nextAttemptAt(ctx.options, input.attempts, now) : null
    ctx.logger.warn(
      `Scalexpert insurance policy ${input.policy_id} not subscribed (attempt ${input.attempts}): ${outcome.message}`
    )
    await policyService(container).updateScalexpertInsurancePolicies({
      ...update,
      subscribe_status: retryAt ? "pending" : "failed",
      next_attempt_at: retryAt,
      last_error: outcome.message,
    })
    return new StepResponse(undefined)
  }
)

export const subscribeInsurancePolicyWorkflowId = "scalexpert-insurance-subscribe-policy"

/**
 * Subscribes one policy under its lock (a job on another instance cannot subscribe it twice):
 * the attempt is recorded, the insurer called (re-quoting an expired quotation), the outcome kept.
 */
export const subscribeInsurancePolicyWorkflow = createWorkflow(
  subscribeInsurancePolicyWorkflowId,
  (input: WorkflowData<PolicyInput>) => {
    const result = underPolicyLock(input, () => {
      const started = startInsuranceSubscriptionStep(input)
      const callInput = transform({ input, started }, ({ input, started }) => ({
        ...input,
        ...started,
      }))
      const outcome = subscribeAtInsurerStep(callInput)
      const recordInput = transform({ callInput, outcome }, ({ callInput, outcome }) => ({
        ...callInput,
        outcome,
      }))
      recordInsuranceSubscriptionStep(recordInput)
      return outcome
    })
    return new WorkflowResponse(result)
  }
)

/**
 * Subscribes one policy. Never throws: the order is not blocked; a failure is on the policy (and
 * a workflow that could not run, e.g. the lock held by another instance, is left to the retry job).
 */
export async function subscribePolicy(
  container: MedusaContainer,
  policyId: string,
  now = new Date()
): Promise<void> {
  await attemptPolicyWorkflow(
    container,
    subscribeInsurancePolicyWorkflow,
    policyId,
    now,
    "subscribed"
  )
}

/** Subscribes the order's policies waiting for it, one after the other. */
export async function subscribeOrderPolicies(
  container: MedusaContainer,
  orderId: string,
  now = new Date()
) {
  const policies = await policyService(container).listScalexpertInsurancePolicies(
    { order_id: orderId, subscribe_status: "pending" },
    { select: ["id"], order: { unit_index: "ASC" } }
  )
  for (const p of policies) await subscribePolicy(container, p.id, now)
}
