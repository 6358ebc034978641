import { regionOf } from "./catalog"
import { config, type Country } from "./shop-config"
import { store, type Cart } from "./store-api"

/**
 * The cart: its id is in a SameSite=Strict cookie that only the shop's server reads (it puts it in
 * the page it renders), and the cart is read through the server's cache, as Medusa's Next.js
 * starter does (see ../cart-session.ts). Changes go to Medusa's store API.
 */

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
