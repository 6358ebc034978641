import type { ConsolidatedStatus } from "../../scalexpert/schemas"

/**
 * The one function that decides, for the whole life of a Scalexpert file, what Medusa does with a
 * piece of news: a fresh read of the file, a signed webhook, a Medusa order event or an admin
 * action. Pure: no I/O, no clock (the caller says what is recent). No other place of the plugin
 * branches on a Scalexpert status.
 */

/** Non-final statuses by progress; every final status outranks them all. */
const RANK: Record<ConsolidatedStatus, number> = {
  INITIALIZED: 0,
  REQUESTED: 1,
  PRE_ACCEPTED: 2,
  ACCEPTED: 3,
  REJECTED: 3,
  ABORTED: 3,
  CANCELLED: 4,
}

const CONSOLIDATED = Object.keys(RANK) as ConsolidatedStatus[]

/** The lender decided: accepted, refused, abandoned or cancelled. */
export const isFinal = (status: ConsolidatedStatus) => RANK[status] >= 3

/** Final and without money: nothing to cancel, nothing to capture. */
export const isEndedWithoutMoney = (status: ConsolidatedStatus) =>
  status === "REJECTED" || status === "ABORTED" || status === "CANCELLED"

/** The lender holds (or may soon hold) money for this file: it can become an order. */
export const isFundable = (status: ConsolidatedStatus) =>
  status === "ACCEPTED" || status === "PRE_ACCEPTED"

/**
 * The status the plugin keeps once `observed` is read, knowing `known`: a final status always
 * wins over a non-final one; a final status never changes except to CANCELLED; non-final
 * statuses only move forward. A late or replayed read never moves a file back.
 */
export function rankedStatus(
  known: ConsolidatedStatus | undefined,
  observed: ConsolidatedStatus
): ConsolidatedStatus {
  if (!known || known === observed) return observed
  if (known === "CANCELLED") return known
  if (isFinal(known)) return observed === "CANCELLED" ? observed : known
  return RANK[observed] > RANK[known] ? observed : known
}

/** What the plugin knows of the file and its Medusa side when the news arrives. */
export type FileState = {
  /** The status on the plugin's row (what was last acted on). */
  known?: ConsolidatedStatus
  /**
   * Where the Medusa side stands: `open` (a payment session, no order yet), `no_session` (the
   * session was deleted: cart total changed, another method chosen, or the cart was completed
   * otherwise), `awaiting_authorization` (an order whose pre-accepted credit awaits the lender),
   * `paid` (an order with this file's payment), `ended` (the session ended without an order).
   */
  medusa: "open" | "no_session" | "awaiting_authorization" | "paid" | "ended"
  orderCanceled?: boolean
  /** The order has a shipped (or delivered) fulfillment. */
  orderShipped?: boolean
  /** The canceled order's file must still be cancelled at the lender. */
  cancelOwed?: boolean
  /** The lender's cancellations differ from Medusa's (a German outcome, a back-office cancel). */
  cancellationChanged?: boolean
  /** The plugin already cancelled (or is cancelling) this file because it has no order. */
  noOrderCancel?: "pending" | "requested" | "done" | "failed"
  /** The last read is recent enough to stand for a fresh one (a minute or so). */
  readRecently?: boolean
  /** The lender finances what Medusa expects (false: never authorize, flag it). */
  amountMatches?: boolean
}

export type News =
  | { kind: "read"; status: ConsolidatedStatus }
  /** A signed webhook: its `consolidatedStatus`, when it carries one. */
  | { kind: "event"; status?: string; code?: string }
  /** Completing the cart failed after the lender (pre-)accepted the file. */
  | { kind: "completion_failed" }
  | { kind: "order"; event: "canceled" | "shipped" | "refunded" | "returned" }
  | { kind: "admin"; action: "cancel" | "confirm_delivery" | "capture" | "refresh" }

export type Action =
  | "read" // read the file from Scalexpert first, then decide on the read
  | "complete_cart" // accepted or pre-accepted, no order yet
  | "authorize_payment" // the order awaits authorization and the file is now accepted
  | "cancel_order" // the order awaited authorization and the file ended without funding
  | "flag_amount_mismatch" // accepted for another amount than the order's: error, flagged
  | "refused_after_shipment" // same, but goods left: cancel the payment, flag the order
  | "fail" // refused or abandoned before any order: the cart stays for another try
  | "cancel_no_order" // accepted with no order possible: cancel it at the lender, on record
  | "close_no_order" // a file tracked without order ended by itself: nothing owed
  | "cancel_file" // the Medusa order was canceled and the lender has accepted the file since
  | "close_session" // the Medusa order was canceled and the file ended: end its payment session
  | "settle_cancellation" // a cancellation outcome, or one made outside Medusa, to record
  | "confirm_delivery" // long credit shipped: tell the lender (then capture)
  | "confirm_return" // long credit's goods came back: tell the lender (before a refund)
  | "refuse" // the admin asked for something the lender's status does not allow now
  | "wait" // the lender has not decided yet
  | "none" // nothing to do (already applied, or stale news)

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
  }
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
