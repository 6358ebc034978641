import { createScalexpertStorefront, formatAmount, kitLocale } from "../../src/storefront/client"

/**
 * The demo shop's access to Medusa's standard store API (products, regions, carts) and the
 * Scalexpert kit's client. A real storefront would use `@medusajs/js-sdk` for the former.
 */

export type DemoConfig = {
  backendUrl: string
  publishableKey: string
  /** The cart id of the `SameSite=Strict` cookie, as the shop's server read it for this page. */
  cartId?: string
}

declare global {
  interface Window {
    __SCALEXPERT_DEMO__?: DemoConfig
  }
}

export const config: DemoConfig = window.__SCALEXPERT_DEMO__ ?? {
  backendUrl: "http://localhost:9000",
  publishableKey: "",
}

export type Country = "fr" | "de"

/** The shop speaks English; the country is the shopper's billing country (Scalexpert's market). */
export const COUNTRIES: Record<Country, { label: string; locale: "en" | "fr" | "de" }> = {
  fr: { label: "France", locale: "en" },
  de: { label: "Germany", locale: "en" },
}

export function scalexpert(country: Country) {
  return createScalexpertStorefront({
    baseUrl: config.backendUrl,
    publishableKey: config.publishableKey,
    locale: COUNTRIES[country].locale,
  })
}

export const localeOf = (country: Country) => kitLocale(COUNTRIES[country].locale)

export const money = (amount: number, country: Country) => formatAmount(amount, localeOf(country))

async function store<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${config.backendUrl}${path}`, {
    method: init.method ?? "GET",
    headers: {
      "x-publishable-api-key": config.publishableKey,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const body = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status} on ${path}`)
  return body as T
}

export type Region = { id: string; name: string; countries: { iso_2: string }[] }

export type Product = {
  id: string
  title: string
  handle: string
  description: string | null
  variants: {
    id: string
    calculated_price?: {
      calculated_amount: number
      calculated_amount_with_tax?: number | null
      currency_code: string
    }
  }[]
}

export type LineItem = {
  id: string
  title: string
  quantity: number
  unit_price: number
  total: number
  variant_id: string | null
  metadata?: Record<string, unknown> | null
}

export type PaymentSession = {
  id: string
  provider_id: string
  status: string
  data?: { solution_code?: string; subscription_id?: string }
}

export type Cart = {
  id: string
  region_id: string
  email?: string | null
  total: number
  subtotal: number
  tax_total: number
  shipping_total: number
  currency_code: string
  items: LineItem[]
  shipping_address?: Record<string, unknown> | null
  shipping_methods?: { id: string }[]
  completed_at?: string | null
  payment_collection?: { payment_sessions?: PaymentSession[] } | null
}

let regions: Promise<Region[]> | undefined

export async function regionOf(country: Country): Promise<Region> {
  regions ??= store<{ regions: Region[] }>("/store/regions?fields=id,name,*countries").then(
    (r) => r.regions
  )
  const region = (await regions).find((r) => r.countries.some((c) => c.iso_2 === country))
  if (!region) throw new Error(`No region sells to ${country.toUpperCase()}`)
  return region
}

const productQuery = async (country: Country, extra: string) => {
  const region = await regionOf(country)
  return `/store/products?region_id=${region.id}&country_code=${country}&fields=id,title,handle,description,*variants.calculated_price${extra}`
}

export async function listProducts(country: Country): Promise<Product[]> {
  return (await store<{ products: Product[] }>(await productQuery(country, "&order=created_at")))
    .products
}

export async function getProduct(country: Country, handle: string): Promise<Product | undefined> {
  const path = await productQuery(country, `&handle=${encodeURIComponent(handle)}`)
  return (await store<{ products: Product[] }>(path)).products[0]
}

/** The price the shopper pays, taxes included. */
export function priceOf(product: Product): number {
  const price = product.variants[0]?.calculated_price
  return price?.calculated_amount_with_tax ?? price?.calculated_amount ?? 0
}

// ---- the cart: its id is in a SameSite=Strict cookie that only the shop's server reads (it puts
// it in the page it renders), and the cart is read through the server's cache, as Medusa's
// Next.js starter does (see ../cart-session.ts) ---------------------------------------------------

export const storedCartId = () => config.cartId

async function shop(path: string, method: "GET" | "POST" | "DELETE", body?: unknown) {
  const response = await fetch(path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!response.ok && response.status !== 404) throw new Error(`HTTP ${response.status} on ${path}`)
  return response
}

/** After the shop changed the cart (its cache would keep the old one). */
export const revalidateCart = (cartId: string) =>
  shop(`/api/carts/${cartId}/revalidate`, "POST").then(() => undefined)

async function rememberCart(cartId: string) {
  await shop("/api/cart-cookie", "POST", { cart_id: cartId })
  config.cartId = cartId
}

export async function forgetCart() {
  await shop("/api/cart-cookie", "DELETE")
  config.cartId = undefined
}

export async function getCart(cartId = storedCartId()): Promise<Cart | undefined> {
  if (!cartId) return undefined
  const response = await shop(`/api/carts/${cartId}`, "GET")
  if (!response.ok) return undefined
  const { cart } = (await response.json()) as { cart: Cart | null }
  return cart && !cart.completed_at ? cart : undefined
}

export async function addToCart(country: Country, variantId: string): Promise<Cart> {
  const region = await regionOf(country)
  const current = await getCart()
  if (current && current.region_id === region.id) {
    const { cart } = await store<{ cart: Cart }>(`/store/carts/${current.id}/line-items`, {
      method: "POST",
      body: { variant_id: variantId, quantity: 1 },
    })
    await revalidateCart(cart.id)
    return cart
  }
  const { cart } = await store<{ cart: Cart }>("/store/carts", {
    method: "POST",
    body: { region_id: region.id, items: [{ variant_id: variantId, quantity: 1 }] },
  })
  await rememberCart(cart.id)
  return cart
}

/** Removes a line (a product, with its cover: the plugin keeps covers tied to their item). */
export async function removeLine(cartId: string, lineId: string): Promise<Cart | undefined> {
  await store(`/store/carts/${cartId}/line-items/${lineId}`, { method: "DELETE" })
  await revalidateCart(cartId)
  return getCart(cartId)
}

export type Buyer = {
  email: string
  first_name: string
  last_name: string
  address_1: string
  postal_code: string
  city: string
  phone: string
}

/** A made-up buyer per country, so that the demo's checkout is one click. */
export const DEMO_BUYERS: Record<Country, Buyer> = {
  fr: {
    email: "camille.durand@example.com",
    first_name: "Camille",
    last_name: "Durand",
    address_1: "12 rue de Rivoli",
    postal_code: "75001",
    city: "Paris",
    phone: "06 12 34 56 78",
  },
  de: {
    email: "lena.schmidt@example.com",
    first_name: "Lena",
    last_name: "Schmidt",
    address_1: "Unter den Linden 1",
    postal_code: "10117",
    city: "Berlin",
    phone: "0151 23456789",
  },
}

/** Email, addresses (billing = shipping) and the first shipping option: ready for payment. */
export async function prepareCheckout(cart: Cart, country: Country, buyer: Buyer): Promise<Cart> {
  const { email, ...address } = buyer
  const fullAddress = { ...address, country_code: country }
  await store(`/store/carts/${cart.id}`, {
    method: "POST",
    body: { email, shipping_address: fullAddress, billing_address: fullAddress },
  })
  const { shipping_options } = await store<{ shipping_options: { id: string }[] }>(
    `/store/shipping-options?cart_id=${cart.id}`
  )
  if (!shipping_options[0]) throw new Error("No shipping option for this address")
  await store(`/store/carts/${cart.id}/shipping-methods`, {
    method: "POST",
    body: { option_id: shipping_options[0].id },
  })
  await revalidateCart(cart.id)
  return (await getCart(cart.id))!
}
