import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { centsOf, type AfterOrderData } from "../../providers/scalexpert/cancellation"
import type { PaymentView } from "./load-types"

/** A Medusa payment as the query returns it, and the view of it the after-order code uses. */
export type RawPayment = {
  id: string
  provider_id?: string
  payment_session_id?: string | null
  amount?: unknown
  raw_amount?: unknown
  currency_code?: string
  canceled_at?: string | Date | null
  captured_at?: string | Date | null
  data?: Record<string, unknown> | null
  created_at?: string | Date | null
  captures?: { raw_amount?: unknown; amount?: unknown }[] | null
  refunds?:
    | {
        id: string
        raw_amount?: unknown
        amount?: unknown
        note?: string | null
        created_at?: string | Date
      }[]
    | null
}

const iso = (value: string | Date | null | undefined) =>
  value ? new Date(value).toISOString() : null

const sum = (list: { raw_amount?: unknown; amount?: unknown }[] | null | undefined) =>
  (list ?? []).reduce((total, item) => total + centsOf(item.raw_amount ?? item.amount ?? 0), 0)

export function toPaymentView(payment: RawPayment): PaymentView {
  return {
    id: payment.id,
    amount_cents: centsOf(payment.raw_amount ?? payment.amount ?? 0),
    captured_cents: sum(payment.captures),
    refunded_cents: sum(payment.refunds),
    currency_code: String(payment.currency_code ?? "eur"),
    canceled_at: iso(payment.canceled_at),
    captured_at: iso(payment.captured_at),
    data: (payment.data ?? {}) as unknown as AfterOrderData,
    refunds: (payment.refunds ?? []).map((r) => ({
      id: r.id,
      amount_cents: centsOf(r.raw_amount ?? r.amount ?? 0),
      note: r.note,
      created_at: iso(r.created_at ?? null) ?? undefined,
    })),
  }
}

export const PAYMENT_FIELDS = [
  "id",
  "provider_id",
  "payment_session_id",
  "amount",
  "raw_amount",
  "currency_code",
  "canceled_at",
  "captured_at",
  "data",
  "created_at",
  "captures.id",
  "captures.raw_amount",
  "refunds.id",
  "refunds.raw_amount",
  "refunds.note",
  "refunds.created_at",
]

/** Merges `patch` into the payment's data (the provider reads it at the next capture or refund). */
export async function updatePaymentData(
  container: MedusaContainer,
  payment: PaymentView,
  patch: Partial<AfterOrderData>
): Promise<AfterOrderData> {
  const paymentModule = container.resolve(Modules.PAYMENT)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // Re-read: the provider may have written it since this financing was loaded.
  const { data } = await query.graph({
    entity: "payment",
    fields: ["id", "data"],
    filters: { id: payment.id },
  })
  const current = ((data[0] as { data?: Record<string, unknown> } | undefined)?.data ??
    payment.data) as AfterOrderData
  const next = { ...current, ...patch }
  await paymentModule.updatePayment({ id: payment.id, data: next } as unknown as { id: string })
  payment.data = next
  return next
}
