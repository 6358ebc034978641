import type { AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"
import { sandboxControl, type LenderDecision } from "./sandbox"

export const SCALEXPERT = "pp_scalexpert_scalexpert"

export const ADDRESSES = {
  fr: {
    first_name: "Camille",
    last_name: "Durand",
    address_1: "12 rue de Rivoli",
    postal_code: "75001",
    city: "Paris",
    province: "Île-de-France",
    country_code: "fr",
    phone: "06 12 34 56 78",
  },
  de: {
    first_name: "Lena",
    last_name: "Schmidt",
    address_1: "Unter den Linden 1",
    postal_code: "10117",
    city: "Berlin",
    province: "Berlin",
    country_code: "de",
    phone: "0151 23456789",
  },
} as const

export type CartOptions = {
  country?: "fr" | "de"
  product?: string
  quantity?: number
  email?: string
  billing?: Record<string, unknown> | null
  shipping?: Record<string, unknown>
}

/** A store API client that sends the demo store's publishable key. */
export function storeHeaders(demo: DemoStore) {
  return { headers: { "x-publishable-api-key": demo.publishableKey } }
}

/**
 * A cart made the way a storefront starts it: the product, the email and the addresses (no
 * shipping method yet).
 */
export async function createCart(api: AxiosInstance, demo: DemoStore, options: CartOptions = {}) {
  const country = options.country ?? "fr"
  const headers = storeHeaders(demo)
  const regionId = country === "fr" ? demo.regions.france : demo.regions.germany
  const { data: products } = await api.get(
    `/store/products?handle=${options.product ?? "city-bike"}&region_id=${regionId}&fields=*variants`,
    headers
  )
  const variantId = products.products[0].variants[0].id as string
  const address = options.billing === undefined ? ADDRESSES[country] : options.billing
  const { data: created } = await api.post(
    "/store/carts",
    {
      region_id: regionId,
      email: options.email ?? "Camille.Durand@Example.com",
      items: [{ variant_id: variantId, quantity: options.quantity ?? 1 }],
      shipping_address: options.shipping ?? ADDRESSES[country],
      ...(address ? { billing_address: address } : {}),
    },
    headers
  )
  return {
    cartId: created.cart.id as string,
    variantId,
    lineId: created.cart.items[0].id as string,
  }
}

/** Adds the shipping option called `name` to the cart (the first one offered if none is). */
export async function addShippingMethod(
  api: AxiosInstance,
  demo: DemoStore,
  cartId: string,
  name?: string
) {
  const headers = storeHeaders(demo)
  const { data } = await api.get(`/store/shipping-options?cart_id=${cartId}`, headers)
  const option =
    data.shipping_options.find((o: { name: string }) => o.name === name) ?? data.shipping_options[0]
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: option.id }, headers)
}

/** Opens the cart's payment collection; returns its id. */
export async function createPaymentCollection(api: AxiosInstance, demo: DemoStore, cartId: string) {
  const { data } = await api.post(
    "/store/payment-collections",
    { cart_id: cartId },
    storeHeaders(demo)
  )
  return data.payment_collection.id as string
}

/**
 * A cart ready for payment, made the way a storefront makes it: items, email, addresses, a
 * shipping method and a payment collection. With `shippingMethod: false` the cart has none:
 * Medusa cannot complete it, so a financing the lender accepts ends without an order.
 */
export async function cartReadyForPayment(
  api: AxiosInstance,
  demo: DemoStore,
  options: CartOptions & { shippingMethod?: boolean } = {}
) {
  const { cartId } = await createCart(api, demo, options)
  if (options.shippingMethod !== false) await addShippingMethod(api, demo, cartId)
  const paymentCollectionId = await createPaymentCollection(api, demo, cartId)
  const { data: cart } = await api.get(`/store/carts/${cartId}?fields=+total`, storeHeaders(demo))
  return { cart: cart.cart, paymentCollectionId }
}

/** The standard storefront call: `initiatePaymentSession` with the Scalexpert provider. */
export async function startFinancing(
  api: AxiosInstance,
  demo: DemoStore,
  paymentCollectionId: string,
  data: Record<string, unknown>
) {
  const { data: body } = await api
    .post(
      `/store/payment-collections/${paymentCollectionId}/payment-sessions`,
      { provider_id: SCALEXPERT, data },
      storeHeaders(demo)
    )
    .catch((error) => {
      throw new Error(
        `payment session refused: ${error.response?.status} ${JSON.stringify(error.response?.data)}`
      )
    })
  const session = body.payment_collection.payment_sessions.find(
    (s: { provider_id: string }) => s.provider_id === SCALEXPERT
  )
  return session as { id: string; status: string; data: Record<string, unknown> }
}

/**
 * The file of a financing started on the payment collection, on which the lender then takes
 * `decision` (the shopper's journey at the lender).
 */
export async function decidedFile(
  api: AxiosInstance,
  demo: DemoStore,
  paymentCollectionId: string,
  financing: { solution: string; decision: LenderDecision }
) {
  const session = await startFinancing(api, demo, paymentCollectionId, {
    solution_code: financing.solution,
  })
  const fileId = session.data.subscription_id as string
  await sandboxControl().decide(fileId, financing.decision)
  return { session, fileId }
}

/**
 * The shopper's return from the lender: the lender's form POST carrying the file id after a
 * decision, or its plain GET link without one (abandon). The answer is a redirect (303) to the
 * storefront, whose URL is returned.
 */
export async function returnFromLender(api: AxiosInstance, sessionId: string, fileId?: string) {
  const redirectOnly = { maxRedirects: 0, validateStatus: (status: number) => status === 303 }
  const answer = fileId
    ? await api.post(
        `/scalexpert/return/${sessionId}`,
        new URLSearchParams({ id: fileId }).toString(),
        { headers: { "content-type": "application/x-www-form-urlencoded" }, ...redirectOnly }
      )
    : await api.get(`/scalexpert/return/${sessionId}`, redirectOnly)
  return new URL(answer.headers.location as string)
}
