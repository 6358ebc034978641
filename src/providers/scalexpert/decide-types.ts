import type { ConsolidatedStatus } from "../../scalexpert/schemas"

/** What `decide` (decide.ts) reads and answers. */

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
  /** The order's Scalexpert payment is canceled in Medusa. */
  paymentCanceled?: boolean
  /** What the payment has captured and not refunded covers the amount cancelled outside. */
  capturedCovers?: boolean
}

export type News =
  | { kind: "read"; status: ConsolidatedStatus }
  /** A signed webhook: its `consolidatedStatus`, when it carries one. */
  | { kind: "event"; status?: string; code?: string }
  /** Completing the cart failed after the lender (pre-)accepted the file. */
  | { kind: "completion_failed" }
  | { kind: "order"; event: "canceled" | "shipped" | "refunded" | "returned" }
  | { kind: "admin"; action: "cancel" | "confirm_delivery" | "capture" | "refresh" }
  /**
   * A read showed the lender cancelled more than the plugin asked for (beyond what it is sending
   * now): cancelled outside Medusa, in the lender's back office; `full`: nothing is financed any
   * more. Recorded at once, then this says what Medusa does.
   */
  | { kind: "outside_cancel"; full: boolean }

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
  | "settle_no_order_cancel" // the lender accepted or refused the cancellation of such a file
  | "cancel_file" // the Medusa order was canceled and the lender has accepted the file since
  | "close_session" // the Medusa order was canceled and the file ended: end its payment session
  | "settle_cancellation" // a cancellation outcome, or one made outside Medusa, to record
  | "confirm_delivery" // long credit shipped: tell the lender (then capture)
  | "confirm_return" // long credit's goods came back: tell the lender (before a refund)
  | "record_refund" // cancelled outside, the payment captured: a refund in Medusa, no call
  | "refund_at_capture" // cancelled outside, part of a payment not captured: refunded once it is
  | "refuse" // the admin asked for something the lender's status does not allow now
  | "wait" // the lender has not decided yet
  | "none" // nothing to do (already applied, or stale news)
