import { isScalexpertError } from "../../scalexpert/errors"
import { isLongCredit, marketForSolution } from "../../scalexpert/solutions"
import type { RetryPolicy } from "./options"

export type {
  AfterOrderData,
  PendingCancellation,
  ProviderCall,
  UnrecordedCancellation,
} from "./cancellation-types"
export { acceptedAt, centsOf, euros, formatEuros, remainingCents } from "./cancellation-amounts"
export { planCancellation, SPLIT_PAYMENT_CANCEL_DAYS, type CancelPlan } from "./cancellation-plan"
export {
  applyCancelAnswer,
  compareCancellations,
  isCancellationRequest,
  isRefusedCancellation,
  type CancellationChange,
} from "./cancellation-answers"

/**
 * Cancellations and refunds of a Scalexpert file after the order: pure rules shared by the payment
 * provider (which makes the calls Medusa asks for) and the plugin's workflows (which record them,
 * retry them, and reconcile what was done outside Medusa). Every amount is compared in cents.
 */

/** Delay before attempt `attempt + 1` after `attempt` failed (exponential, capped). */
export function retryDelayMs(attempt: number, policy: Required<RetryPolicy>): number {
  const seconds = Math.min(
    policy.maxDelaySeconds,
    policy.initialDelaySeconds * 2 ** Math.max(0, attempt - 1)
  )
  return seconds * 1000
}

/**
 * The one retry rule of the plugin: after `attempts` failed attempts, give up (a permanent
 * Scalexpert error, or the policy's limit reached) or try again at `next`, with backoff.
 */
export function nextAttempt(
  attempts: number,
  policy: Required<RetryPolicy>,
  options: { error?: unknown; now?: Date } = {}
): { giveUp: boolean; next: Date | null } {
  const { error } = options
  const transient = !isScalexpertError(error) || error.isTransient || error.isUnauthorized
  const giveUp = !transient || attempts >= policy.maxAttempts
  const now = options.now ?? new Date()
  return { giveUp, next: giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts, policy)) }
}

export function lenderName(solutionCode: string): string {
  if (marketForSolution(solutionCode) === "DE") return "Hanseatic Bank"
  return isLongCredit(solutionCode) ? "Franfinance" : "Scalexpert"
}
