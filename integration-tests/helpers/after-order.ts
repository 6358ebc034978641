import { setTimeout as sleep } from "node:timers/promises"
import type { AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"
import type { Settings } from "../../src/admin/lib/types"
import type { AdminScalexpertFile } from "../../src/workflows/after-order/view"
import { adminHeaders } from "./admin"
import {
  addShippingMethod,
  createCart,
  createPaymentCollection,
  decidedFile,
  returnFromLender,
  SCALEXPERT,
  storeHeaders,
} from "./checkout"

export type FinancedOrderOptions = {
  solution: string
  country?: "fr" | "de"
  product?: string
  quantity?: number
  /** Name of the demo shipping option: "La Poste Colissimo" or "DHL Express". */
  shipping?: string
  decision?: "accept" | "preaccept"
}

export type FinancedOrder = {
  orderId: string
  sessionId: string
  fileId: string
  /** The cart total to the cent: what the lender finances. */
  total: number
}

/**
 * An order paid with Scalexpert, made as a shopper makes it: a cart with the chosen shipping
 * option, the financing started, the lender's decision, and the lender's return.
 */
export async function placeFinancedOrder(
  api: AxiosInstance,
  demo: DemoStore,
  options: FinancedOrderOptions
): Promise<FinancedOrder> {
  const { cartId } = await createCart(api, demo, {
    country: options.country,
    product: options.product,
    quantity: options.quantity,
    email: "camille.durand@example.com",
  })
  await addShippingMethod(api, demo, cartId, options.shipping)
  const collectionId = await createPaymentCollection(api, demo, cartId)
  const { session, fileId } = await decidedFile(api, demo, collectionId, {
    solution: options.solution,
    decision: options.decision ?? "accept",
  })
  const landing = await returnFromLender(api, session.id, fileId)
  const orderId = landing.searchParams.get("order_id")
  if (!orderId) throw new Error(`no order: the return went to ${landing}`)
  const { data: cart } = await api.get(`/store/carts/${cartId}?fields=+total`, storeHeaders(demo))
  // The lender finances the total to the cent (German tax can leave tenths of a cent).
  const total = Math.round(Number(cart.cart.total) * 100) / 100
  return { orderId, sessionId: session.id, fileId, total }
}

/** The admin API, logged in as the demo admin. */
export function adminApi(api: AxiosInstance, demo: DemoStore) {
  const headers = () => adminHeaders(api, demo)
  const get = async <T = Record<string, unknown>>(path: string) =>
    (await api.get(path, await headers())).data as T
  const post = async <T = Record<string, unknown>>(path: string, body: unknown = {}) =>
    (await api.post(path, body, await headers())).data as T

  const order = async (orderId: string) =>
    (
      await get<{ order: AdminOrder }>(
        `/admin/orders/${orderId}?fields=id,status,payment_status,fulfillment_status,*items,*payment_collections,*payment_collections.payments,*payment_collections.payments.refunds,*payment_collections.payments.captures`
      )
    ).order

  return {
    headers,
    get,
    post,
    order,
    payment: async (orderId: string) => (await order(orderId)).payment_collections[0].payments[0],
    /** Fulfils every item of the order, then ships it with the given tracking number. */
    ship: async (orderId: string, trackingNumber?: string) => {
      const current = await order(orderId)
      const items = current.items.map((item) => ({ id: item.id, quantity: item.quantity }))
      const { order: fulfilled } = await post<{ order: AdminOrder }>(
        `/admin/orders/${orderId}/fulfillments?fields=id,*fulfillments`,
        { items }
      )
      const fulfillment = fulfilled.fulfillments!.find((f) => !f.canceled_at)!
      await post(`/admin/orders/${orderId}/fulfillments/${fulfillment.id}/shipments`, {
        items,
        labels: trackingNumber
          ? [
              {
                tracking_number: trackingNumber,
                tracking_url: "https://tracking.example.com/t",
                label_url: "https://labels.example.com/l",
              },
            ]
          : [],
      })
      return fulfillment.id
    },
    /** A return of `quantity` of the first item, requested and received. */
    receiveReturn: async (orderId: string, quantity = 1) => {
      const current = await order(orderId)
      const item = current.items[0]
      const { return: created } = await post<{ return: { id: string } }>("/admin/returns", {
        order_id: orderId,
      })
      await post(`/admin/returns/${created.id}/request-items`, {
        items: [{ id: item.id, quantity }],
      })
      await post(`/admin/returns/${created.id}/request`, {})
      await post(`/admin/returns/${created.id}/receive`, {})
      await post(`/admin/returns/${created.id}/receive-items`, {
        items: [{ id: item.id, quantity }],
      })
      await post(`/admin/returns/${created.id}/receive/confirm`, {})
      return created.id
    },
    /** `GET /admin/scalexpert/settings`: the configuration and the files that need attention. */
    settings: async () =>
      (await get<{ settings: Settings }>("/admin/scalexpert/settings")).settings,
    file: async (orderId: string) =>
      (await get<{ scalexpert_file: ScalexpertFileView }>(`/admin/scalexpert/orders/${orderId}`))
        .scalexpert_file,
  }
}

export type AdminOrder = {
  id: string
  status: string
  payment_status: string
  fulfillment_status: string
  items: { id: string; quantity: number }[]
  fulfillments?: { id: string; canceled_at?: string | null }[]
  payment_collections: {
    payments: {
      id: string
      provider_id: string
      amount: number
      captured_at: string | null
      canceled_at: string | null
      data: Record<string, unknown>
      refunds?: { id: string; amount: number; note?: string | null }[]
      captures?: { id: string; amount: number }[]
    }[]
  }[]
}

/** `GET /admin/scalexpert/orders/:order_id`: the route's own answer type. */
export type ScalexpertFileView = AdminScalexpertFile

/** Polls `read` until `done` (subscribers run after the HTTP answer). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { tries = 60, delayMs = 250 } = {}
): Promise<T> {
  let value = await read()
  for (let i = 0; i < tries && !done(value); i++) {
    await sleep(delayMs)
    value = await read()
  }
  return value
}

export { SCALEXPERT }
