/**
 * Insurance in a real browser, on the shared stack: the Nova 12 smartphone's covers on its product
 * page (the kit's picker, with durations, prices and legal texts), a cover in the cart tied to the
 * phone and removed, then the phone with the 2-year warranty extension paid in 3 instalments, the
 * policy subscribed at the sandbox insurer and shown (then cancelled) in the admin's order widget.
 * Run by `scripts/browser-tests.ts` with the admin scenarios (it needs the admin).
 */
import assert from "node:assert/strict"
import type { Page } from "playwright-core"
import type {
  ScalexpertInsuranceLineMetadata,
  ScalexpertInsuranceOffersResponse,
  ScalexpertInsurancePoliciesResponse,
} from "../../src/storefront/insurance-types"
import { en } from "../../src/admin/i18n/en"
import { waitFor } from "../helpers/after-order"
import { logIn } from "./admin.browser"
import type { Scenario, ScenarioContext } from "./scenario"
import { byTestId, goToLender, openProduct, orderShown, pageCartId, pick } from "./shop-steps"
import type { Stack } from "./stack"

const PHONE = "Nova 12 smartphone"

type SandboxQuote = { quoteId: string; insuranceId: string; insurancePrice: number }
type SandboxPolicy = {
  insuranceSubscriptionId: string
  consolidatedStatus: string
  quoteId: string
  insuranceId: string
  merchantGlobalOrderId: string
  producerQuoteInsurancePrice: number
}

/** The sandbox insurer's control API. */
async function insurer<T>(stack: Stack, path: string): Promise<T> {
  const response = await fetch(`${stack.sandbox.url}/__sandbox/insurance${path}`)
  assert.equal(response.status, 200, `sandbox ${path}`)
  return (await response.json()) as T
}

type CartLine = { id: string; unit_price: number; metadata: Record<string, unknown> | null }

/** The cart as Medusa has it: its total and its insurance lines. */
async function medusaCart(stack: Stack, cartId: string) {
  const response = await fetch(`${stack.medusaUrl}/store/carts/${cartId}?fields=id,total,*items`, {
    headers: { "x-publishable-api-key": stack.demo.publishableKey },
  })
  const { cart } = (await response.json()) as { cart: { total: number; items: CartLine[] } }
  const covers = cart.items.filter((i) => i.metadata?.scalexpert_insurance)
  return { total: cart.total, items: cart.items, covers }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** The product page of the phone: every cover the store route offers, shown with its legal text. */
async function phoneOffers(context: ScenarioContext) {
  const { page, stack } = context
  const answer = page.waitForResponse(
    (r) =>
      r.request().method() === "GET" &&
      r.url().startsWith(`${stack.medusaUrl}/store/scalexpert/insurance/offers?`)
  )
  await openProduct(context, "smartphone")
  const offers = (await (await answer).json()) as ScalexpertInsuranceOffersResponse
  assert.deepEqual(offers.solutions.map((s) => s.solution_code).sort(), [
    "CIFRBS-DXCO",
    "CIFRWE-DXCO",
  ])
  const picker = page.getByRole("group", { name: /protect your purchase/i })
  await picker.waitFor()
  assert.ok(await picker.getByRole("radio", { name: "No cover" }).isChecked(), "none by default")
  for (const solution of offers.solutions) {
    await picker.getByText(solution.title, { exact: true }).waitFor()
    assert.ok(solution.legal_text, `${solution.solution_code} has a legal text`)
    assert.ok(await picker.getByText(solution.legal_text).isVisible(), "its legal text is shown")
    for (const offer of solution.offers) {
      assert.match(offer.description, /\d+ ans?\b/, "each cover says its duration")
      const label = picker.locator("label").filter({ hasText: offer.description })
      assert.match(await label.innerText(), new RegExp(escape(offer.price.toFixed(2))))
    }
  }
  return picker
}

/** Picks a cover on the product page, adds the phone with it; the checkout shows it tied to it. */
async function addPhoneWith(
  context: ScenarioContext,
  description: string,
  price: number,
  shot: string
) {
  const { page, stack } = context
  const picker = await phoneOffers(context)
  await picker.getByRole("radio", { name: new RegExp(`^${escape(description)}\\b`) }).check()
  await context.screenshot(shot)
  await byTestId(page, "add-to-cart").click()
  await page.waitForURL(/\/checkout$/)
  const cover = byTestId(page, "cart-insurance")
  await cover.waitFor()
  const phoneLine = byTestId(page, "cart-item").filter({ hasText: PHONE })
  assert.equal(
    await cover.getAttribute("data-insured-line"),
    await phoneLine.getAttribute("data-line"),
    "the cover is tied to the phone's line"
  )
  assert.match(await cover.innerText(), new RegExp(`${escape(description)}[\\s\\S]*${PHONE}`))

  // Priced by the insurer's quotation: the line's price is the sandbox's quote.
  const cartId = await pageCartId(page)
  assert.ok(cartId)
  const cart = await medusaCart(stack, cartId)
  assert.equal(cart.covers.length, 1)
  const meta = cart.covers[0].metadata!.scalexpert_insurance as ScalexpertInsuranceLineMetadata
  const quotes = await insurer<SandboxQuote[]>(stack, "/quotes")
  const quote = quotes.find((q) => q.quoteId === meta.quote_id)
  assert.ok(quote, "the line carries the sandbox's quote")
  assert.equal(Number(cart.covers[0].unit_price), quote.insurancePrice)
  assert.equal(quote.insurancePrice, price, "the price shown on the product page")
  assert.equal(Number(await cover.getAttribute("data-unit-price")), quote.insurancePrice)
  return { cartId, cart, quote }
}

/** On the checkout: removing the cover keeps the phone; removing the phone empties the cart. */
async function removeCoverThenPhone(
  context: ScenarioContext,
  added: Awaited<ReturnType<typeof addPhoneWith>>
) {
  const { page, stack } = context
  await page.getByRole("button", { name: `Remove the cover of ${PHONE}` }).click()
  await byTestId(page, "cart-insurance").waitFor({ state: "detached" })
  const without = await medusaCart(stack, added.cartId)
  assert.deepEqual(without.covers, [])
  assert.equal(without.items.length, 1, "the phone stays")
  assert.ok(Math.abs(added.cart.total - without.total - added.quote.insurancePrice) < 0.01)
  await page.getByRole("button", { name: `Remove ${PHONE}` }).click()
  await byTestId(page, "empty-cart").waitFor()
}

/** The policy of the order at the sandbox insurer, once subscribed. */
async function subscribedPolicy(stack: Stack, orderId: string) {
  const policies = await waitFor(
    () => insurer<SandboxPolicy[]>(stack, "/subscriptions"),
    (all) => all.some((p) => p.merchantGlobalOrderId === orderId),
    { tries: 120, delayMs: 250 }
  )
  const policy = policies.find((p) => p.merchantGlobalOrderId === orderId)
  assert.ok(policy, "the policy was subscribed")
  return policy
}

/** The order's policies as the admin route answers them, with the admin's session cookie. */
async function adminPolicies(page: Page, stack: Stack, orderId: string) {
  const response = await page.request.get(
    `${stack.medusaUrl}/admin/scalexpert/insurance/orders/${orderId}`
  )
  assert.equal(response.status(), 200)
  return ((await response.json()) as ScalexpertInsurancePoliciesResponse).policies
}

/** The admin's order widget shows the policy; cancelling it there cancels it at the insurer. */
async function policyInAdmin(context: ScenarioContext, orderId: string, policy: SandboxPolicy) {
  const { page, stack } = context
  await logIn(context)
  // Medusa records the subscription right after the insurer's answer: wait for it, then look.
  await waitFor(
    () => adminPolicies(page, stack, orderId),
    (p) => p[0]?.subscription_id === policy.insuranceSubscriptionId,
    { tries: 120, delayMs: 250 }
  )
  await page.goto(`${stack.adminUrl}/orders/${orderId}`)
  const widget = byTestId(page, "scalexpert-insurance-widget")
  await widget.waitFor({ timeout: 60_000 })
  const status = widget.locator('[data-testid="scalexpert-insurance-status"]')
  assert.equal(await status.getAttribute("data-status"), policy.consolidatedStatus)
  assert.equal(
    (await byTestId(page, "scalexpert-insurance-subscription-id").innerText()).trim(),
    policy.insuranceSubscriptionId
  )
  assert.match(await widget.innerText(), new RegExp(`Extension de garantie 2 ans[\\s\\S]*${PHONE}`))
  await widget.scrollIntoViewIfNeeded()
  await context.screenshot("24-admin-insurance-widget")

  await byTestId(page, "scalexpert-insurance-cancel").click()
  const { confirm } = en.scalexpert.insurance.actions
  await page.getByRole("alertdialog").getByRole("button", { name: confirm }).click()
  await page.waitForSelector('[data-testid="scalexpert-insurance-status"][data-status="CANCELLED"]')
  const cancelled = await insurer<SandboxPolicy>(
    stack,
    `/subscriptions/${policy.insuranceSubscriptionId}`
  )
  assert.equal(cancelled.consolidatedStatus, "CANCELLED")
  await context.screenshot("25-admin-insurance-cancelled")
}

export const insuranceScenarios: Scenario[] = [
  {
    name: "insurance: the phone's covers on its page, tied to it in the cart, removed; the warranty paid in 3x, subscribed, in the admin widget, cancelled",
    async run(context) {
      const { page, stack } = context
      const screen = await addPhoneWith(
        context,
        "Ecran cassé 1 an",
        89.99,
        "20-insurance-product-page"
      )
      await context.screenshot("21-insurance-cart-screen-cover")
      await removeCoverThenPhone(context, screen)

      await page.goto(stack.shopUrl)
      const warranty = await addPhoneWith(
        context,
        "Extension de garantie 2 ans",
        79.99,
        "22-insurance-warranty-picked"
      )
      await byTestId(page, "checkout-continue").click()
      await byTestId(page, "payment-step").waitFor()
      const paid = await medusaCart(stack, warranty.cartId)
      assert.equal(paid.covers.length, 1, "the cover is still in the cart with the address")
      await pick(page, "SCFRSP-3XTS")
      await goToLender(context)
      await byTestId(page, "journey-accept").click()
      const order = await orderShown(context)
      assert.ok(Math.abs(order.total - paid.total) < 0.01, "the order is the cart, cover included")
      await context.screenshot("23-insurance-order-confirmation")

      // Subscribed at the insurer with the quotation of the cart line.
      const policy = await subscribedPolicy(stack, order.id)
      assert.equal(policy.consolidatedStatus, "SUBSCRIBED")
      assert.equal(policy.quoteId, warranty.quote.quoteId)
      assert.equal(policy.producerQuoteInsurancePrice, warranty.quote.insurancePrice)
      await policyInAdmin(context, order.id, policy)
    },
  },
]
