import type { AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"

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
 * A cart ready for payment, made the way a storefront makes it: items, email, addresses, a
 * shipping method and a payment collection.
 */
export async function cartReadyForPayment(
  api: AxiosInstance,
  demo: DemoStore,
  options: CartOptions = {}
) {
  const country = options.country ?? "fr"
  const headers = storeHeaders(demo)
  const regionId = country === "fr" ? demo.regions.france : demo.regions.germany
  const { data: products } = await api.get(
    `/store/products?handle=${options.product ?? "city-bike"}&region_id=${regionId}&fields=*variants`,
    headers
  )
  const variantId = products.products[0].variants[0].id
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
  const cartId = created.cart.id
  const { data: options_ } = await api.get(`/store/shipping-options?cart_id=${cartId}`, headers)
  await api.post(
    `/store/carts/${cartId}/shipping-methods`,
    { option_id: options_.shipping_options[0].id },
    headers
  )
  const { data: collection } = await api.post(
    "/store/payment-collections",
    { cart_id: cartId },
    headers
  )
  const { data: cart } = await api.get(`/store/carts/${cartId}?fields=+total`, headers)
  return { cart: cart.cart, paymentCollectionId: collection.payment_collection.id as string }
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
