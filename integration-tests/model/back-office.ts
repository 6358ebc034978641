import type { AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"
import { adminHeaders } from "../helpers/admin"

export type PaymentView = {
  id: string
  provider_id: string
  payment_session_id?: string
  amount: number
  captured_at: string | null
  canceled_at: string | null
  data: Record<string, unknown> | null
  refunds?: { amount: number }[]
}

export type OrderView = {
  id: string
  status: string
  payment_status: string
  fulfillment_status: string
  items: { id: string; quantity: number }[]
  payment_collections: {
    id: string
    payments?: PaymentView[]
    payment_sessions?: {
      provider_id: string
      status: string
      data: Record<string, unknown> | null
    }[]
  }[]
}

export type AttentionEntry = Record<string, unknown> & { reason?: string }

/** What the plugin's admin route shows of an order's file (only what the invariant reads). */
export type PluginFileView = {
  subscription_id?: string
  status?: string
  cancellation?: { pending?: unknown; unrecorded_amount?: number }
}

const ORDER_FIELDS = [
  "id",
  "status",
  "payment_status",
  "fulfillment_status",
  "*items",
  "*payment_collections",
  "*payment_collections.payments",
  "*payment_collections.payments.refunds",
  "*payment_collections.payment_sessions",
].join(",")

export const isScalexpert = (providerId: string) => providerId.startsWith("pp_scalexpert")

/**
 * The merchant's side, through Medusa's admin API (one login per scenario): the orders made since
 * the scenario began, the admin acts on them, and Settings → Scalexpert's "files that need
 * attention". Acts answer the admin API's status rather than throwing.
 */
export async function backOffice(api: AxiosInstance, demo: DemoStore, since: Date) {
  const auth = await adminHeaders(api, demo)
  const options = { ...auth, validateStatus: () => true }
  const get = async <T>(path: string) => {
    const answer = await api.get<T>(path, options)
    if (answer.status >= 300) throw new Error(`GET ${path}: ${answer.status}`)
    return answer.data
  }
  const post = (path: string, body: unknown = {}) => api.post(path, body, options)

  const orders = async (): Promise<OrderView[]> => {
    const list = await get<{ orders: { id: string }[] }>(
      `/admin/orders?fields=id&limit=100&created_at[$gte]=${encodeURIComponent(since.toISOString())}`
    )
    return Promise.all(
      list.orders.map(
        async ({ id }) =>
          (await get<{ order: OrderView }>(`/admin/orders/${id}?fields=${ORDER_FIELDS}`)).order
      )
    )
  }
  const orderOfCollection = async (collectionId: string) =>
    (await orders()).find((o) => o.payment_collections.some((c) => c.id === collectionId))
  const scalexpertPayment = (order: OrderView) =>
    order.payment_collections
      .flatMap((c) => c.payments ?? [])
      .find((p) => isScalexpert(p.provider_id))

  return {
    orders,
    /** `GET /admin/scalexpert/orders/:id` (undefined when the order shows no file). */
    pluginView: async (orderId: string) => {
      const answer = await api.get<{ scalexpert_file?: PluginFileView }>(
        `/admin/scalexpert/orders/${orderId}`,
        options
      )
      return answer.status === 200 ? answer.data.scalexpert_file : undefined
    },
    orderOfCollection,
    scalexpertPayment,
    attention: async () =>
      (await get<{ settings: { attention: AttentionEntry[] } }>("/admin/scalexpert/settings"))
        .settings.attention,
    cancel: (order: OrderView) => post(`/admin/orders/${order.id}/cancel`),
    /** Fulfils every item, then ships it with a tracking number. */
    ship: async (order: OrderView) => {
      const items = order.items.map((item) => ({ id: item.id, quantity: item.quantity }))
      const fulfilled = await post(
        `/admin/orders/${order.id}/fulfillments?fields=id,*fulfillments`,
        {
          items,
        }
      )
      if (fulfilled.status >= 300) return fulfilled
      const fulfillment = (
        fulfilled.data.order.fulfillments as { id: string; canceled_at: string | null }[]
      ).find((f) => !f.canceled_at)!
      return post(`/admin/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, {
        items,
        labels: [
          {
            tracking_number: "6A12345678901",
            tracking_url: "https://tracking.example.com/t",
            label_url: "https://labels.example.com/l",
          },
        ],
      })
    },
    refund: (payment: PaymentView, amount: number) =>
      post(`/admin/payments/${payment.id}/refund`, { amount }),
    /** Medusa's own "Capture payment" button. */
    capture: (payment: PaymentView) => post(`/admin/payments/${payment.id}/capture`),
  }
}

export type BackOffice = Awaited<ReturnType<typeof backOffice>>
