import { isLongCredit, isSplitPayment } from "../../scalexpert/solutions"
import { acceptedAt, centsOf, formatEuros, remainingCents } from "./cancellation-amounts"
import type { AfterOrderData } from "./cancellation-types"

/** Split payment can be cancelled at Scalexpert for this many days after the purchase. */
export const SPLIT_PAYMENT_CANCEL_DAYS = 90

const DAY_MS = 24 * 3600 * 1000

export type CancelPlan =
  | { kind: "refuse"; message: string; afterSplitWindow?: boolean }
  | { kind: "cancel"; cents: number; full: boolean; confirmReturnFirst: boolean }

/**
 * Checks a cancellation of `cents` before any call: the one partial cancellation, the amount still
 * financed, a request still awaiting the lender, the 90 days of split payment, and the return that
 * delivered long credit needs first.
 */
export function planCancellation(input: {
  data: AfterOrderData
  cents: number
  now?: Date
}): CancelPlan {
  const { data, cents } = input
  const now = input.now ?? new Date()
  const remaining = remainingCents(data)
  const pending = data.pending_cancellation
  if (pending) {
    return {
      kind: "refuse",
      message: `A cancellation of ${formatEuros(centsOf(pending.amount))} is awaiting the lender's answer (requested on ${pending.requested_at.slice(0, 10)}): Scalexpert takes a new cancellation only once Hanseatic Bank has answered.`,
    }
  }
  if (cents <= 0) return { kind: "refuse", message: "The amount to cancel must be positive." }
  if (remaining === 0) {
    return {
      kind: "refuse",
      message: "Nothing is financed by Scalexpert any more: the financing was cancelled in full.",
    }
  }
  if (cents > remaining) {
    return {
      kind: "refuse",
      message: `Scalexpert finances ${formatEuros(remaining)} of this order: ${formatEuros(cents)} cannot be cancelled at the lender.`,
    }
  }
  const full = cents === remaining
  if (!full && data.partial_cancel_used) {
    return {
      kind: "refuse",
      message: `Scalexpert allows one partial cancellation per financing and this one was already used. Refund the whole remaining ${formatEuros(remaining)} to cancel the financing, or refund the customer another way.`,
    }
  }
  if (isSplitPayment(data.solution_code)) {
    const since = acceptedAt(data)
    const days = since ? Math.floor((now.getTime() - Date.parse(since)) / DAY_MS) : 0
    if (since && days > SPLIT_PAYMENT_CANCEL_DAYS) {
      return {
        kind: "refuse",
        afterSplitWindow: true,
        message: `Scalexpert cancels a payment in instalments only within ${SPLIT_PAYMENT_CANCEL_DAYS} days of the purchase; this one was accepted on ${since.slice(0, 10)}, ${days} days ago. Refund the customer another way (for example by bank transfer).`,
      }
    }
  }
  let confirmReturnFirst = false
  if (isLongCredit(data.solution_code) && data.delivery_confirmed_at && !data.return_confirmed_at) {
    if (!data.return_received_at) {
      return {
        kind: "refuse",
        message:
          "This credit's delivery was confirmed to the lender: Scalexpert cancels it only once the goods have come back. Receive the return in Medusa first (the plugin then confirms it to Scalexpert), then refund.",
      }
    }
    confirmReturnFirst = true
  }
  return { kind: "cancel", cents, full, confirmReturnFirst }
}
