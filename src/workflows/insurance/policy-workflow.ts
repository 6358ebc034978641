import type { MedusaContainer } from "@medusajs/framework/types"
import {
  transform,
  type ReturnWorkflow,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import { underLock } from "../under-lock"
import { describeFailure, insuranceContext, policyLockKey, type PolicyInput } from "./context"

/**
 * Composes a policy's operation under the policy's lock, shared by every instance (a job on
 * another instance cannot subscribe or cancel it twice). Call it once inside `createWorkflow`.
 */
export function underPolicyLock<T>(
  input: WorkflowData<{ policy_id: string }>,
  compose: () => T
): T {
  return underLock(
    transform({ input }, ({ input }) => policyLockKey(input.policy_id)),
    compose
  )
}

/**
 * One attempt of a policy's workflow (subscription, cancellation). Never throws: the order is not
 * blocked, a failure is on the policy, and a workflow that could not run (e.g. the lock held by
 * another instance) is logged and left to the retry job.
 */
export async function attemptPolicyWorkflow(
  container: MedusaContainer,
  workflow: ReturnWorkflow<PolicyInput, unknown, unknown[]>,
  policyId: string,
  now: Date,
  done: "subscribed" | "cancelled"
): Promise<void> {
  const { errors } = await workflow(container).run({
    input: { policy_id: policyId, now: now.toISOString() },
    throwOnError: false,
  })
  if (errors.length > 0) {
    insuranceContext(container).logger.warn(
      `Scalexpert insurance policy ${policyId} not ${done} now: ${describeFailure(errors[0].error)}`
    )
  }
}
