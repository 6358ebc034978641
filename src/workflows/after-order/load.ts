import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SCALEXPERT_MODULE } from "../../modules/scalexpert"
import type ScalexpertModuleService from "../../modules/scalexpert/service"
import { centsOf, type AfterOrderData } from "../../providers/scalexpert/cancellation"
import { scalexpertProviderId } from "../../providers/scalexpert/registry"
import { PAYMENT_FIELDS, toPaymentView, type RawPayment } from "./load-payment"
import type { FileRow, OrderFinancing } from "./load-types"

/** Loading a file with its Medusa order, session and payment (shapes in `load-types`). */
export type { FileRow, OrderFinancing, PaymentView, TimelineTrigger } from "./load-types"

export const fileService = (container: MedusaContainer) =>
  container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)

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
