import { PaymentSessionStatus } from "@medusajs/framework/utils"
import {
  isStatusTransitionAllowed,
  TERMINAL_STATUSES,
  type ConsolidatedStatus,
} from "../../scalexpert/schemas"
import { isSplitPayment } from "../../scalexpert/solutions"

/**
 * The one place that decides what a Scalexpert status means for Medusa, whoever brought the news
 * (the shopper's return, a webhook, the reconciliation job, the admin).
 */

/** Medusa's payment session status for a file. */
export function getStatus(status: ConsolidatedStatus, solutionCode: string): PaymentSessionStatus {
  switch (status) {
    case "ACCEPTED":
      // Split payment: the lender pays the merchant, nothing left to capture. Long credit is
      // funded only once delivery is confirmed: authorized now, captured then.
      return isSplitPayment(solutionCode)
        ? PaymentSessionStatus.CAPTURED
        : PaymentSessionStatus.AUTHORIZED
    case "PRE_ACCEPTED":
      return PaymentSessionStatus.PENDING_AUTHORIZATION
    case "INITIALIZED":
    case "REQUESTED":
      return PaymentSessionStatus.PENDING
    case "REJECTED":
      return PaymentSessionStatus.ERROR
    case "ABORTED":
    case "CANCELLED":
      return PaymentSessionStatus.CANCELED
  }
}

export const isTerminal = (status: ConsolidatedStatus) => TERMINAL_STATUSES.includes(status)
export const isFinal = (status: ConsolidatedStatus) =>
  status !== "INITIALIZED" && status !== "REQUESTED"

/**
 * Whether news of `observed` may replace the last status we acted on. Statuses only move forward
 * along Scalexpert's documented graph: a late or replayed event never moves a file back.
 */
export function movesForward(known: ConsolidatedStatus | undefined, observed: ConsolidatedStatus) {
  return !known || isStatusTransitionAllowed(known, observed)
}

/** What Medusa must do now that the file is known to be in `observed`. */
export type FileAction =
  | "complete_cart" // accepted or pre-accepted, no order yet
  | "authorize_payment" // the order awaits authorization and the file is now accepted
  | "cancel_order" // the order awaited authorization and the file ended without funding
  | "fail" // refused or abandoned before any order: the cart stays for another try
  | "wait" // the lender has not decided yet
  | "none" // nothing to do (already applied, or stale news)
  | "cancel_file" // the Medusa order was canceled and the lender has accepted the file since
  | "close_session" // the Medusa order was canceled and the file ended: end its payment session
  | "settle_cancellation" // a cancellation outcome, or one made outside Medusa, to record

export type FileFacts = {
  known?: ConsolidatedStatus
  observed: ConsolidatedStatus
  hasOrder: boolean
  sessionStatus: string
  /** The Medusa order was canceled (by the merchant, or because the financing ended). */
  orderCanceled?: boolean
  /** The order's file must still be cancelled at Scalexpert (its cancellation is not done). */
  cancelOwed?: boolean
  /**
   * The file's amount or cancellation status differs from what Medusa knows: a German request
   * answered, or a cancellation made in Scalexpert's back office.
   */
  cancellationChanged?: boolean
}

export function decideAction(facts: FileFacts): FileAction {
  const { known, observed, hasOrder, sessionStatus } = facts
  const awaitingAuthorization = sessionStatus === PaymentSessionStatus.PENDING_AUTHORIZATION
  // After the order, the file is compared with what Medusa knows at every read (the read is
  // fresh, so a replayed event cannot make a difference appear).
  if (hasOrder && facts.cancellationChanged) return "settle_cancellation"
  if (hasOrder && facts.orderCanceled) {
    if (observed === "ACCEPTED") return facts.cancelOwed ? "cancel_file" : "none"
    if (isTerminal(observed)) return awaitingAuthorization ? "close_session" : "none"
    // Pre-accepted: Scalexpert cancels a file only once the lender has accepted it.
    return "wait"
  }
  if (!movesForward(known, observed)) return "none"
  switch (observed) {
    case "INITIALIZED":
    case "REQUESTED":
      return "wait"
    case "PRE_ACCEPTED":
      return hasOrder ? "none" : "complete_cart"
    case "ACCEPTED":
      if (!hasOrder) return "complete_cart"
      return awaitingAuthorization ? "authorize_payment" : "none"
    case "REJECTED":
    case "ABORTED":
    case "CANCELLED":
      if (!hasOrder) return "fail"
      return awaitingAuthorization ? "cancel_order" : "none"
  }
}

/** A reason a storefront can put in its failure URL and translate for the shopper. */
export function failureReason(status: ConsolidatedStatus | undefined): string {
  switch (status) {
    case "REJECTED":
      return "refused"
    case "ABORTED":
      return "abandoned"
    case "CANCELLED":
      return "cancelled"
    case "INITIALIZED":
    case "REQUESTED":
      return "pending"
    default:
      return "error"
  }
}
