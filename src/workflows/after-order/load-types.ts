/** The shapes of a file and its Medusa order, session and payment after the order. */
import type { AfterOrderData } from "../../providers/scalexpert/cancellation"

/** What brought a timeline line: the checkout's triggers and those after the order. */
export type TimelineTrigger =
  | "return"
  | "webhook"
  | "job"
  | "admin"
  | "shipment"
  | "delivery"
  | "goods_return"
  | "order_canceled"
  | "refund"
  | "capture"

/** The plugin's row of a file (the fields after the order are optional for older rows). */
export type FileRow = {
  id: string
  payment_session_id: string
  subscription_id: string | null
  solution_code: string
  order_id: string | null
  status: string | null
  substatus: string | null
  financed_amount: unknown
  cancelled_amount: unknown
  last_read_at: Date | string | null
  delivery_status?: string | null
  delivery_attempts?: number | null
  delivery_next_attempt_at?: Date | string | null
  delivery_error?: string | null
  delivery_tracking_number?: string | null
  delivery_operator?: string | null
  delivery_trigger?: string | null
  delivery_fulfillment_id?: string | null
  delivery_confirmed_at?: Date | string | null
  captured_at?: Date | string | null
  return_confirmed_at?: Date | string | null
  partial_cancel_used?: boolean | null
  pending_cancellation?: Record<string, unknown> | null
  cancel_status?: string | null
  cancel_attempts?: number | null
  cancel_next_attempt_at?: Date | string | null
  cancel_error?: string | null
  no_order_reason?: string | null
  flag?: string | null
  created_at?: Date | string
}

export type PaymentView = {
  id: string
  amount_cents: number
  captured_cents: number
  refunded_cents: number
  currency_code: string
  canceled_at: string | null
  captured_at: string | null
  data: AfterOrderData
  refunds: { id: string; amount_cents: number; note?: string | null; created_at?: string }[]
}

/** A Scalexpert file with its Medusa order, payment session and payment, as they are now. */
export type OrderFinancing = {
  file: FileRow
  order?: { id: string; status: string; canceled: boolean; currency_code?: string }
  session: {
    id: string
    status: string
    amount: number
    currency_code: string
    data: AfterOrderData
  }
  payment?: PaymentView
}
