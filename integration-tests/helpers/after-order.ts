import { setTimeout as sleep } from "node:timers/promises"
import type { AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"
import { adminHeaders } from "./admin"
import { ADDRESSES, SCALEXPERT, startFinancing, storeHeaders } from "./checkout"
import { sandboxControl } from "./sandbox"

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
  const country = options.country ?? "fr"
  const headers = storeHeaders(demo)
  const regionId = country === "fr" ? demo.regions.france : demo.regions.germany
  const { data: products } = await api.get(
    `/store/products?handle=${options.product ?? "city-bike"}&region_id=${regionId}&fields=*variants`,
    headers
  )
  const { data: created } = await api.post(
    "/store/carts",
    {
      region_id: regionId,
      email: "camille.durand@example.com",
      items: [{ variant_id: products.products[0].variants[0].id, quantity: options.quantity ?? 1 }],
      shipping_address: ADDRESSES[country],
      billing_address: ADDRESSES[country],
    },
    headers
  )
  const cartId = created.cart.id as string
  const { data: shipping } = await api.get(`/store/shipping-options?cart_id=${cartId}`, headers)
  const option =
    shipping.shipping_options.find((o: { name: string }) => o.name === options.shipping) ??
    shipping.shipping_options[0]
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: option.id }, headers)
  const { data: collection } = await api.post(
    "/store/payment-collections",
    { cart_id: cartId },
    headers
  )
  const session = await startFinancing(api, demo, collection.payment_collection.id, {
    solution_code: options.solution,
  })
  const fileId = session.data.subscription_id as string
  await sandboxControl().decide(fileId, options.decision ?? "accept")
  const answer = await api.post(
    `/scalexpert/return/${session.id}`,
    new URLSearchParams({ id: fileId }).toString(),
    {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      maxRedirects: 0,
      validateStatus: (status) => status === 303,
    }
  )
  const orderId = new URL(answer.headers.location as string).searchParams.get("order_id")
  if (!orderId) throw new Error(`no order: the return went to ${answer.headers.location}`)
  const { data: cart } = await api.get(`/store/carts/${cartId}?fields=+total`, headers)
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

export type ScalexpertFileView = {
  id: string
  status: string
  substatus: string | null
  solution_code: string
  solution_name: string
  financed_amount: number | null
  cancelled_amount: number
  subscription_id: string
  delivery: {
    status: string
    tracking_number: string | null
    operator: string | null
    attempts: number
    next_attempt_at: string | null
    error: string | null
    payment_captured: boolean
    captured_at: string | null
  }
  return: { received_at: string | null; confirmed_at: string | null }
  cancellation: {
    partial_cancel_used: boolean
    pending: Record<string, unknown> | null
    order_cancel: { status: string; error: string | null } | null
    unrecorded_amount: number
  }
  timeline: {
    kind: string
    trigger: string
    outcome: string
    message: string
    from_status: string | null
    to_status: string | null
    detail: Record<string, unknown> | null
  }[]
}

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
