import type { CancelSubscriptionResponse, ConsolidatedStatus } from "../../scalexpert/schemas"
import { isScalexpertError } from "../../scalexpert/errors"
import { amountToCents, centsToAmount } from "../../scalexpert/money"
import { isLongCredit, isSplitPayment, marketForSolution } from "../../scalexpert/solutions"
import type { RetryPolicy } from "./options"

/**
 * Cancellations and refunds of a Scalexpert file after the order: pure rules shared by the payment
 * provider (which makes the calls Medusa asks for) and the plugin's workflows (which record them,
 * retry them, and reconcile what was done outside Medusa). Every amount is compared in cents.
 */

/** Split payment can be cancelled at Scalexpert for this many days after the purchase. */
export const SPLIT_PAYMENT_CANCEL_DAYS = 90

const DAY_MS = 24 * 3600 * 1000

/** A call the payment provider made to Scalexpert, kept in the payment's data for the timeline. */
export type ProviderCall = {
  /** Unique per call: the capture, refund or payment id Medusa gave as idempotency key. */
  id: string
  at: string
  call: "_confirmDelivery" | "_confirmReturn" | "_cancel"
  /** The Medusa operation that made it. */
  by: "capture" | "refund" | "cancel"
  amount?: number
  full?: boolean
  /**
   * Scalexpert's answer: `204`, `409`, or the `_cancel` status; `refused` when the lender (or the
   * plugin, before any call, for a rule the lender would apply) refused it: see `message`.
   */
  answer?: string
  refund_id?: string
  /** Why it was refused. */
  message?: string
}

/** A cancellation Hanseatic Bank has not answered yet. */
export type PendingCancellation = {
  amount: number
  full: boolean
  requested_at: string
  refund_id?: string
  /** What asked for it: `refund`, `cancel` (the order), `admin`... */
  by?: string
}

/** A cancellation Scalexpert applied that Medusa has not recorded as a refund yet. */
export type UnrecordedCancellation = {
  id: string
  amount: number
  /** `back_office`: made in Scalexpert's back office; `outcome`: a request answered later. */
  source: "back_office" | "outcome"
  seen_at: string
}

/** What the plugin keeps in a Scalexpert payment's `data` after the order (no personal data). */
export type AfterOrderData = {
  solution_code: string
  subscription_id: string
  amount: number
  file?: { status?: string; read_at?: string; financed_amount?: number }
  /** When the lender accepted the file, as first known (the 90 days of split payment). */
  accepted_at?: string
  delivery_confirmed_at?: string
  /** The order has a shipped fulfillment (Medusa's own capture is allowed from then on). */
  shipped_at?: string
  /** A return of the goods was received in Medusa. */
  return_received_at?: string
  /** Scalexpert was told (`_confirmReturn`). */
  return_confirmed_at?: string
  /** Sum of the cancellations Scalexpert applied (decimal euros). */
  cancelled_amount?: number
  partial_cancel_used?: boolean
  pending_cancellation?: PendingCancellation | null
  unrecorded_cancellations?: UnrecordedCancellation[]
  calls?: ProviderCall[]
}

/** Integer cents of anything Medusa gives as an amount (number, string, BigNumber, raw value). */
export function centsOf(value: unknown): number {
  if (typeof value === "number" || typeof value === "string") return amountToCents(value)
  if (value && typeof value === "object") {
    const v = value as {
      raw?: { value?: unknown }
      value?: unknown
      toFixed?: () => string
      numeric?: number
    }
    if (v.raw && typeof v.raw === "object" && v.raw.value !== undefined) {
      return amountToCents(String(v.raw.value))
    }
    if (v.value !== undefined) return amountToCents(String(v.value))
    if (typeof v.toFixed === "function") return amountToCents(v.toFixed())
    if (typeof v.numeric === "number") return amountToCents(v.numeric)
  }
  throw new RangeError(`Not an amount: ${JSON.stringify(value)}`)
}

export const euros = (cents: number) => centsToAmount(cents)

/** `1 290,00 €`-like text for messages, without locale surprises: `1290.00 €`. */
export const formatEuros = (cents: number) => `${(cents / 100).toFixed(2)} €`

/** What is still financed, as far as Medusa knows (the initial amount less what was cancelled). */
export function remainingCents(data: Pick<AfterOrderData, "amount" | "cancelled_amount">): number {
  return Math.max(0, centsOf(data.amount) - centsOf(data.cancelled_amount ?? 0))
}

/**
 * When the lender accepted the file (the 90 days of split payment): recorded once, by the
 * authorization that first saw it accepted. Payments made before it was recorded fall back on
 * their first read.
 */
export function acceptedAt(data: AfterOrderData): string | undefined {
  return data.accepted_at ?? data.file?.read_at
}

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
  | { kind: "outside"; cents: number; full: boolean; first_seen_at: string; ripe: boolean }

/**
 * Compares the lender's file with what Medusa knows (the payment's data): the answer to a pending
 * German request, or a cancellation made outside Medusa. A difference is only taken for an outside
 * cancellation once it has lasted `graceSeconds` (a cancellation the plugin is sending is on its
 * way to Medusa meanwhile).
 */
export function compareCancellations(input: {
  data: AfterOrderData
  observed: {
    status: ConsolidatedStatus
    financed_amount: number
    cancellation_status?: string | null
  }
  /** When an unexplained difference was first seen, if it was. */
  firstSeenAt?: string | null
  graceSeconds: number
  now?: Date
}): CancellationChange {
  const { data, observed } = input
  const now = input.now ?? new Date()
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
  if (actual >= expected) return { kind: "none" }
  const cents = expected - actual
  const firstSeen = input.firstSeenAt ?? now.toISOString()
  const ripe = now.getTime() - Date.parse(firstSeen) >= input.graceSeconds * 1000
  return { kind: "outside", cents, full: actual === 0, first_seen_at: firstSeen, ripe }
}

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
