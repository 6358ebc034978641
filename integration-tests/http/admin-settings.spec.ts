import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios from "axios"
import getPort from "get-port"
import type { ConnectionCheck, SolutionsAnswer, WebhookSetup } from "../../src/admin/lib/types"
import { getScalexpert } from "../../src/providers/scalexpert/registry"
import { solutionName } from "../../src/scalexpert/solutions"
import { fileService } from "../../src/workflows/after-order/load"
import { adminApi, placeFinancedOrder, waitFor } from "../helpers/after-order"
import { TEST_WEBHOOK_KEY } from "../helpers/constants"
import { sandboxControl } from "../helpers/sandbox"
import { demoStoreForEachTest } from "../helpers/suite"

jest.setTimeout(180_000)

const sandbox = sandboxControl()

/** Every admin route of the plugin, with a body where it takes one. */
const ADMIN_ROUTES: { method: "get" | "post"; path: string }[] = [
  { method: "get", path: "/admin/scalexpert/orders/order_123" },
  { method: "post", path: "/admin/scalexpert/orders/order_123/refresh" },
  { method: "post", path: "/admin/scalexpert/orders/order_123/confirm-delivery" },
  { method: "post", path: "/admin/scalexpert/orders/order_123/cancel" },
  { method: "get", path: "/admin/scalexpert/settings" },
  { method: "post", path: "/admin/scalexpert/settings/connection-check" },
  { method: "get", path: "/admin/scalexpert/settings/solutions" },
  { method: "get", path: "/admin/scalexpert/settings/webhook" },
  { method: "post", path: "/admin/scalexpert/settings/webhook/register" },
  { method: "post", path: "/admin/scalexpert/settings/webhook/test" },
]

const eligibilityCalls = async () =>
  (await sandbox.apiCalls({ path: "/e-financing/api/v1/eligible-solutions" })) as unknown as {
    query: Record<string, string>
  }[]

// The lender must reach this server's webhook route: its public URL (`backendUrl`) is the port
// the test runner listens on. Set before the runner's own set-up reads the configuration.
beforeAll(async () => {
  const port = await getPort()
  process.env.PORT = String(port)
  process.env.MEDUSA_BACKEND_URL = `http://localhost:${port}`
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const admin = adminApi(api, demo)

    describe("admin authentication", () => {
      it.each(ADMIN_ROUTES)("$method $path refuses a request without an admin (401)", async (r) => {
        const answer =
          r.method === "get"
            ? await api.get(r.path, { validateStatus: () => true })
            : await api.post(r.path, {}, { validateStatus: () => true })
        expect(answer.status).toBe(401)
        // Nothing about the plugin leaks to an anonymous caller.
        expect(JSON.stringify(answer.data)).not.toMatch(/scalexpert|sandbox|secret/i)
      })

      it("refuses a wrong bearer token and a customer's token", async () => {
        const wrong = await api.get("/admin/scalexpert/settings", {
          headers: { authorization: "Bearer not-a-token" },
          validateStatus: () => true,
        })
        expect(wrong.status).toBe(401)

        await api.post("/auth/customer/emailpass/register", {
          email: "shopper@example.com",
          password: "a-shopper-password",
        })
        const { data } = await api.post("/auth/customer/emailpass", {
          email: "shopper@example.com",
          password: "a-shopper-password",
        })
        const customer = await api.post(
          "/admin/scalexpert/settings/connection-check",
          {},
          { headers: { authorization: `Bearer ${data.token}` }, validateStatus: () => true }
        )
        expect(customer.status).toBe(401)
      })
    })

    describe("GET /admin/scalexpert/settings", () => {
      it("shows the environment, the webhook URL to register, and no secret", async () => {
        const settings = await admin.settings()
        const options = getScalexpert(getContainer()).options

        expect(settings).toMatchObject({
          environment: "test",
          api_root: process.env.SCALEXPERT_BASE_URL,
          backend_url: options.backendUrl,
          webhook: {
            url: `${options.backendUrl}/hooks/payment/scalexpert_scalexpert`,
            signature_key_configured: true,
            last_event_at: null,
          },
          enabled_solutions: null,
          attention: [],
        })
        // The client id is masked; neither the secret nor the webhook key is in the answer.
        const text = JSON.stringify(settings)
        expect(text).not.toContain(options.clientId)
        expect(text).not.toContain(options.clientSecret)
        expect(text).not.toContain(options.webhookSignatureKey!)
        expect(settings.client_id).toMatch(/^•+/)
        if (options.clientId.length > 8) {
          expect(settings.client_id.endsWith(options.clientId.slice(-4))).toBe(true)
        }
      })

      it("refuses unknown query parameters (400)", async () => {
        const answer = await api.get("/admin/scalexpert/settings?secret=1", {
          ...(await admin.headers()),
          validateStatus: () => true,
        })
        expect(answer.status).toBe(400)
        expect(answer.data.type).toBe("invalid_data")
      })

      it("lists a pre-accepted long credit and a failing delivery confirmation as needing attention", async () => {
        const waiting = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
          decision: "preaccept",
        })
        const accepted = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
        })
        // Split payment (nothing to confirm) never shows up.
        await placeFinancedOrder(api, demo, { solution: "SCFRSP-3XTS", product: "city-bike" })

        // Scalexpert refuses the delivery confirmation of the accepted credit.
        await sandbox.fault({ method: "POST", path: "**/_confirmDelivery", status: 400 })
        const confirm = await api.post(
          `/admin/scalexpert/orders/${accepted.orderId}/confirm-delivery`,
          { tracking_number: "6A12345678901", operator: "LA_POSTE" },
          { ...(await admin.headers()), validateStatus: () => true }
        )
        expect(confirm.status).toBe(200)
        expect(confirm.data.scalexpert_file.delivery.status).toBe("failed")

        const settings = await admin.settings()
        const reasons = settings.attention.map((a) => `${a.order_id} ${a.reason}`)
        expect(reasons).toContain(`${waiting.orderId} pre_accepted`)
        expect(reasons).toContain(`${accepted.orderId} delivery_failed`)
        expect(reasons).toHaveLength(2)
        const delivery = settings.attention.find((a) => a.order_id === accepted.orderId)!
        expect(delivery.attempts).toBe(1)
        expect(delivery.error).toMatch(/^400/)
        expect(delivery.solution_name).toBe(solutionName("SCFRLT-TXNO", "en"))
      })

      it("shows when a signed webhook last changed a file", async () => {
        const { orderId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
        })
        const file = await admin.file(orderId)
        const service = fileService(getContainer())
        await service.createScalexpertFileEvents({
          file_id: file.id,
          kind: "status_change",
          trigger: "webhook",
          from_status: "ACCEPTED",
          to_status: "ACCEPTED",
          outcome: "info",
          message: "test",
        })
        const settings = await admin.settings()
        expect(settings.webhook.last_event_at).not.toBeNull()
        expect(Date.now() - Date.parse(settings.webhook.last_event_at!)).toBeLessThan(60_000)
      })
    })

    describe("POST /admin/scalexpert/settings/connection-check", () => {
      it("fetches a token and answers ok", async () => {
        const { connection } = await admin.post<{ connection: ConnectionCheck }>(
          "/admin/scalexpert/settings/connection-check"
        )
        expect(connection).toMatchObject({
          ok: true,
          environment: "test",
          apiRoot: process.env.SCALEXPERT_BASE_URL,
        })
        const tokenCalls = (await sandbox.apiCalls({ path: "/auth-server/api/v1/oauth2/token" }))
          .length
        // A token request happened even if one was cached: the check always asks for a fresh one.
        const again = await admin.post<{ connection: ConnectionCheck }>(
          "/admin/scalexpert/settings/connection-check"
        )
        expect(again.connection.ok).toBe(true)
        expect(
          (await sandbox.apiCalls({ path: "/auth-server/api/v1/oauth2/token" })).length
        ).toBeGreaterThanOrEqual(tokenCalls)
      })

      it("shows Scalexpert's exact error when the secret is wrong, and nothing secret", async () => {
        // The sandbox now accepts another secret: the one the provider holds is wrong.
        await sandbox.configure({
          credentials: {
            clientId: process.env.SCALEXPERT_CLIENT_ID,
            clientSecret: "rotated-in-the-merchant-portal",
          },
        })
        const { connection } = await admin.post<{ connection: ConnectionCheck }>(
          "/admin/scalexpert/settings/connection-check"
        )
        expect(connection.ok).toBe(false)
        if (connection.ok) return
        expect(connection.error).toMatchObject({ status: 401 })
        expect(connection.error.message).toMatch(/invalid_client|Client authentication failed/)
        const text = JSON.stringify(connection)
        expect(text).not.toContain(process.env.SCALEXPERT_CLIENT_SECRET!)
        expect(text).not.toContain("rotated-in-the-merchant-portal")
      })

      it("refuses a body (400)", async () => {
        const answer = await api.post(
          "/admin/scalexpert/settings/connection-check",
          { clientSecret: "x" },
          { ...(await admin.headers()), validateStatus: () => true }
        )
        expect(answer.status).toBe(400)
      })
    })

    describe("GET /admin/scalexpert/settings/solutions", () => {
      it("lists the contracted solutions per market, asked at representative amounts, cached briefly", async () => {
        await sandbox.configure({
          contractedSolutions: ["SCFRSP-3XTS", "SCFRSP-4XTS", "SCFRLT-TXPS", "SCDELT-DXTS"],
        })
        await sandbox.clearRequests()
        const first = await admin.get<SolutionsAnswer>(
          "/admin/scalexpert/settings/solutions?fresh=true"
        )
        const codes = Object.fromEntries(
          first.markets.map((m) => [m.market, m.solutions.map((s) => s.code)])
        )
        expect(codes).toEqual({
          FR: ["SCFRSP-3XTS", "SCFRSP-4XTS", "SCFRLT-TXPS"],
          DE: ["SCDELT-DXTS"],
        })
        expect(first.cached).toBe(false)
        expect(first.markets.find((m) => m.market === "FR")!.amounts).toEqual([500, 3000])
        const de = first.markets.find((m) => m.market === "DE")!
        expect(de.error).toBeNull()
        expect(de.solutions[0].name.de).toMatch(/\S/)
        expect(de.solutions[0].enabled).toBe(true)
        const probes = (await eligibilityCalls()).length
        const asked = (await eligibilityCalls()).map(
          (c) => `${c.query.buyerBillingCountry} ${c.query.financedAmount}`
        )
        expect(new Set(asked)).toEqual(new Set(["FR 500", "FR 3000", "DE 1000"]))

        const second = await admin.get<SolutionsAnswer>("/admin/scalexpert/settings/solutions")
        expect(second.cached).toBe(true)
        // Answered from the cache: no new call to Scalexpert.
        expect((await eligibilityCalls()).length).toBe(probes)
      })

      it("reports a failed probe in its market instead of failing the request", async () => {
        await sandbox.configure({
          credentials: { clientId: "someone-else", clientSecret: "another-secret" },
        })
        const answer = await admin.get<SolutionsAnswer>(
          "/admin/scalexpert/settings/solutions?fresh=true"
        )
        expect(answer.markets.map((m) => m.market)).toEqual(["FR", "DE"])
        for (const market of answer.markets) {
          expect(market.solutions).toEqual([])
          expect(market.error).toMatchObject({ status: 401 })
        }
      })

      it("refuses a wrong fresh parameter (400)", async () => {
        const answer = await api.get("/admin/scalexpert/settings/solutions?fresh=maybe", {
          ...(await admin.headers()),
          validateStatus: () => true,
        })
        expect(answer.status).toBe(400)
      })
    })

    describe("webhook set-up (Settings → Scalexpert)", () => {
      const WEBHOOK = "/admin/scalexpert/settings/webhook"
      const lenderConfigs = async () =>
        (
          await axios.get<{ configs: { url: string | null; keyForSignature: string | null }[] }>(
            `${sandbox.url}/__sandbox/webhooks`
          )
        ).data.configs
      const arrived = (admin_: typeof admin) =>
        waitFor(
          () => admin_.get<{ webhook: WebhookSetup }>(WEBHOOK),
          ({ webhook }) => !!webhook.test?.arrived_at,
          { tries: 120, delayMs: 250 }
        )

      beforeEach(async () => {
        // Nothing registered at the lender yet.
        await sandbox.configure({ webhook: null })
      })

      it("shows that nothing is registered, registers the webhook, then shows it points at this shop", async () => {
        const before = (await admin.get<{ webhook: WebhookSetup }>(WEBHOOK)).webhook
        const url = `${process.env.MEDUSA_BACKEND_URL}/hooks/payment/scalexpert_scalexpert`
        expect(before).toMatchObject({
          ok: false,
          lender: null,
          error: null,
          expected: { url, signature_key_configured: true },
        })
        expect(before.problems).toContain("not_configured")
        expect(before.expected.event_codes).toEqual(
          expect.arrayContaining(["SC_SUBSCRIPTION_ACCEPTED", "HELLO_WORLD"])
        )

        const { webhook } = await admin.post<{ webhook: WebhookSetup }>(`${WEBHOOK}/register`)
        expect(webhook).toMatchObject({
          ok: true,
          problems: [],
          missing_event_codes: [],
          lender: { url, active: true, signed: true, signature_key_matches: true },
        })
        // The lender holds the shop's key; the admin never sees it.
        const configs = await lenderConfigs()
        expect(configs.map((c) => c.url)).toContain(url)
        expect(configs.find((c) => c.url === url)?.keyForSignature).toBe(TEST_WEBHOOK_KEY)
        expect(JSON.stringify(webhook)).not.toContain(TEST_WEBHOOK_KEY)
      })

      it("sends HELLO_WORLD and shows when it arrived and that its signature checked out", async () => {
        await admin.post(`${WEBHOOK}/register`)
        const { test } = await admin.post<{ test: WebhookSetup["test"] }>(`${WEBHOOK}/test`)
        expect(test).toMatchObject({ arrived_at: null, signature_valid: null })

        const { webhook } = await arrived(admin)
        expect(webhook.test).toMatchObject({
          event_id: test!.event_id,
          signature_valid: true,
          signature_problem: null,
        })
        expect(Date.parse(webhook.test!.arrived_at!)).toBeGreaterThanOrEqual(
          Date.parse(test!.sent_at)
        )
      })

      it("shows a lender signing with another key, and the test event's failed signature", async () => {
        await sandbox.configure({
          webhook: {
            url: `${process.env.MEDUSA_BACKEND_URL}/hooks/payment/scalexpert_scalexpert`,
            signatureKey: "a-key-from-another-shop",
          },
        })
        const before = (await admin.get<{ webhook: WebhookSetup }>(WEBHOOK)).webhook
        expect(before.ok).toBe(false)
        expect(before.problems).toEqual(["signature_key_differs"])
        expect(before.lender).toMatchObject({ signed: true, signature_key_matches: false })

        await admin.post(`${WEBHOOK}/test`)
        const { webhook } = await arrived(admin)
        expect(webhook.test).toMatchObject({
          signature_valid: false,
          signature_problem: "mismatch",
        })
      })

      it("refuses a wrong e-mail for alerts (400)", async () => {
        const answer = await api.post(
          `${WEBHOOK}/register`,
          { email_for_alerts: "not-an-address" },
          { ...(await admin.headers()), validateStatus: () => true }
        )
        expect(answer.status).toBe(400)
      })
    })
  },
})
