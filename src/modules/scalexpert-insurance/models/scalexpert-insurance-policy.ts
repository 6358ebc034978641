import { model } from "@medusajs/framework/utils"

/**
 * One insurance policy the shopper bought with an order: one per insured unit (a line of two
 * phones with a warranty extension gives two policies). Prices are in cents.
 */
export const ScalexpertInsurancePolicy = model
  .define("scalexpert_insurance_policy", {
    id: model.id({ prefix: "sxins" }).primaryKey(),
    order_id: model.text(),
    cart_id: model.text().nullable(),
    /** The order's insurance line and the line of the insured item. */
    line_item_id: model.text(),
    insured_line_item_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    insured_title: model.text(),
    /** 1..quantity of the insurance line. */
    unit_index: model.number(),
    solution_code: model.text(),
    insurance_id: model.text(),
    description: model.text(),
    /** The insurer's id of the registered item (`POST /items`). */
    item_id: model.text(),
    quote_id: model.text().nullable(),
    quote_expires_at: model.dateTime().nullable(),
    currency_code: model.text(),
    /** What the shopper paid for this unit's cover. */
    price_cents: model.number(),
    /** The price of the quotation the policy was subscribed with (a re-quote may differ). */
    quoted_price_cents: model.number().nullable(),
    insured_price_cents: model.number(),
    subscription_id: model.text().nullable(),
    /** The insurer's `consolidatedStatus`; only moves forward. */
    status: model.text().nullable(),
    /** `pending` (to send, or retry at `next_attempt_at`), `subscribed`, `failed` (given up). */
    subscribe_status: model.text().default("pending"),
    /** `pending` (to send or retry), `cancelled`, `failed`, `not_needed` (never subscribed). */
    cancel_status: model.text().nullable(),
    /** What asked for the cancellation: `order_canceled`, `refund`, `return`, `admin`. */
    cancel_reason: model.text().nullable(),
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    requoted_at: model.dateTime().nullable(),
    last_read_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["order_id"] },
    { on: ["subscription_id"] },
    { on: ["subscribe_status"] },
    { on: ["cancel_status"] },
  ])
