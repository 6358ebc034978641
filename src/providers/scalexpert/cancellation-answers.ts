import type { CancelSubscriptionResponse, ConsolidatedStatus } from "../../scalexpert/schemas"
import { acceptedAt, centsOf, euros, remainingCents } from "./cancellation-amounts"
import type { AfterOrderData, ProviderCall } from "./cancellation-types"

/** The lender's answers to `_cancel`; what a fresh read says of cancellations (cancellation.ts). */

/** `_cancel` answers that say the cancellation is applied (the OpenAPI's, and "Approved"). */
const CANCEL_DONE = new Set([
  "ACCEPTED",
  "CANCELLED",
  "CANCEL_FULL_ACCEPTED",
  "CANCEL_PART_ACCEPTED",
  "APPROVED",
])

export function isRefusedCancellation(status: string | null | undefined): boolean {
  return !!status && (/REJECTED/.test(status) || status === "ABORTED")
}

/**
 * A cancellation the lender has not decided yet: Hanseatic Bank first answers a request
 * (`REQUEST_CANCELLATION`, or `REQUESTED` as the OpenAPI says); any answer that is neither done
 * nor refused is pending until a read, a webhook or the job brings the outcome. No status at all
 * (a plain 200) is done.
 */
export function isCancellationRequest(status: string | null | undefined): boolean {
  if (!status) return false
  return !CANCEL_DONE.has(status.toUpperCase()) && !isRefusedCancellation(status)
}

/** The payment's data once Scalexpert answered `_cancel`. */
export function applyCancelAnswer(
  data: AfterOrderData,
  input: {
    cents: number
    full: boolean
    answer: CancelSubscriptionResponse
    call: ProviderCall
    now?: Date
  }
): AfterOrderData {
  const now = (input.now ?? new Date()).toISOString()
  const calls = [...(data.calls ?? []), input.call]
  const base: AfterOrderData = { ...data, accepted_at: acceptedAt(data), calls }
  if (isCancellationRequest(input.answer.status)) {
    return {
      ...base,
      pending_cancellation: {
        amount: euros(input.cents),
        full: input.full,
        requested_at: now,
        refund_id: input.call.refund_id,
        by: input.call.by,
      },
    }
  }
  return {
    ...base,
    cancelled_amount: euros(centsOf(data.cancelled_amount ?? 0) + input.cents),
    partial_cancel_used: !!data.partial_cancel_used || !input.full,
    pending_cancellation: null,
  }
}

/** What a fresh read of the file says about cancellations, compared with what Medusa knows. */
export type CancellationChange =
  | { kind: "none" }
  | { kind: "outcome"; accepted: boolean; cents: number; full: boolean }
  | { kind: "outside"; cents: number; full: boolean }

/**
 * Compares the lender's file with what Medusa knows (the payment's data): the answer to a pending
 * German request, or a cancellation made outside Medusa. What the plugin is cancelling right now
 * (`inFlightCents`: asked of the lender, its answer not stored yet) is its own; anything the
 * lender cancelled beyond it was cancelled outside Medusa, and counts at once.
 */
export function compareCancellations(input: {
  data: AfterOrderData
  observed: {
    status: ConsolidatedStatus
    financed_amount: number
    cancellation_status?: string | null
  }
  /** Cents the plugin has asked the lender to cancel and Medusa does not know yet. */
  inFlightCents?: number
}): CancellationChange {
  const { data, observed } = input
  if (observed.status !== "ACCEPTED" && observed.status !== "CANCELLED") return { kind: "none" }
  const expected = remainingCents(data)
  const actual = observed.status === "CANCELLED" ? 0 : centsOf(observed.financed_amount)
  const pending = data.pending_cancellation
  if (pending) {
    const status = observed.cancellation_status ?? ""
    if (/^REQUEST_FOR/.test(status)) return { kind: "none" }
    const cents = centsOf(pending.amount)
    const accepted = !isRefusedCancellation(status) && actual <= expected - cents
    if (accepted || isRefusedCancellation(status)) {
      return { kind: "outcome", accepted, cents, full: pending.full }
    }
    return { kind: "none" }
  }
  const cents = expected - actual - (input.inFlightCents ?? 0)
  if (cents <= 0) return { kind: "none" }
  return { kind: "outside", cents, full: actual === 0 }
}
