import { model } from "@medusajs/framework/utils"
import { ScalexpertFileEvent } from "./scalexpert-file-event"

/** What the plugin knows of one Scalexpert financing file (one per payment session). */
export const ScalexpertFile = model
  .define("scalexpert_file", {
    id: model.id({ prefix: "sxfile" }).primaryKey(),
    payment_session_id: model.text().unique(),
    subscription_id: model.text().nullable(),
    solution_code: model.text(),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    /** The last `consolidatedStatus` the plugin acted on; it only moves forward. */
    status: model.text().nullable(),
    substatus: model.text().nullable(),
    financed_amount: model.bigNumber().nullable(),
    cancelled_amount: model.bigNumber().nullable(),
    last_read_at: model.dateTime().nullable(),
    /** When the reconciliation job reads the file next; null: only when an event names it. */
    next_read_at: model.dateTime().nullable(),
    /**
     * Delivery confirmation of long credit: `pending` (to send, or to retry at
     * `delivery_next_attempt_at`), `confirmed`, `failed` (given up: see `delivery_error`).
     */
    delivery_status: model.text().nullable(),
    delivery_attempts: model.number().default(0),
    delivery_next_attempt_at: model.dateTime().nullable(),
    delivery_error: model.text().nullable(),
    delivery_tracking_number: model.text().nullable(),
    delivery_operator: model.text().nullable(),
    /** What asked for it: `shipment`, `delivery`, `admin`, `capture`. */
    delivery_trigger: model.text().nullable(),
    delivery_fulfillment_id: model.text().nullable(),
    delivery_confirmed_at: model.dateTime().nullable(),
    /** When Medusa's payment was captured after the delivery confirmation. */
    captured_at: model.dateTime().nullable(),
    return_confirmed_at: model.dateTime().nullable(),
    /** Scalexpert allows one partial cancellation per file. */
    partial_cancel_used: model.boolean().default(false),
    /** A (German) cancellation request awaiting the lender: `{amount, full, requested_at, by}`. */
    pending_cancellation: model.json().nullable(),
    /**
     * The Medusa order was canceled: `pending` (to send, or retry), `awaiting_acceptance` (the
     * lender has not accepted the file yet), `requested` (awaiting Hanseatic Bank), `done`,
     * `failed`, `not_needed` (the file ended without funding).
     */
    cancel_status: model.text().nullable(),
    cancel_attempts: model.number().default(0),
    cancel_next_attempt_at: model.dateTime().nullable(),
    cancel_error: model.text().nullable(),
    /**
     * Why no Medusa order can be made from this file (its session was replaced, the cart could not
     * be completed...): the plugin cancels it at the lender if it is accepted (`cancel_status`).
     */
    no_order_reason: model.text().nullable(),
    /** Something a person must act on: `refused_after_shipment`, `amount_mismatch`... */
    flag: model.text().nullable(),
    events: model.hasMany(() => ScalexpertFileEvent, { mappedBy: "file" }),
  })
  .indexes([
    { on: ["subscription_id"] },
    { on: ["status"] },
    { on: ["order_id"] },
    { on: ["delivery_status"] },
    { on: ["cancel_status"] },
    { on: ["next_read_at"], where: "next_read_at IS NOT NULL" },
  ])
