import type { MedusaContainer } from "@medusajs/framework/types"

type PaymentLike = {
  id?: string
  provider_id?: string
  payment_session_id?: string | null
  status?: string
  data?: Record<string, unknown> | null
  created_at?: string | Date | null
}

export type OrderWithPayments = {
  payment_collections?: {
    payments?: PaymentLike[] | null
    payment_sessions?: PaymentLike[] | null
  }[]
}

export const SCALEXPERT_PROVIDER_ID = "pp_scalexpert_scalexpert"

export type ScalexpertPaymentRef = {
  solutionCode: string
  paymentSessionId?: string
  /** `data.file.status` as the plugin stored it on the payment or session, if any. */
  storedStatus?: string
}

const time = (value: PaymentLike["created_at"]) => (value ? new Date(value).getTime() : 0)

/**
 * The Scalexpert payment of an order: its payment (what the order was paid with) or, when there is
 * none yet, its latest Scalexpert payment session that did not fail.
 */
export function findScalexpertPayment(order: OrderWithPayments): ScalexpertPaymentRef | undefined {
  const collections = order.payment_collections ?? []
  const ours = (list: PaymentLike[]) =>
    list
      .filter((p) => p.provider_id === SCALEXPERT_PROVIDER_ID && p.data?.solution_code)
      .sort((a, b) => time(b.created_at) - time(a.created_at))
  const payment = ours(collections.flatMap((c) => c.payments ?? []))[0]
  const session = ours(
    collections
      .flatMap((c) => c.payment_sessions ?? [])
      .filter((s) => s.status !== "error" && s.status !== "canceled")
  )[0]
  const chosen = payment ?? session
  if (!chosen?.data) return undefined
  const file = chosen.data.file as { status?: unknown } | undefined
  return {
    solutionCode: String(chosen.data.solution_code),
    paymentSessionId: payment ? (payment.payment_session_id ?? undefined) : session?.id,
    storedStatus: typeof file?.status === "string" ? file.status : undefined,
  }
}

type FileRecord = { status?: string | null }
type FileService = {
  listScalexpertFiles(filters: Record<string, unknown>): Promise<FileRecord[]>
}

/**
 * Scalexpert's status of the order's file: as the plugin's file record keeps it (the status the
 * plugin last acted on; found by order, else by payment session), else as stored on the payment.
 */
export async function scalexpertFileStatus(
  scope: MedusaContainer,
  orderId: string,
  payment: ScalexpertPaymentRef
): Promise<string | undefined> {
  if (scope.hasRegistration("scalexpert")) {
    const files = scope.resolve<FileService>("scalexpert")
    const lookups: Record<string, unknown>[] = [{ order_id: orderId }]
    if (payment.paymentSessionId) lookups.push({ payment_session_id: payment.paymentSessionId })
    for (const filters of lookups) {
      try {
        const status = (await files.listScalexpertFiles(filters)).find((f) => f.status)?.status
        if (status) return status
      } catch {
        // The file record is a convenience; the payment's data is the fallback.
      }
    }
  }
  return payment.storedStatus
}
