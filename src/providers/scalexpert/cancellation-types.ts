/** What a Scalexpert payment's `data` keeps of cancellations and calls (see cancellation.ts). */

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
