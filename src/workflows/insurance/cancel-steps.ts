import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isScalexpertError } from "../../scalexpert/errors"
import {
  describeFailure,
  insuranceContext,
  isTransient,
  nextAttemptAt,
  policyService,
  type PolicyInput,
} from "./context"
import { isFinalStatus } from "./refresh"

export type CancelOutcome =
  | { kind: "skipped" }
  /** Nothing to cancel at the insurer: never subscribed, or already ended. */
  | { kind: "settled"; cancel_status: string; subscribe_status: string }
  | { kind: "cancelled"; attempts: number }
  | { kind: "failed"; attempts: number; message: string; transient: boolean; refused: boolean }

/**
 * One cancellation attempt (`POST /subscriptions/{id}/_cancel`) of a policy whose cancellation
 * was asked. The attempt is recorded first (and stays due should it never finish: no
 * compensation, the retry job takes it up; cancelling twice is harmless).
 */
export const cancelAtInsurerStep = createStep(
  "scalexpert-insurance-cancel-at-insurer",
  async (input: PolicyInput, { container }) => {
    const service = policyService(container)
    const policy = await service.retrieveScalexpertInsurancePolicy(input.policy_id)
    if (policy.cancel_status !== "pending") {
      return new StepResponse<CancelOutcome>({ kind: "skipped" })
    }
    if (!policy.subscription_id || isFinalStatus(policy.status)) {
      return new StepResponse<CancelOutcome>({
        kind: "settled",
        cancel_status: policy.status === "CANCELLED" ? "cancelled" : "not_needed",
        subscribe_status: policy.subscription_id ? policy.subscribe_status : "cancelled",
      })
    }
    const ctx = insuranceContext(container)
    const attempts = policy.attempts + 1
    const now = new Date(input.now)
    await service.updateScalexpertInsurancePolicies({
      id: policy.id,
      attempts,
      next_attempt_at: nextAttemptAt(ctx.options, attempts, now),
    })
    try {
      await ctx.client.cancelSubscription(
        policy.subscription_id,
        policy.cancel_reason ?? "merchant",
        { lane: "background" }
      )
      return new StepResponse<CancelOutcome>({ kind: "cancelled", attempts })
    } catch (error) {
      return new StepResponse<CancelOutcome>({
        kind: "failed",
        attempts,
        message: describeFailure(error),
        transient: isTransient(error),
        // Refused: the policy may have ended meanwhile; what the insurer says then decides.
        refused: isScalexpertError(error) && error.status === 400,
      })
    }
  }
)

/** Keeps the outcome of the attempt; a passing failure is retried with the retry policy. */
export const recordInsuranceCancellationStep = createStep(
  "scalexpert-insurance-record-cancellation",
  async (input: PolicyInput & { outcome: CancelOutcome }, { container }) => {
    const { outcome } = input
    const service = policyService(container)
    const id = input.policy_id
    if (outcome.kind === "skipped") return new StepResponse(undefined)
    if (outcome.kind === "settled") {
      const { cancel_status, subscribe_status } = outcome
      await service.updateScalexpertInsurancePolicies({
        id,
        cancel_status,
        subscribe_status,
        next_attempt_at: null,
      })
      return new StepResponse(undefined)
    }
    if (outcome.kind === "cancelled") {
      await service.updateScalexpertInsurancePolicies({
        id,
        attempts: outcome.attempts,
        status: "CANCELLED",
        cancel_status: "cancelled",
        next_attempt_at: null,
        last_error: null,
      })
      return new StepResponse(undefined)
    }
    const policy = await service.retrieveScalexpertInsurancePolicy(id)
    // A refusal of a policy the insurer ended meanwhile: the status read settled it.
    if (outcome.refused && isFinalStatus(policy.status)) return new StepResponse(undefined)
    const ctx = insuranceContext(container)
    const retryAt = outcome.transient
      ? nextAttemptAt(ctx.options, outcome.attempts, new Date(input.now))
      : null
    ctx.logger.warn(
      `Scalexpert insurance policy ${id} not cancelled (attempt ${outcome.attempts}): ${outcome.message}`
    )
    await service.updateScalexpertInsurancePolicies({
      id,
      attempts: outcome.attempts,
      cancel_status: retryAt ? "pending" : "failed",
      next_attempt_at: retryAt,
      last_error: outcome.message,
    })
    return new StepResponse(undefined)
  }
)
