import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import {
  CONSOLIDATED,
  isEndedWithoutMoney,
  isFinal,
  isFundable,
  rankedStatus,
} from "./decide-status"
import type { Action, FileState, News } from "./decide-types"

export { isEndedWithoutMoney, isFinal, isFundable, rankedStatus } from "./decide-status"
export type { Action, FileState, News } from "./decide-types"

/**
 * The one function that decides, for the whole life of a Scalexpert file, what Medusa does with a
 * piece of news: a fresh read of the file, a signed webhook, a Medusa order event or an admin
 * action. Pure: no I/O, no clock (the caller says what is recent). No other place of the plugin
 * branches on a Scalexpert status.
 */

const one = (action: Action): Action[] => [action]

/** What Medusa does with the news. Most news yields one action; `read` always comes alone. */
export function decide(state: FileState, news: News): Action[] {
  switch (news.kind) {
    case "event":
      return decideEvent(state, news.status, news.code)
    case "read":
      return decideRead(state, news.status)
    case "completion_failed":
      return decideCompletionFailed(state)
    case "order":
      return decideOrderEvent(state, news.event)
    case "admin":
      return decideAdmin(state, news.action)
    case "outside_cancel":
      return decideOutsideCancel(state, news.full)
  }
}

/**
 * Medusa's side of a cancellation made in the lender's back office: a refund recorded (captured),
 * the order canceled (all of it, nothing captured), or the refund left for the capture (part of
 * it); nothing once the order or its payment is canceled.
 */
function decideOutsideCancel(state: FileState, full: boolean): Action[] {
  if (state.orderCanceled || state.paymentCanceled) return one("none")
  if (state.capturedCovers) return one("record_refund")
  return one(full ? "cancel_order" : "refund_at_capture")
}

/**
 * A signed event (or the shopper's unsigned return, which carries no status) is a prompt to read,
 * unless it brings nothing new: a late event of a status the file has passed (a final status only
 * moves to CANCELLED, which comes with its own event), or, after a read of the last minutes, the
 * same status (for the return: a final one). Cancellation events are always read: the amount may
 * have moved while the status stayed ACCEPTED.
 */
function decideEvent(state: FileState, status?: string, code?: string): Action[] {
  const known = state.known
  const said = CONSOLIDATED.includes(status as ConsolidatedStatus)
    ? (status as ConsolidatedStatus)
    : undefined
  if (!known || /^SC_CANCEL/.test(code ?? "")) return one("read")
  if (said && isFinal(known) && !isFinal(said)) return one("none")
  if (!state.readRecently) return one("read")
  if (said ? rankedStatus(known, said) === known : isFinal(known)) return one("none")
  return one("read")
}

function decideRead(state: FileState, observed: ConsolidatedStatus): Action[] {
  const status = rankedStatus(state.known, observed)
  const hasOrder = state.medusa === "paid" || state.medusa === "awaiting_authorization"
  if ((hasOrder || state.medusa === "ended") && state.cancellationChanged) {
    return one("settle_cancellation")
  }
  switch (state.medusa) {
    case "open":
      if (status === "ACCEPTED" && state.amountMatches === false) return one("cancel_no_order")
      if (isFundable(status)) return one("complete_cart")
      if (isEndedWithoutMoney(status)) return one("fail")
      return one("wait")
    case "ended":
      return one("none")
    case "no_session":
      return decideWithoutOrder(state, status)
    case "awaiting_authorization":
      if (state.orderCanceled) return decideCanceledOrder(state, status)
      if (status === "ACCEPTED") {
        return one(state.amountMatches === false ? "flag_amount_mismatch" : "authorize_payment")
      }
      if (isEndedWithoutMoney(status)) {
        return one(state.orderShipped ? "refused_after_shipment" : "cancel_order")
      }
      return one("wait")
    case "paid":
      if (state.orderCanceled) return decideCanceledOrder(state, status)
      return one("none")
  }
}

/** A file with no Medusa order to pay (bug-prone paths: replaced sessions, failed carts). */
function decideWithoutOrder(state: FileState, status: ConsolidatedStatus): Action[] {
  // The lender's answer to a cancellation it took as a request (Hanseatic Bank): on record.
  if (state.noOrderCancel === "requested" && state.cancellationChanged) {
    return one("settle_no_order_cancel")
  }
  // Given up or refused, then ended at the lender (its back office): nothing is owed any more.
  if (state.noOrderCancel === "failed" && isEndedWithoutMoney(status)) return one("close_no_order")
  // Cancelled, requested, or given up (listed for a person): no more calls.
  if (state.noOrderCancel && state.noOrderCancel !== "pending") return one("none")
  if (status === "ACCEPTED") return one("cancel_no_order")
  if (isEndedWithoutMoney(status)) return one("close_no_order")
  // Pre-accepted or undecided: Scalexpert cancels a file only once accepted.
  return one("wait")
}

function decideCanceledOrder(state: FileState, status: ConsolidatedStatus): Action[] {
  if (status === "ACCEPTED") return one(state.cancelOwed ? "cancel_file" : "none")
  if (isEndedWithoutMoney(status)) {
    return one(state.medusa === "awaiting_authorization" ? "close_session" : "none")
  }
  // Pre-accepted: cancelled as soon as the lender accepts it.
  return one("wait")
}

function decideCompletionFailed(state: FileState): Action[] {
  const status = state.known
  if (!status) return one("read")
  return decideWithoutOrder({ ...state, medusa: "no_session" }, status)
}

function decideOrderEvent(
  state: FileState,
  event: "canceled" | "shipped" | "refunded" | "returned"
): Action[] {
  const status = state.known
  switch (event) {
    case "canceled":
      // Always on a fresh read: the file may have moved since the last one.
      return one("read")
    case "shipped":
      return one(status === "ACCEPTED" && state.medusa === "paid" ? "confirm_delivery" : "none")
    case "returned":
      return one(status === "ACCEPTED" && state.medusa === "paid" ? "confirm_return" : "none")
    case "refunded":
      return one("none")
  }
}

function decideAdmin(
  state: FileState,
  action: "cancel" | "confirm_delivery" | "capture" | "refresh"
): Action[] {
  const accepted = state.known === "ACCEPTED" && state.medusa === "paid"
  switch (action) {
    case "refresh":
      return one("read")
    case "cancel":
      return one(accepted ? "cancel_file" : "refuse")
    case "confirm_delivery":
      return one(accepted ? "confirm_delivery" : "refuse")
    case "capture":
      return one(accepted && state.orderShipped ? "confirm_delivery" : "refuse")
  }
}
