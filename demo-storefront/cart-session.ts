/**
 * The demo shop's server side of the cart, with the hard conditions of Medusa's Next.js starter:
 * - the cart id is in an `HttpOnly`, `SameSite=Strict` cookie, read by the server when it renders
 *   a page (so a navigation that started on the lender's site arrives without it);
 * - the cart is read through a cache that only the shop's own changes invalidate (as Next's
 *   `revalidateTag`), so the shop may see a stale cart (e.g. a refused payment session).
 * The failure route restores the cart from the `cart_id` the plugin puts in the failure URL.
 */
import type { Request, Response, Router } from "express"
import express from "express"

export const CART_COOKIE = "_medusa_cart_id"

export function cartIdOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=")
    if (name === CART_COOKIE) return decodeURIComponent(value.join("=")) || undefined
  }
  return undefined
}

const setCartCookie = (res: Response, cartId: string) =>
  res.cookie(CART_COOKIE, cartId, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    maxAge: 7 * 24 * 3600 * 1000,
  })

const CART_FIELDS =
  "id,region_id,email,total,subtotal,tax_total,shipping_total,currency_code,completed_at,*items,*shipping_address,*shipping_methods,*payment_collection.payment_sessions"

export function cartRoutes(config: { backendUrl: string; publishableKey: string }): Router {
  const cache = new Map<string, unknown>()
  const router = express.Router()
  router.use(express.json())

  // The cart as the shop's server renders it: from the cache when it has it.
  router.get("/api/carts/:id", async (req, res) => {
    const id = req.params.id
    if (!cache.has(id)) {
      const answer = await fetch(`${config.backendUrl}/store/carts/${id}?fields=${CART_FIELDS}`, {
        headers: { "x-publishable-api-key": config.publishableKey },
      })
      if (!answer.ok) return res.status(answer.status).json({ cart: null })
      cache.set(id, ((await answer.json()) as { cart: unknown }).cart)
    }
    res.set("cache-control", "no-store").json({ cart: cache.get(id) })
  })
  // The shop changed the cart: read it again next time.
  router.post("/api/carts/:id/revalidate", (req, res) => {
    cache.delete(req.params.id)
    res.status(204).end()
  })
  router.post("/api/cart-cookie", (req, res) => {
    const cartId = (req.body as { cart_id?: unknown } | undefined)?.cart_id
    if (typeof cartId !== "string" || !/^cart_\w+$/.test(cartId)) return res.status(400).end()
    setCartCookie(res, cartId).status(204).end()
  })
  router.delete("/api/cart-cookie", (_req, res) => {
    res.clearCookie(CART_COOKIE, { path: "/" }).status(204).end()
  })

  // The plugin's failure URL. The journey started on the lender's site: the cookie may be missing.
  // Restore it from cart_id, then go on to the checkout with a navigation of this site (a page,
  // not a redirect: a redirect would still belong to the cross-site navigation).
  router.get("/scalexpert/failure", (req, res) => {
    const cartId = typeof req.query.cart_id === "string" ? req.query.cart_id : ""
    const reason = typeof req.query.reason === "string" ? req.query.reason : "error"
    res.set("x-demo-cart-cookie", cartIdOf(req) ? "present" : "absent")
    if (/^cart_\w+$/.test(cartId)) {
      setCartCookie(res, cartId)
      cache.delete(cartId)
    }
    const target = `/checkout?step=payment&scalexpert_error=${encodeURIComponent(reason)}`
    res
      .type("html")
      .set("cache-control", "no-store")
      .send(
        `<!doctype html><meta http-equiv="refresh" content="0;url=${target}"><p><a href="${target}">Back to the checkout</a></p>`
      )
  })
  return router
}
