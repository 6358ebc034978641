/**
 * The plugin's admin extensions in a real browser, against the whole stack: the order widget
 * (status, confirm delivery, timeline) and Settings → Scalexpert (connection check, a wrong
 * secret, the webhook registered and its test event received). Run by `scripts/browser-tests.ts` after the storefront scenarios, on the same stack.
 */
import assert from "node:assert/strict"
import axios from "axios"
import type { Page } from "playwright-core"
import { placeFinancedOrder } from "../helpers/after-order"
import type { Scenario, ScenarioContext } from "./scenario"
import { WEBHOOK_KEY, type Stack } from "./stack"

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`)

const adminUrl = (stack: Stack) => {
  assert.ok(stack.adminUrl, "the stack serves the admin")
  return stack.adminUrl
}

/** Logs in through the admin's own login form. */
export async function logIn({ page, stack }: ScenarioContext) {
  await page.goto(`${adminUrl(stack)}/login`)
  await page.locator('input[name="email"]').fill(stack.demo.adminEmail)
  await page.locator('input[name="password"]').fill(stack.demo.adminPassword)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 60_000 })
}

/** An order paid with a long-term credit, made through the store API and the sandbox's lender. */
async function financedOrder(stack: Stack) {
  // The helpers drive the sandbox through SCALEXPERT_SANDBOX_URL, as in the HTTP tests.
  process.env.SCALEXPERT_SANDBOX_URL = stack.sandbox.url
  const api = axios.create({ baseURL: stack.medusaUrl })
  return placeFinancedOrder(api, stack.demo, {
    solution: "SCFRLT-TXNO",
    product: "leather-sofa",
    shipping: "La Poste Colissimo",
  })
}

/** Everything the plugin's admin routes answered, to check that no secret reached the browser. */
function recordPluginAnswers(page: Page) {
  const bodies: string[] = []
  page.on("response", async (response) => {
    if (!response.url().includes("/admin/scalexpert/")) return
    bodies.push(await response.text().catch(() => ""))
  })
  return bodies
}

export const adminScenarios: Scenario[] = [
  {
    name: "admin: the order widget shows the financing, confirms the delivery, the timeline grows",
    async run(context) {
      const { page, stack } = context
      const order = await financedOrder(stack)
      const answers = recordPluginAnswers(page)
      await logIn(context)
      await page.goto(`${adminUrl(stack)}/orders/${order.orderId}`)

      const widget = byTestId(page, "scalexpert-widget")
      await widget.waitFor({ timeout: 60_000 })
      const status = byTestId(page, "scalexpert-status")
      assert.equal(await status.getAttribute("data-status"), "ACCEPTED")
      assert.match(await status.innerText(), /Accepted/)
      assert.match(await byTestId(page, "scalexpert-solution").first().innerText(), /\S/)
      assert.equal(
        (await byTestId(page, "scalexpert-subscription").innerText()).trim(),
        order.fileId
      )
      assert.equal(
        await byTestId(page, "scalexpert-delivery-status").getAttribute("data-status"),
        "awaiting_shipment"
      )
      const entries = byTestId(page, "scalexpert-timeline-entry")
      const before = await entries.count()
      assert.ok(before >= 1, "the timeline shows how the order was made")
      await context.screenshot("10-admin-order-widget")

      await byTestId(page, "scalexpert-confirm-delivery").click()
      const drawer = byTestId(page, "scalexpert-confirm-drawer")
      await drawer.waitFor()
      await byTestId(page, "scalexpert-tracking-input").fill("6A12345678901")
      await byTestId(page, "scalexpert-operator-select").click()
      await page.getByRole("option", { name: "LA POSTE" }).click()
      await context.screenshot("11-admin-confirm-delivery")
      await byTestId(page, "scalexpert-confirm-submit").click()

      await page.waitForSelector(
        '[data-testid="scalexpert-delivery-status"][data-status="confirmed"]'
      )
      await drawer.waitFor({ state: "detached" })
      assert.equal(
        (await byTestId(page, "scalexpert-tracking").innerText()).trim(),
        "6A12345678901"
      )
      assert.equal((await byTestId(page, "scalexpert-operator").innerText()).trim(), "LA_POSTE")
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="scalexpert-timeline-entry"]').length > n,
        before
      )
      const lines = await entries.allInnerTexts()
      assert.ok(
        lines.some((line) => /deliver/i.test(line)),
        `the timeline tells the delivery: ${lines.join(" | ")}`
      )
      // The lender was told: its file is delivered.
      const file = (await axios.get(`${stack.sandbox.url}/__sandbox/subscriptions/${order.fileId}`))
        .data as { isDelivered?: boolean }
      assert.equal(file.isDelivered, true)
      // The admin scrolls inside its own panes: bring the timeline into the picture.
      await byTestId(page, "scalexpert-timeline").scrollIntoViewIfNeeded()
      await context.screenshot("12-admin-delivery-confirmed")

      // The same widget in French, as the admin's language setting (the "lng" cookie) asks.
      const setLanguage = (lng: string) =>
        page.evaluate((value) => {
          document.cookie = `lng=${value}; path=/`
          localStorage.setItem("lng", value)
        }, lng)
      await setLanguage("fr")
      await page.reload()
      await widget.waitFor()
      assert.match(await byTestId(page, "scalexpert-status").innerText(), /Accepté/)
      await context.screenshot("13-admin-order-widget-fr")
      assert.match(await byTestId(page, "scalexpert-timeline").innerText(), /Historique/)
      await setLanguage("en")

      const secret = stack.sandbox.credentials.clientSecret
      assert.ok(answers.length > 0)
      assert.ok(
        answers.every((body) => !body.includes(secret)),
        "no secret reaches the browser"
      )
    },
  },
  {
    name: "admin: Settings → Scalexpert checks the connection, and shows the error of a wrong secret",
    async run(context) {
      const { page, stack } = context
      const answers = recordPluginAnswers(page)
      await logIn(context)
      await page.goto(`${adminUrl(stack)}/settings/scalexpert`)
      await byTestId(page, "scalexpert-settings").waitFor({ timeout: 60_000 })
      assert.equal(
        await byTestId(page, "scalexpert-environment-value").getAttribute("data-environment"),
        "test"
      )
      assert.equal(
        (await byTestId(page, "scalexpert-webhook-url").innerText()).trim(),
        `${stack.medusaUrl}/hooks/payment/scalexpert_scalexpert`
      )
      await page.waitForSelector('[data-testid="scalexpert-contracted-solution"]')
      assert.ok(
        (await byTestId(page, "scalexpert-contracted-solution").count()) >= 2,
        "the contracted solutions are listed"
      )
      // Insurance (issue #15): the sandbox's two covers are contracted for France, none for Germany.
      const insured = '[data-testid="scalexpert-insurance-market"][data-market="FR"]'
      await page.waitForSelector(`${insured} [data-testid="scalexpert-insurance-solution"]`)
      const covers = await page
        .locator(`${insured} [data-testid="scalexpert-insurance-solution"]`)
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code")))
      assert.deepEqual(covers.sort(), ["CIFRBS-DXCO", "CIFRWE-DXCO"])
      await page.waitForSelector(
        '[data-testid="scalexpert-insurance-market"][data-market="DE"] [data-testid="scalexpert-insurance-none"]'
      )

      await byTestId(page, "scalexpert-connection-check").click()
      const result = byTestId(page, "scalexpert-connection-result")
      await page.waitForSelector('[data-testid="scalexpert-connection-result"][data-ok="true"]')
      assert.match(await result.innerText(), /Connected to Scalexpert in \d+ ms/)
      await context.screenshot("14-admin-settings-connection-ok")

      // The lender now expects another secret: the one the plugin holds is wrong.
      const control = `${stack.sandbox.url}/__sandbox/config`
      const credentials = stack.sandbox.credentials
      await axios.put(control, {
        credentials: { clientId: credentials.clientId, clientSecret: "rotated-in-the-portal" },
      })
      try {
        await byTestId(page, "scalexpert-connection-check").click()
        await page.waitForSelector('[data-testid="scalexpert-connection-result"][data-ok="false"]')
        assert.equal(await result.getAttribute("data-status"), "401")
        assert.match(
          await byTestId(page, "scalexpert-connection-message").innerText(),
          /invalid_client|Client authentication failed/
        )
        await context.screenshot("15-admin-settings-wrong-secret")
      } finally {
        await axios.put(control, { credentials })
      }
      await byTestId(page, "scalexpert-connection-check").click()
      await page.waitForSelector('[data-testid="scalexpert-connection-result"][data-ok="true"]')

      for (const secret of [credentials.clientSecret, "rotated-in-the-portal"]) {
        assert.ok(
          answers.every((body) => !body.includes(secret)),
          "no secret reaches the browser"
        )
      }
      assert.ok(!(await page.content()).includes(credentials.clientSecret))
    },
  },
  {
    name: "admin: Settings → Scalexpert registers the webhook, sends the test event and sees it arrive",
    async run(context) {
      const { page, stack } = context
      const answers = recordPluginAnswers(page)
      // Nothing registered at the lender yet.
      await axios.put(`${stack.sandbox.url}/__sandbox/config`, { webhook: null })
      await logIn(context)
      await page.goto(`${adminUrl(stack)}/settings/scalexpert`)
      await byTestId(page, "scalexpert-webhook").waitFor({ timeout: 60_000 })
      await page.waitForSelector(
        '[data-testid="scalexpert-webhook-status"][data-status="not_configured"]'
      )
      await context.screenshot("16-admin-webhook-not-registered")

      await byTestId(page, "scalexpert-webhook-register").click()
      await page.waitForSelector('[data-testid="scalexpert-webhook-status"][data-status="ok"]')
      const configs = (await axios.get(`${stack.sandbox.url}/__sandbox/webhooks`)).data.configs as {
        url: string | null
      }[]
      assert.ok(
        configs.some((c) => c.url === `${stack.medusaUrl}/hooks/payment/scalexpert_scalexpert`),
        "the lender's webhook points at the shop"
      )

      await byTestId(page, "scalexpert-webhook-send-test").click()
      await page.waitForSelector('[data-testid="scalexpert-webhook-test"][data-arrived="true"]', {
        timeout: 60_000,
      })
      assert.equal(
        await byTestId(page, "scalexpert-webhook-test").getAttribute("data-signature"),
        "valid"
      )
      await context.screenshot("17-admin-webhook-test-arrived")
      assert.ok(
        answers.every((body) => !body.includes(WEBHOOK_KEY)),
        "the signature key never reaches the browser"
      )
    },
  },
]
