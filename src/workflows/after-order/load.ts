import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { SCALEXPERT_MODULE } from "../../modules/scalexpert"
import type ScalexpertModuleService from "../../modules/scalexpert/service"
import { centsOf, type AfterOrderData } from "../../providers/scalexpert/cancellation"
import { scalexpertProviderId } from "../../providers/scalexpert/registry"

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
  unexplained_cancellation?: { amount: number; first_seen_at: string } | null
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

export const fileService = (container: MedusaContainer) =>
  container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)

type RawPayment = {
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

function toPaymentView(payment: RawPayment): PaymentView {
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

const PAYMENT_FIELDS = [
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

/** The payment session (with its payment) and the order of a tracked file. */
async function loadForRow(
  container: MedusaContainer,
  file: FileRow,
  orderId?: string
): Promise<OrderFinancing | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sessions } = await query.graph({
    entity: "payment_session",
    fields: [
      "id",
      "status",
      "amount",
      "currency_code",
      "data",
      "provider_id",
      ...PAYMENT_FIELDS.map((f) => `payment.${f}`),
    ],
    filters: { id: file.payment_session_id },
  })
  const session = sessions[0] as unknown as
    | {
        id: string
        status: string
        amount: unknown
        currency_code: string
        data: Record<string, unknown>
        provider_id: string
        payment?: RawPayment | null
      }
    | undefined
  if (!session || session.provider_id !== scalexpertProviderId(container)) return undefined

  const order_id = orderId ?? file.order_id ?? undefined
  let order: OrderFinancing["order"]
  if (order_id) {
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "status", "canceled_at", "currency_code"],
      filters: { id: order_id },
    })
    const found = orders[0] as
      { id: string; status: string; canceled_at?: unknown; currency_code?: string } | undefined
    if (found) {
      order = {
        id: found.id,
        status: found.status,
        canceled: found.status === "canceled" || !!found.canceled_at,
        currency_code: found.currency_code,
      }
    }
  }
  return {
    file,
    order,
    session: {
      id: session.id,
      status: session.status,
      amount: centsOf(session.amount) / 100,
      currency_code: session.currency_code,
      data: session.data as unknown as AfterOrderData,
    },
    payment: session.payment?.id ? toPaymentView(session.payment) : undefined,
  }
}

/** A tracked file by its payment session. */
export async function loadFinancingBySession(
  container: MedusaContainer,
  paymentSessionId: string,
  orderId?: string
): Promise<OrderFinancing | undefined> {
  const [file] = (await fileService(container).listScalexpertFiles({
    payment_session_id: paymentSessionId,
  })) as unknown as FileRow[]
  return file ? loadForRow(container, file, orderId) : undefined
}

export async function loadFinancingByFile(
  container: MedusaContainer,
  fileId: string
): Promise<OrderFinancing | undefined> {
  const [file] = (await fileService(container).listScalexpertFiles({
    id: fileId,
  })) as unknown as FileRow[]
  return file ? loadForRow(container, file) : undefined
}

/**
 * The Scalexpert file that pays an order: the one of its Scalexpert payment, else of its latest
 * Scalexpert payment session that did not fail. Undefined for an order paid otherwise.
 */
export async function loadFinancingByOrder(
  container: MedusaContainer,
  orderId: string
): Promise<OrderFinancing | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.payment_session_id",
      "payment_collections.payments.created_at",
      "payment_collections.payment_sessions.id",
      "payment_collections.payment_sessions.provider_id",
      "payment_collections.payment_sessions.status",
      "payment_collections.payment_sessions.created_at",
    ],
    filters: { id: orderId },
  })
  const order = orders[0] as
    | {
        payment_collections?: {
          payments?: RawPayment[] | null
          payment_sessions?:
            { id: string; provider_id: string; status: string; created_at?: string | Date }[] | null
        }[]
      }
    | undefined
  if (!order) return undefined
  const time = (v?: string | Date | null) => (v ? new Date(v).getTime() : 0)
  const providerId = scalexpertProviderId(container)
  const collections = order.payment_collections ?? []
  const payment = collections
    .flatMap((c) => c.payments ?? [])
    .filter((p) => p.provider_id === providerId && p.payment_session_id)
    .sort((a, b) => time(b.created_at) - time(a.created_at))[0]
  if (payment?.payment_session_id) {
    return loadFinancingBySession(container, payment.payment_session_id, orderId)
  }
  // No payment (a pre-accepted credit, or one the lender refused since): the latest session of
  // the order that has a file, whatever its status, so the admin keeps the file's history.
  const sessions = collections
    .flatMap((c) => c.payment_sessions ?? [])
    .filter((s) => s.provider_id === providerId)
    .sort((a, b) => time(b.created_at) - time(a.created_at))
  for (const session of sessions) {
    const financing = await loadFinancingBySession(container, session.id, orderId)
    if (financing) return financing
  }
  return undefined
}

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
