import type { MedusaContainer } from "@medusajs/framework/types"
import { SCALEXPERT_MODULE } from "../../src/modules/scalexpert"
import { isScalexpert, type OrderView } from "./back-office"

/** The plugin's row of a file: only its copy of the money facts the payment's data holds. */
export type RowCopy = {
  payment_session_id: string
  cancelled_amount: unknown
  partial_cancel_used: boolean | null
  pending_cancellation: unknown
  return_confirmed_at: unknown
  delivery_confirmed_at: unknown
}

type RowService = { listScalexpertFiles(filters: object, config: object): Promise<RowCopy[]> }

/** The rows of the files this scenario's orders are paid with. */
export async function rowsOf(container: MedusaContainer, orders: OrderView[]) {
  const ids = orders.flatMap((o) =>
    o.payment_collections.flatMap((c) => (c.payments ?? []).map((p) => p.payment_session_id))
  )
  const service = container.resolve<RowService>(SCALEXPERT_MODULE)
  const rows = ids.length ? await service.listScalexpertFiles({ payment_session_id: ids }, {}) : []
  return Object.fromEntries(rows.map((row) => [row.payment_session_id, row]))
}

const cents = (amount: unknown) => Math.round(Number(amount ?? 0) * 100)

/**
 * One place holds a file's money facts (the payment's data, which Medusa hands the provider): the
 * row's copy, used by the job's selection and the settings page, says the same.
 */
export function ledgerCopyViolations(
  orders: OrderView[],
  rows: Record<string, RowCopy | undefined>
): string[] {
  const problems: string[] = []
  for (const payment of orders.flatMap((o) =>
    o.payment_collections.flatMap((c) => c.payments ?? [])
  )) {
    const row = payment.payment_session_id ? rows[payment.payment_session_id] : undefined
    if (!isScalexpert(payment.provider_id) || !row) continue
    const data = payment.data ?? {}
    const differs = [
      cents(data.cancelled_amount) !== cents(row.cancelled_amount) && "cancelled amount",
      !!data.partial_cancel_used !== !!row.partial_cancel_used && "partial cancel used",
      !!data.pending_cancellation !== !!row.pending_cancellation && "pending cancellation",
      !!data.return_confirmed_at !== !!row.return_confirmed_at && "return confirmation",
      !!data.delivery_confirmed_at !== !!row.delivery_confirmed_at && "delivery confirmation",
    ].filter(Boolean)
    if (differs.length)
      problems.push(
        `payment ${payment.id}: the plugin's row differs from it on ${differs.join(", ")}`
      )
  }
  return problems
}
