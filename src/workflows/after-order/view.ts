import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import {
  getSolution,
  isLongCredit,
  marketForSolution,
  solutionName,
} from "../../scalexpert/solutions"
import { centsOf, euros, type PendingCancellation } from "../../providers/scalexpert/cancellation"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import { decide, type FileState } from "../../providers/scalexpert/decide"
import { fileService, loadFinancingByOrder, type OrderFinancing } from "./load"
import { ledgerOf } from "./ledger"

export type TimelineEntry = {
  id: string
  created_at: string
  kind: string
  trigger: string
  from_status: string | null
  to_status: string | null
  outcome: string
  message: string
  detail: Record<string, unknown> | null
}

/** `GET /admin/scalexpert/orders/:order_id` (and the answer of its actions). */
export type AdminScalexpertFile = {
  id: string
  order_id: string
  payment_session_id: string
  subscription_id: string | null
  solution_code: string
  solution_name: string
  kind: "split" | "long_credit"
  market: "FR" | "DE" | null
  status: string | null
  substatus: string | null
  currency_code: string
  /** What the lender finances now, as last read (decimal euros). */
  financed_amount: number | null
  /** Sum of the cancellations the lender applied (decimal euros). */
  cancelled_amount: number
  last_read_at: string | null
  /**
   * Something a person must act on: `refused_after_shipment` (the lender ended the credit after
   * the goods left), `amount_mismatch` (accepted for another amount): see the timeline.
   */
  flag: string | null
  /** What the widget may offer now (decided by `decide`, the widget does not read statuses). */
  actions: { cancel: boolean; confirm_delivery: boolean }
  delivery: {
    /** `not_required` (split payment), `awaiting_shipment`, `pending`, `confirmed`, `failed`. */
    status: string
    tracking_number: string | null
    operator: string | null
    trigger: string | null
    confirmed_at: string | null
    attempts: number
    next_attempt_at: string | null
    error: string | null
    payment_captured: boolean
    captured_at: string | null
  }
  return: { received_at: string | null; confirmed_at: string | null }
  cancellation: {
    partial_cancel_used: boolean
    pending: PendingCancellation | null
    /** The order was canceled in Medusa: what became of the file. */
    order_cancel: {
      status: string
      attempts: number
      next_attempt_at: string | null
      error: string | null
    } | null
    /** Cancelled at Scalexpert and still to be recorded as a refund in Medusa (decimal euros). */
    unrecorded_amount: number
  }
  timeline: TimelineEntry[]
}

/** The widget's buttons, as `decide` answers the admin's actions on this file now. */
function adminActions(financing: OrderFinancing, deliveryStatus: string) {
  const { file, payment } = financing
  const data = ledgerOf(financing)
  const state: FileState = {
    known: (file.status ?? undefined) as ConsolidatedStatus | undefined,
    medusa: payment && !payment.canceled_at ? "paid" : "ended",
  }
  const allowed = (action: "cancel" | "confirm_delivery") =>
    decide(state, { kind: "admin", action })[0] !== "refuse"
  const remaining = centsOf(file.financed_amount ?? 0)
  return {
    cancel: allowed("cancel") && remaining > 0 && !data.pending_cancellation,
    confirm_delivery:
      isLongCredit(file.solution_code) &&
      allowed("confirm_delivery") &&
      ["awaiting_shipment", "failed", "pending"].includes(deliveryStatus),
  }
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

/** Timeline order: by time; lines written in one go keep the order they were written in. */
const KIND_ORDER: Record<string, number> = { status_change: 0, api_call: 1, note: 2 }

export async function buildAdminView(
  container: MedusaContainer,
  orderId: string,
  known?: OrderFinancing
): Promise<AdminScalexpertFile> {
  const financing = known ?? (await loadFinancingByOrder(container, orderId))
  if (!financing) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} is not paid with Scalexpert`
    )
  }
  const { file, payment } = financing
  const data = ledgerOf(financing)
  const events = (await fileService(container).listScalexpertFileEvents(
    { file_id: file.id },
    { take: 1000 }
  )) as unknown as (TimelineEntry & { created_at: Date | string })[]
  const timeline = events
    .map((e) => ({
      id: e.id,
      created_at: iso(e.created_at)!,
      kind: e.kind,
      trigger: e.trigger,
      from_status: e.from_status ?? null,
      to_status: e.to_status ?? null,
      outcome: e.outcome,
      message: e.message,
      detail: (e.detail as Record<string, unknown> | null) ?? null,
    }))
    .sort(
      (a, b) =>
        a.created_at.localeCompare(b.created_at) ||
        (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) ||
        a.id.localeCompare(b.id)
    )

  const longCredit = isLongCredit(file.solution_code)
  const captured = !!payment && payment.captured_cents >= payment.amount_cents
  const deliveryStatus = !longCredit
    ? "not_required"
    : (file.delivery_status ?? (data.delivery_confirmed_at ? "confirmed" : "awaiting_shipment"))
  const unrecorded = (data.unrecorded_cancellations ?? []).reduce(
    (sum, c) => sum + centsOf(c.amount),
    0
  )
  return {
    id: file.id,
    order_id: orderId,
    payment_session_id: file.payment_session_id,
    subscription_id: file.subscription_id,
    solution_code: file.solution_code,
    solution_name: solutionName(file.solution_code, "en"),
    kind: getSolution(file.solution_code)?.kind ?? (longCredit ? "long_credit" : "split"),
    market: marketForSolution(file.solution_code) ?? null,
    status: file.status,
    substatus: file.substatus,
    currency_code: financing.order?.currency_code ?? financing.session.currency_code,
    financed_amount:
      file.financed_amount === null || file.financed_amount === undefined
        ? null
        : euros(centsOf(file.financed_amount)),
    cancelled_amount: euros(centsOf(data.cancelled_amount ?? 0)),
    last_read_at: iso(file.last_read_at),
    flag: file.flag ?? null,
    actions: adminActions(financing, deliveryStatus),
    delivery: {
      status: deliveryStatus,
      tracking_number: file.delivery_tracking_number ?? null,
      operator: file.delivery_operator ?? null,
      trigger: file.delivery_trigger ?? null,
      confirmed_at: iso(data.delivery_confirmed_at),
      attempts: file.delivery_attempts ?? 0,
      next_attempt_at: iso(file.delivery_next_attempt_at),
      error: file.delivery_error ?? null,
      payment_captured: captured,
      captured_at: iso(file.captured_at ?? payment?.captured_at),
    },
    return: {
      received_at: iso(data.return_received_at),
      confirmed_at: iso(data.return_confirmed_at),
    },
    cancellation: {
      partial_cancel_used: !!data.partial_cancel_used,
      pending: data.pending_cancellation ?? null,
      order_cancel: file.cancel_status
        ? {
            status: file.cancel_status,
            attempts: file.cancel_attempts ?? 0,
            next_attempt_at: iso(file.cancel_next_attempt_at),
            error: file.cancel_error ?? null,
          }
        : null,
      unrecorded_amount: euros(unrecorded),
    },
    timeline,
  }
}
