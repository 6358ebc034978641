/**
 * What a shopper does in the demo shop, step by step, for the storefront scenarios.
 */
import assert from "node:assert/strict"
import type { Page } from "playwright-core"
import {
  createScalexpertStorefront,
  type ScalexpertOrderSummary,
} from "../../src/storefront/client"
import type { ScenarioContext } from "./scenario"
import type { Stack } from "./stack"

export const kit = (stack: Stack) =>
  createScalexpertStorefront({
    baseUrl: stack.medusaUrl,
    publishableKey: stack.demo.publishableKey,
  })

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`)

/** The cart id the shop's server read from its SameSite=Strict cookie for the current page. */
export const pageCartId = (page: Page) =>
  page.evaluate(() => window.__SCALEXPERT_DEMO__?.cartId ?? null)

/** A file of the sandbox, through its control API. */
export async function lenderFile(stack: Stack, id: string) {
  const response = await fetch(`${stack.sandbox.url}/__sandbox/subscriptions/${id}`)
  assert.equal(response.status, 200)
  return (await response.json()) as { id: string; solutionCode: string; consolidatedStatus: string }
}

/** Opens a product from the home page, as a shopper does. */
export async function openProduct(context: ScenarioContext, handle: string) {
  const { page, stack } = context
  await page.goto(stack.shopUrl)
  await byTestId(page, `product-${handle}`).click()
  await byTestId(page, "product-title").waitFor()
}

/** Product page → cart → address (changed by `edit`) → payment step. Returns the cart id. */
export async function toPaymentStep(
  context: ScenarioContext,
  handle: string,
  edit?: (page: Page) => Promise<void>
) {
  const { page } = context
  await openProduct(context, handle)
  await byTestId(page, "add-to-cart").click()
  await page.waitForURL(/\/checkout$/)
  await edit?.(page)
  await byTestId(page, "checkout-continue").click()
  await byTestId(page, "payment-step").waitFor()
  const cartId = await pageCartId(page)
  assert.ok(cartId, "the shop keeps the cart id in its cookie")
  return cartId
}

/** Picks a solution on the payment step. */
export async function pick(page: Page, solutionCode: string) {
  const option = page.locator(`[data-testid="scalexpert-solution"][data-code="${solutionCode}"]`)
  await option.waitFor()
  await option.locator('input[type="radio"]').check()
  // The legal text of every solution offered is on the page, the chosen one's included.
  assert.ok((await option.locator('[data-testid="scalexpert-legal-text"]').innerText()).length > 20)
}

export async function checkoutWith(context: ScenarioContext, handle: string, solution: string) {
  const cartId = await toPaymentStep(context, handle)
  await pick(context.page, solution)
  return cartId
}

/** Pays: the shop sends the browser to the lender's journey, on the lender's own site. */
export async function goToLender(context: ScenarioContext, shot?: string) {
  const { page, stack } = context
  await byTestId(page, "scalexpert-pay").click()
  await page.waitForURL(
    (url) =>
      url.hostname === "127.0.0.1" &&
      url.port === String(stack.sandbox.port) &&
      url.pathname.startsWith("/journey/")
  )
  await byTestId(page, "journey-accept").waitFor()
  if (shot) await context.screenshot(shot)
  const fileId = new URL(page.url()).pathname.split("/")[2]
  return { fileId, solution: (await byTestId(page, "journey-solution").innerText()).split(" ")[0] }
}

/** What the cart looks like on the checkout page. */
export async function cartShown(page: Page) {
  await byTestId(page, "cart-summary").waitFor()
  return {
    items: await byTestId(page, "cart-item").allInnerTexts(),
    total: await byTestId(page, "cart-total").innerText(),
  }
}

/**
 * The lender sends the shopper back after a refusal or an abandon: through Medusa's return route
 * to the shop's failure URL, a cross-site navigation that arrives without the shop's
 * SameSite=Strict cookie; the shop restores the cart from `cart_id` and shows the checkout.
 */
export async function backToCheckoutAfter(
  context: ScenarioContext,
  action: "journey-refuse" | "journey-abandon",
  reason: "refused" | "abandoned"
) {
  const { page, stack } = context
  const failure = page.waitForResponse((r) =>
    r.url().startsWith(`${stack.shopUrl}/scalexpert/failure?`)
  )
  await byTestId(page, action).click()
  const landing = await failure
  assert.equal(
    landing.headers()["x-demo-cart-cookie"],
    "absent",
    "the cross-site return arrives without the SameSite=Strict cookie"
  )
  await page.waitForURL(
    (url) =>
      url.href.startsWith(`${stack.shopUrl}/checkout`) &&
      url.searchParams.get("scalexpert_error") === reason
  )
  await byTestId(page, "scalexpert-failure").waitFor()
  await byTestId(page, "scalexpert-picker").waitFor()
}

/** The success page: the order and its confirmation. */
export async function orderShown(context: ScenarioContext): Promise<ScalexpertOrderSummary> {
  const { page, stack } = context
  await page.waitForURL((url) => url.href.startsWith(`${stack.shopUrl}/scalexpert/success`))
  const confirmation = byTestId(page, "scalexpert-confirmation")
  await confirmation.waitFor()
  const orderId = new URL(page.url()).searchParams.get("order_id")
  assert.ok(orderId, "the success page names the order")
  const order = await kit(stack).getOrder(orderId)
  assert.ok(order.display_id !== null)
  assert.match(
    await byTestId(page, "scalexpert-order-number").innerText(),
    new RegExp(`#${order.display_id}\\b`)
  )
  return order
}

/** The cart as Medusa has it (not completed: no order was made from it). */
export async function cartInMedusa(stack: Stack, cartId: string) {
  const response = await fetch(`${stack.medusaUrl}/store/carts/${cartId}?fields=completed_at`, {
    headers: { "x-publishable-api-key": stack.demo.publishableKey },
  })
  return ((await response.json()) as { cart: { completed_at: string | null } }).cart
}
