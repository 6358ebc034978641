/**
 * The demo shop in a real browser, against the whole stack (Medusa, the plugin, the sandbox's
 * lender journey): what a shopper sees and does. Run by `scripts/browser-tests.ts`.
 */
import assert from "node:assert/strict"
import type { Page } from "playwright-core"
import {
  createScalexpertStorefront,
  type ScalexpertOrderSummary,
} from "../../src/storefront/client"
import type { Scenario, ScenarioContext } from "./scenario"
import type { Stack } from "./stack"

const kit = (stack: Stack) =>
  createScalexpertStorefront({
    baseUrl: stack.medusaUrl,
    publishableKey: stack.demo.publishableKey,
  })

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`)

/** Opens a product from the home page, as a shopper does. */
async function openProduct(context: ScenarioContext, handle: string) {
  const { page, stack } = context
  await page.goto(stack.shopUrl)
  await byTestId(page, `product-${handle}`).click()
  await byTestId(page, "product-title").waitFor()
}

/** Product page → cart → address → payment step, the solution picked. */
async function checkoutWith(context: ScenarioContext, handle: string, solutionCode: string) {
  const { page } = context
  await openProduct(context, handle)
  await byTestId(page, "add-to-cart").click()
  await page.waitForURL(/\/checkout$/)
  await byTestId(page, "checkout-continue").click()
  await byTestId(page, "payment-step").waitFor()
  const option = page.locator(`[data-testid="scalexpert-solution"][data-code="${solutionCode}"]`)
  await option.waitFor()
  await option.locator('input[type="radio"]').check()
  // The legal text of every solution offered is on the page, the chosen one's included.
  assert.ok((await option.locator('[data-testid="scalexpert-legal-text"]').innerText()).length > 20)
  const cartId = await page.evaluate(() => localStorage.getItem("scalexpert-demo-cart"))
  assert.ok(cartId, "the shop keeps the cart id")
  return cartId
}

/** Pays: the shop sends the browser to the lender's journey (the sandbox). */
async function goToLender(context: ScenarioContext, shot: string) {
  const { page, stack } = context
  await byTestId(page, "scalexpert-pay").click()
  // The sandbox's journey page, at its public URL (http://localhost:PORT).
  await page.waitForURL(
    (url) => url.port === String(stack.sandbox.port) && url.pathname.startsWith("/journey/")
  )
  await byTestId(page, "journey-accept").waitFor()
  await context.screenshot(shot)
}

async function orderShown(context: ScenarioContext): Promise<ScalexpertOrderSummary> {
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

export const scenarios: Scenario[] = [
  {
    name: "the product page shows the simulation and the lender's legal text",
    async run(context) {
      const { page, stack } = context
      await openProduct(context, "city-bike")
      const simulation = byTestId(page, "scalexpert-simulation")
      await simulation.waitFor()

      // What the page shows is what the store API answers for this product and price.
      const productId = await page.evaluate(async () => {
        const handle = location.pathname.split("/").pop()
        const config = window.__SCALEXPERT_DEMO__!
        const response = await fetch(
          `${config.backendUrl}/store/products?handle=${handle}&fields=id`,
          { headers: { "x-publishable-api-key": config.publishableKey } }
        )
        return ((await response.json()) as { products: { id: string }[] }).products[0].id
      })
      const price = await byTestId(page, "product-price").getAttribute("data-amount")
      assert.ok(price, "the page says the price it simulates")
      const answer = await kit(stack).getSimulations({
        amount: price,
        country: "FR",
        productId,
      })
      assert.ok(answer.simulations.length >= 2, "split payment and long credit are offered")
      const tabs = byTestId(page, "scalexpert-tab")
      assert.equal(await tabs.count(), answer.simulations.length)

      const first = answer.simulations[0]
      const legal = byTestId(page, "scalexpert-legal-text")
      assert.ok(await legal.isVisible(), "the legal text is visible")
      assert.equal(
        (await legal.innerText()).trim(),
        first.communication_kit!.legal_text!.replace(/<[^>]+>/g, "").trim()
      )
      assert.ok(await byTestId(page, "scalexpert-plan-summary").isVisible())
      assert.ok(await byTestId(page, "scalexpert-plan-total-due").isVisible())
      await context.screenshot("01-product-page-split")

      // A long credit: a duration picker; the figures follow the duration chosen.
      const credit = answer.simulations.find((s) => s.kind === "long_credit")!
      await page.locator(`[data-testid="scalexpert-tab"][data-code="${credit.code}"]`).click()
      const select = byTestId(page, "scalexpert-duration")
      await select.waitFor()
      const shortest = credit.plans[0]
      await select.selectOption(String(shortest.duration))
      const plan = page.locator(
        `[data-testid="scalexpert-plan"][data-duration="${shortest.duration}"]`
      )
      await plan.waitFor()
      assert.match(await plan.innerText(), new RegExp(`^${shortest.duration} `))
      assert.equal(
        (await legal.innerText()).trim(),
        credit.communication_kit!.legal_text!.replace(/<[^>]+>/g, "").trim()
      )
      await context.screenshot("02-product-page-long-credit")
    },
  },
  {
    name: "checkout with 3x: the lender's page, Accept, the confirmation shows the order",
    async run(context) {
      await checkoutWith(context, "espresso-machine", "SCFRSP-3XTS")
      await context.screenshot("03-checkout-payment-step")
      await goToLender(context, "04-lender-journey-3x")
      await byTestId(context.page, "journey-accept").click()
      const order = await orderShown(context)
      assert.equal(order.scalexpert.solution_code, "SCFRSP-3XTS")
      assert.equal(order.scalexpert.status, "ACCEPTED")
      assert.equal(order.payment_status, "captured")
      assert.equal(await byTestId(context.page, "scalexpert-awaiting-decision").count(), 0)
      await context.screenshot("05-order-confirmation-3x")
    },
  },
  {
    name: "Refuse leads back to the checkout with the cart intact",
    async run(context) {
      const { page, stack } = context
      const cartId = await checkoutWith(context, "city-bike", "SCFRSP-4XTS")
      const itemsBefore = await byTestId(page, "cart-item").allInnerTexts()
      const totalBefore = await byTestId(page, "cart-total").innerText()
      await goToLender(context, "06-lender-journey-4x")
      await byTestId(page, "journey-refuse").click()
      await page.waitForURL(
        (url) =>
          url.href.startsWith(`${stack.shopUrl}/checkout`) &&
          url.searchParams.get("scalexpert_error") === "refused"
      )
      await byTestId(page, "scalexpert-failure").waitFor()
      await byTestId(page, "scalexpert-picker").waitFor()
      assert.deepEqual(await byTestId(page, "cart-item").allInnerTexts(), itemsBefore)
      assert.equal(await byTestId(page, "cart-total").innerText(), totalBefore)
      assert.equal(
        await page.evaluate(() => localStorage.getItem("scalexpert-demo-cart")),
        cartId,
        "the same cart"
      )
      const response = await fetch(`${stack.medusaUrl}/store/carts/${cartId}?fields=completed_at`, {
        headers: { "x-publishable-api-key": stack.demo.publishableKey },
      })
      assert.equal(
        ((await response.json()) as { cart: { completed_at: unknown } }).cart.completed_at,
        null
      )
      await context.screenshot("07-refused-back-to-checkout")
    },
  },
  {
    name: "long credit, Pre-accept: the confirmation says the lender's decision is awaited",
    async run(context) {
      await checkoutWith(context, "leather-sofa", "SCFRLT-TXNO")
      await goToLender(context, "08-lender-journey-long-credit")
      await byTestId(context.page, "journey-preaccept").click()
      const order = await orderShown(context)
      assert.equal(order.scalexpert.status, "PRE_ACCEPTED")
      assert.ok(order.scalexpert.awaiting_lender_decision)
      const notice = byTestId(context.page, "scalexpert-awaiting-decision")
      assert.ok(await notice.isVisible())
      assert.match(await notice.innerText(), /awaits the lender's decision/)
      await context.screenshot("09-order-confirmation-pre-accepted")
    },
  },
]
