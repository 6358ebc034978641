import axios, { type AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"
import type {
  ScalexpertInsuranceOffersResponse,
  ScalexpertInsurancePolicyView,
} from "../../src/storefront/insurance-types"
import { adminHeaders } from "./admin"
import { addShippingMethod, createCart, createPaymentCollection, storeHeaders } from "./checkout"

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

/**
 * The store routes of insurance, with the demo's publishable key (read at each call: `demo` may
 * be refilled before each test).
 */
export function insuranceStore(api: AxiosInstance, demo: DemoStore) {
  const headers = () => storeHeaders(demo)
  const add = async (cartId: string, body: Record<string, unknown>) =>
    (await api.post(`/store/scalexpert/insurance/carts/${cartId}/lines`, body, headers())).data
  return {
    variantOf: async (handle: string) => {
      const { data } = await api.get(
        `/store/products?handle=${handle}&region_id=${demo.regions.france}&fields=*variants`,
        headers()
      )
      return data.products[0].variants[0].id as string
    },
    offers: async (variantId: string, country = "FR") =>
      (
        await api.get<ScalexpertInsuranceOffersResponse>(
          `/store/scalexpert/insurance/offers?variant_id=${variantId}&region_id=${demo.regions.france}&country=${country}`,
          headers()
        )
      ).data,
    add,
    /** Adding a cover that the store must refuse: its answer (status and body). */
    refusedAdd: (cartId: string, body: Record<string, unknown>) =>
      add(cartId, body).then(
        (added) => {
          throw new Error(`the cover was added: ${JSON.stringify(added)}`)
        },
        (error: { response: InsuranceRefusal }) => error.response
      ),
    remove: async (cartId: string, lineId: string) =>
      (await api.delete(`/store/scalexpert/insurance/carts/${cartId}/lines/${lineId}`, headers()))
        .data,
    cart: async (cartId: string) =>
      (await api.get(`/store/carts/${cartId}?fields=+total,*items,+items.metadata`, headers())).data
        .cart as { id: string; total: number; items: CartItem[] },
    /** A French cart with `quantity` of the product, addresses and a shipping method. */
    cartWith: async (handle: string, quantity = 1) => {
      const cart = await createCart(api, demo, { product: handle, quantity })
      await addShippingMethod(api, demo, cart.cartId)
      return cart
    },
    /** Pays with Medusa's system provider and completes the cart: the order is placed. */
    placeOrder: async (cartId: string) => {
      const collectionId = await createPaymentCollection(api, demo, cartId)
      await api.post(
        `/store/payment-collections/${collectionId}/payment-sessions`,
        { provider_id: "pp_system_default" },
        headers()
      )
      const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, headers())
      if (data.type !== "order") throw new Error(`cart not completed: ${JSON.stringify(data)}`)
      return data.order.id as string
    },
  }
}

/** The store's refusal of an insurance request. */
export type InsuranceRefusal = { status: number; data: { code: string; message: string } }

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
  // One login per seeded store (each test seeds its own, with a new publishable key): hashing the
  // password is slow on a busy machine.
  let login: { store: string; headers: Awaited<ReturnType<typeof adminHeaders>> } | undefined
  const auth = async () => {
    if (login?.store !== demo.publishableKey) {
      login = { store: demo.publishableKey, headers: await adminHeaders(api, demo) }
    }
    return login.headers
  }
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
