/**
 * The demo shop in a real browser, against the whole stack (Medusa, the plugin, the sandbox's
 * lender journey on another site than the shop): what a shopper sees and does. The shop has the
 * hard conditions of Medusa's Next.js starter: a SameSite=Strict cart cookie read by its server
 * and a cart read through a cache. Run by `scripts/browser-tests.ts`.
 */
import assert from "node:assert/strict"
import type { Scenario } from "./scenario"
import {
  backToCheckoutAfter,
  byTestId,
  cartInMedusa,
  cartShown,
  checkoutWith,
  goToLender,
  kit,
  lenderFile,
  openProduct,
  orderShown,
  pageCartId,
  pick,
  toPaymentStep,
} from "./shop-steps"

const legalTextOf = (html: string | null | undefined) => (html ?? "").replace(/<[^>]+>/g, "").trim()

export const scenarios: Scenario[] = [
  {
    name: "the product page shows the badge with the tax-inclusive instalment, the simulation and the legal text",
    async run(context) {
      const { page, stack } = context
      await openProduct(context, "city-bike")
      const simulation = byTestId(page, "scalexpert-simulation")
      await simulation.waitFor()

      // What the page shows is what the store API answers for this product and its price.
      const { productId, withTax, withoutTax } = await page.evaluate(async () => {
        const handle = location.pathname.split("/").pop()
        const config = window.__SCALEXPERT_DEMO__!
        const headers = { "x-publishable-api-key": config.publishableKey }
        const { regions } = await (
          await fetch(`${config.backendUrl}/store/regions?fields=id,*countries`, { headers })
        ).json()
        const region = regions.find((r: { countries: { iso_2: string }[] }) =>
          r.countries.some((c) => c.iso_2 === "fr")
        )
        const url = `${config.backendUrl}/store/products?handle=${handle}&region_id=${region.id}&country_code=fr&fields=id,*variants.calculated_price`
        const { products } = await (await fetch(url, { headers })).json()
        const price = products[0].variants[0].calculated_price
        return {
          productId: products[0].id as string,
          withTax: price.calculated_amount_with_tax as number,
          withoutTax: price.calculated_amount as number,
        }
      })
      assert.ok(withTax > withoutTax, "French VAT applies to this product")
      const price = Number(await byTestId(page, "product-price").getAttribute("data-amount"))
      assert.equal(price, withTax, "the page shows and simulates the price with VAT")

      // The badge: "or 3 × €139.60 without fees", on the price with VAT.
      const badge = page.locator('.product-page [data-testid="scalexpert-badge"]')
      await badge.waitFor()
      assert.equal(Number(await badge.getAttribute("data-price")), withTax)
      const count = Number(await badge.getAttribute("data-count"))
      const instalment = Number(await badge.getAttribute("data-installment"))
      assert.ok(Math.abs(count * instalment - withTax) <= count * 0.01, "instalments of the price")
      assert.match(await badge.innerText(), /^or \d × €[\d,.]+ without fees$/)

      const answer = await kit(stack).getSimulations({ amount: price, country: "FR", productId })
      assert.ok(answer.simulations.length >= 2, "split payment and long credit are offered")
      assert.equal(await byTestId(page, "scalexpert-tab").count(), answer.simulations.length)
      const legal = byTestId(page, "scalexpert-legal-text")
      assert.ok(await legal.isVisible(), "the legal text is visible")
      assert.equal(
        (await legal.innerText()).trim(),
        legalTextOf(answer.simulations[0].communication_kit?.legal_text)
      )
      assert.ok(await byTestId(page, "scalexpert-plan-total-due").isVisible())
      await context.screenshot("01-product-page-split")

      // A long credit: a duration picker; the figures follow the duration chosen.
      const credit = answer.simulations.find((s) => s.kind === "long_credit")!
      await page.locator(`[data-testid="scalexpert-tab"][data-code="${credit.code}"]`).click()
      const shortest = credit.plans[0]
      await byTestId(page, "scalexpert-duration").selectOption(String(shortest.duration))
      const plan = page.locator(
        `[data-testid="scalexpert-plan"][data-duration="${shortest.duration}"]`
      )
      await plan.waitFor()
      assert.match(await plan.innerText(), new RegExp(`^${shortest.duration} `))
      assert.equal(
        (await legal.innerText()).trim(),
        legalTextOf(credit.communication_kit?.legal_text)
      )
      await context.screenshot("02-product-page-long-credit")
    },
  },
  {
    name: "checkout with 3x: the lender's page, Accept, the confirmation shows the order",
    async run(context) {
      await checkoutWith(context, "espresso-machine", "SCFRSP-3XTS")
      const badge = context.page.locator('.checkout [data-testid="scalexpert-badge"]')
      await badge.waitFor()
      await context.screenshot("03-checkout-payment-step")
      await goToLender(context, "04-lender-journey-3x")
      await byTestId(context.page, "journey-accept").click()
      const order = await orderShown(context)
      assert.equal(order.scalexpert.solution_code, "SCFRSP-3XTS")
      assert.equal(order.scalexpert.status, "ACCEPTED")
      assert.equal(order.payment_status, "captured")
      assert.equal(await byTestId(context.page, "scalexpert-awaiting-decision").count(), 0)
      assert.equal(await pageCartId(context.page), null, "the order's cart is forgotten")
      await context.screenshot("05-order-confirmation-3x")
    },
  },
  {
    name: "Refuse on the lender's site: back on the checkout, cart intact; a retry makes a new file, accepted",
    async run(context) {
      const { page, stack } = context
      const cartId = await checkoutWith(context, "city-bike", "SCFRSP-4XTS")
      const before = await cartShown(page)
      const refused = await goToLender(context, "06-lender-journey-4x")
      await backToCheckoutAfter(context, "journey-refuse", "refused")
      assert.deepEqual(await cartShown(page), before)
      assert.equal(await pageCartId(page), cartId, "the same cart, restored from the URL")
      assert.equal((await cartInMedusa(stack, cartId)).completed_at, null)
      await context.screenshot("07-refused-back-to-checkout")

      // The shop's cached cart still has the refused session: the retry must not send it again.
      await pick(page, "SCFRSP-4XTS")
      const retry = await goToLender(context)
      assert.notEqual(retry.fileId, refused.fileId, "a new file")
      assert.equal((await lenderFile(stack, retry.fileId)).solutionCode, "SCFRSP-4XTS")
      await byTestId(page, "journey-accept").click()
      const order = await orderShown(context)
      assert.equal(order.scalexpert.status, "ACCEPTED")
      assert.equal((await lenderFile(stack, refused.fileId)).consolidatedStatus, "REJECTED")
    },
  },
  {
    name: "Abandon on the lender's site: back on the checkout with the cart intact",
    async run(context) {
      const { page, stack } = context
      const cartId = await checkoutWith(context, "espresso-machine", "SCFRSP-3XTS")
      const before = await cartShown(page)
      await goToLender(context)
      await backToCheckoutAfter(context, "journey-abandon", "abandoned")
      assert.deepEqual(await cartShown(page), before)
      assert.equal(await pageCartId(page), cartId)
      assert.equal((await cartInMedusa(stack, cartId)).completed_at, null)
      await context.screenshot("08-abandoned-back-to-checkout")
    },
  },
  {
    name: "3x, back to the shop, then 4x: the lender receives the 4x file",
    async run(context) {
      const { page, stack } = context
      await checkoutWith(context, "city-bike", "SCFRSP-3XTS")
      const first = await goToLender(context)
      assert.equal(first.solution, "SCFRSP-3XTS")
      await page.goBack()
      await byTestId(page, "scalexpert-picker").waitFor()
      await pick(page, "SCFRSP-4XTS")
      const second = await goToLender(context, "09-lender-journey-switched-to-4x")
      assert.equal(second.solution, "SCFRSP-4XTS")
      assert.notEqual(second.fileId, first.fileId)
      assert.equal((await lenderFile(stack, second.fileId)).solutionCode, "SCFRSP-4XTS")
    },
  },
  {
    name: "no mobile phone: the checkout shows the backend's message and code",
    async run(context) {
      const { page } = context
      await toPaymentStep(context, "espresso-machine", (p) =>
        p.locator('input[name="phone"]').fill("")
      )
      await pick(page, "SCFRSP-3XTS")
      await byTestId(page, "scalexpert-pay").click()
      const error = byTestId(page, "scalexpert-error")
      await error.waitFor()
      assert.match(await error.innerText(), /A valid mobile phone number is required/)
      assert.equal(await error.getAttribute("data-code"), "scalexpert_phone_required")
      assert.match(page.url(), /\/checkout/)
      await context.screenshot("10-missing-phone")
    },
  },
  {
    name: "long credit, Pre-accept: the confirmation says the lender's decision is awaited",
    async run(context) {
      await checkoutWith(context, "leather-sofa", "SCFRLT-TXNO")
      await goToLender(context, "11-lender-journey-long-credit")
      await byTestId(context.page, "journey-preaccept").click()
      const order = await orderShown(context)
      assert.equal(order.scalexpert.status, "PRE_ACCEPTED")
      assert.ok(order.scalexpert.awaiting_lender_decision)
      const notice = byTestId(context.page, "scalexpert-awaiting-decision")
      assert.ok(await notice.isVisible())
      assert.match(await notice.innerText(), /awaits the lender's decision/)
      await context.screenshot("12-order-confirmation-pre-accepted")
    },
  },
]
