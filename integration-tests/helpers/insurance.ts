import axios, { type AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"
import type {
  ScalexpertInsuranceOffersResponse,
  ScalexpertInsurancePolicyView,
} from "../../src/storefront/insurance-types"
import { adminHeaders } from "./admin"
import { ADDRESSES, storeHeaders } from "./checkout"

/** The sandbox insurer's control API (`/__sandbox/insurance/`). */
export function insuranceSandbox() {
  const url = process.env.SCALEXPERT_SANDBOX_URL
  if (!url)
    throw new Error("SCALEXPERT_SANDBOX_URL is not set: run through npm run test:integration")
  const http = axios.create({ baseURL: `${url}/__sandbox/insurance` })
  return {
    reset: () => http.post("/reset"),
    policies: async () => (await http.get<SandboxPolicy[]>("/subscriptions")).data,
    quotes: async () => (await http.get<{ quoteId: string; usedBy?: string }[]>("/quotes")).data,
    expireQuote: (quoteId: string) => http.post(`/quotes/${quoteId}/expire`),
    /** The next `count` subscriptions fail with `status`, or are rejected by the insurer. */
    nextSubscriptions: (body: { outcome: "fail" | "reject"; status?: number; count?: number }) =>
      http.post("/next-subscriptions", body),
    setStatus: (id: string, consolidatedStatus: string) =>
      http.post(`/subscriptions/${id}/status`, { consolidatedStatus }),
  }
}

export type SandboxPolicy = {
  insuranceSubscriptionId: string
  consolidatedStatus: string
  quoteId: string
  insuranceId: string
  merchantGlobalOrderId: string
  merchantBasketId: string
  producerQuoteInsurancePrice: number
  insuredItem: { price: number; label: string }
  cancellationOrigin?: string
}

/** The store routes of insurance, with the demo's publishable key. */
export function insuranceStore(api: AxiosInstance, demo: DemoStore) {
  const headers = storeHeaders(demo)
  return {
    variantOf: async (handle: string) => {
      const { data } = await api.get(
        `/store/products?handle=${handle}&region_id=${demo.regions.france}&fields=*variants`,
        headers
      )
      return data.products[0].variants[0].id as string
    },
    offers: async (variantId: string, country = "FR") =>
      (
        await api.get<ScalexpertInsuranceOffersResponse>(
          `/store/scalexpert/insurance/offers?variant_id=${variantId}&region_id=${demo.regions.france}&country=${country}`,
          headers
        )
      ).data,
    add: async (cartId: string, body: Record<string, unknown>) =>
      (await api.post(`/store/scalexpert/insurance/carts/${cartId}/lines`, body, headers)).data,
    remove: async (cartId: string, lineId: string) =>
      (await api.delete(`/store/scalexpert/insurance/carts/${cartId}/lines/${lineId}`, headers))
        .data,
    cart: async (cartId: string) =>
      (await api.get(`/store/carts/${cartId}?fields=+total,*items,+items.metadata`, headers)).data
        .cart as { id: string; total: number; items: CartItem[] },
    /** A French cart with `quantity` of the product, addresses and a shipping method. */
    cartWith: async (handle: string, quantity = 1) => {
      const variantId = await insuranceStore(api, demo).variantOf(handle)
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: demo.regions.france,
          email: "Camille.Durand@Example.com",
          items: [{ variant_id: variantId, quantity }],
          shipping_address: ADDRESSES.fr,
          billing_address: ADDRESSES.fr,
        },
        headers
      )
      const cartId = data.cart.id as string
      const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, headers)
      await api.post(
        `/store/carts/${cartId}/shipping-methods`,
        { option_id: options.shipping_options[0].id },
        headers
      )
      return { cartId, variantId, lineId: data.cart.items[0].id as string }
    },
    /** Pays with Medusa's system provider and completes the cart: the order is placed. */
    placeOrder: async (cartId: string) => {
      const { data: collection } = await api.post(
        "/store/payment-collections",
        { cart_id: cartId },
        headers
      )
      await api.post(
        `/store/payment-collections/${collection.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        headers
      )
      const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, headers)
      if (data.type !== "order") throw new Error(`cart not completed: ${JSON.stringify(data)}`)
      return data.order.id as string
    },
  }
}

export type CartItem = {
  id: string
  title: string
  quantity: number
  unit_price: number
  variant_id: string | null
  metadata: { scalexpert_insurance?: Record<string, unknown> } | null
}

/** The admin routes of insurance. */
export function insuranceAdmin(api: AxiosInstance, demo: DemoStore) {
  // One login per helper: hashing the password is slow on a busy machine.
  let headers: Awaited<ReturnType<typeof adminHeaders>> | undefined
  const auth = async () => (headers ??= await adminHeaders(api, demo))
  return {
    policies: async (orderId: string) =>
      (
        await api.get<{ policies: ScalexpertInsurancePolicyView[] }>(
          `/admin/scalexpert/insurance/orders/${orderId}`,
          await auth()
        )
      ).data.policies,
    refresh: async (policyId: string) =>
      (await api.post(`/admin/scalexpert/insurance/policies/${policyId}/refresh`, {}, await auth()))
        .data.policy as ScalexpertInsurancePolicyView,
    cancelOrder: async (orderId: string) =>
      api.post(`/admin/orders/${orderId}/cancel`, {}, await auth()),
    /** Fulfils `itemId` (the insured phone), then requests, receives and confirms its return. */
    returnItem: async (orderId: string, itemId: string, quantity = 1) => {
      const h = await auth()
      await api.post(
        `/admin/orders/${orderId}/fulfillments`,
        { items: [{ id: itemId, quantity }] },
        h
      )
      const { data } = await api.post("/admin/returns", { order_id: orderId }, h)
      const id = data.return.id as string
      await api.post(`/admin/returns/${id}/request-items`, { items: [{ id: itemId, quantity }] }, h)
      await api.post(`/admin/returns/${id}/request`, {}, h)
      await api.post(`/admin/returns/${id}/receive`, {}, h)
      await api.post(`/admin/returns/${id}/receive-items`, { items: [{ id: itemId, quantity }] }, h)
      await api.post(`/admin/returns/${id}/receive/confirm`, {}, h)
    },
    /** Captures the order's payment, then refunds all of it. */
    refundAll: async (orderId: string) => {
      const h = await auth()
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payments`,
        h
      )
      const payment = data.order.payment_collections[0].payments[0]
      await api.post(`/admin/payments/${payment.id}/capture`, {}, h)
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: payment.amount }, h)
    },
    items: async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=id,*items`, await auth())).data.order
        .items as { id: string; variant_id: string | null; quantity: number }[],
  }
}
