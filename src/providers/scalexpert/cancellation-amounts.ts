import { amountToCents, centsToAmount } from "../../scalexpert/money"
import type { AfterOrderData } from "./cancellation-types"

/** Amounts of a Scalexpert payment after the order, compared in cents (see cancellation.ts). */

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
