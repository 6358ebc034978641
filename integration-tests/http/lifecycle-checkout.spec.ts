import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore, type DemoStore } from "../../scripts/seed-demo"
import { syncScalexpertFileWorkflow } from "../../src/workflows/sync-scalexpert-file"
import { adminApi, waitFor } from "../helpers/after-order"
import { ADDRESSES, cartReadyForPayment, startFinancing, storeHeaders } from "../helpers/checkout"
import { TEST_WEBHOOK_KEY } from "../helpers/constants"
import { holdReconciliation } from "../helpers/reconciliation"
import { sandboxControl } from "../helpers/sandbox"

jest.setTimeout(240_000)

const sandbox = sandboxControl()
const WEBHOOK_PATH = "/hooks/payment/scalexpert_scalexpert"

type Attention = { reason: string; error: string | null; status: string | null }

/**
 * Issue #10, the checkout's paths where the lender could hold money with no Medusa order: each
 * file ends attached to an order, final without money, or cancelled at the lender with the reason
 * on record.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoStore

    beforeEach(async () => {
      await sandbox.reset()
      demo = await seedDemoStore(getContainer())
    })

    const statusAtLender = async (fileId: string) =>
      (await sandbox.subscription(fileId)).consolidatedStatus as string

    const returnFromLender = async (sessionId: string, fileId: string) => {
      const answer = await api.post(
        `/scalexpert/return/${sessionId}`,
        new URLSearchParams({ id: fileId }).toString(),
        {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          maxRedirects: 0,
          validateStatus: (status: number) => status === 303,
        }
      )
      return new URL(answer.headers.location as string)
    }

    const attention = async () =>
      (
        await adminApi(api, demo).get<{ settings: { attention: Attention[] } }>(
          "/admin/scalexpert/settings"
        )
      ).settings.attention

    /** A cart with addresses and phone but no shipping method: it cannot be completed. */
    const cartWithoutShipping = async () => {
      const headers = storeHeaders(demo)
      const { data: products } = await api.get(
        `/store/products?handle=city-bike&region_id=${demo.regions.france}&fields=*variants`,
        headers
      )
      const { data: created } = await api.post(
        "/store/carts",
        {
          region_id: demo.regions.france,
          email: "camille.durand@example.com",
          items: [{ variant_id: products.products[0].variants[0].id, quantity: 1 }],
          shipping_address: ADDRESSES.fr,
          billing_address: ADDRESSES.fr,
        },
        headers
      )
      const { data: collection } = await api.post(
        "/store/payment-collections",
        { cart_id: created.cart.id },
        headers
      )
      return collection.payment_collection.id as string
    }

    it("bug 1: a replaced session's file accepted later is cancelled at the lender (return)", async () => {
      const ready = await cartReadyForPayment(api, demo)
      const first = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      // Another solution: Medusa deletes the first session.
      const second = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-4XTS",
      })
      expect(second.id).not.toBe(first.id)
      const fileId = first.data.subscription_id as string

      // The shopper finishes the lender's journey in the first tab.
      await sandbox.decide(fileId, "accept")
      const landing = await returnFromLender(first.id, fileId)
      expect(landing.searchParams.get("order_id")).toBeFalsy()
      expect(await statusAtLender(fileId)).toBe("CANCELLED")
      // The second file is untouched and still usable.
      expect(await statusAtLender(second.data.subscription_id as string)).toBe("INITIALIZED")
    })

    it("bug 1: a replaced session's file accepted later is cancelled at the lender (webhook)", async () => {
      await sandbox.configure({
        webhook: { url: `${api.defaults.baseURL}${WEBHOOK_PATH}`, signatureKey: TEST_WEBHOOK_KEY },
      })
      const ready = await cartReadyForPayment(api, demo)
      const first = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      await startFinancing(api, demo, ready.paymentCollectionId, { solution_code: "SCFRSP-4XTS" })
      const fileId = first.data.subscription_id as string
      await sandbox.decide(fileId, "accept")
      // Nobody returns: the signed ACCEPTED event alone settles it.
      expect(
        await waitFor(
          () => statusAtLender(fileId),
          (s) => s === "CANCELLED"
        )
      ).toBe("CANCELLED")
    })

    it("bug 2: a cart that cannot be completed after Accept: file cancelled, reason on record", async () => {
      const collectionId = await cartWithoutShipping()
      const session = await startFinancing(api, demo, collectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      const fileId = session.data.subscription_id as string
      await sandbox.decide(fileId, "accept")
      const landing = await returnFromLender(session.id, fileId)
      expect(landing.searchParams.get("order_id")).toBeFalsy()
      expect(landing.toString()).toMatch(/cart_not_completed/)
      expect(await statusAtLender(fileId)).toBe("CANCELLED")

      // A second return (or the job) calls Scalexpert's _cancel no more.
      await sandbox.clearRequests()
      await returnFromLender(session.id, fileId)
      expect((await sandbox.apiCalls()).filter((c) => c.path.endsWith("/_cancel"))).toEqual([])
    })

    it("bug 2: listed under files that need attention until the lender takes the cancellation", async () => {
      const collectionId = await cartWithoutShipping()
      const session = await startFinancing(api, demo, collectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      const fileId = session.data.subscription_id as string
      await sandbox.decide(fileId, "accept")
      await sandbox.fault({ method: "POST", path: "**/_cancel", status: 503, count: 20 })
      await returnFromLender(session.id, fileId)
      expect(await statusAtLender(fileId)).toBe("ACCEPTED")
      const listed = (await attention()).filter((f) => /cart/.test(f.error ?? ""))
      expect(listed).toEqual([
        expect.objectContaining({ reason: "cancel_retrying", status: "ACCEPTED" }),
      ])
    })

    it("bug 11: a file whose creation answer was lost is tracked and cancelled once accepted", async () => {
      const ready = await cartReadyForPayment(api, demo)
      // A first file (its session is replaced below), which also warms the access token.
      const first = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      // The lender creates the next file but its answer is lost: the client finds it again by
      // merchantGlobalOrderId, without a journey URL.
      await sandbox.fault({
        method: "POST",
        path: "**/e-financing/api/v1/subscriptions",
        status: 502,
        afterCreate: true,
      })
      const refused = await api
        .post(
          `/store/payment-collections/${ready.paymentCollectionId}/payment-sessions`,
          { provider_id: "pp_scalexpert_scalexpert", data: { solution_code: "SCFRSP-3XTS" } },
          storeHeaders(demo)
        )
        .catch((error: { response: { status: number } }) => error.response)
      expect(refused.status).toBeGreaterThanOrEqual(400)
      const files = (await sandbox.subscriptions()) as {
        id?: string
        creditSubscriptionId?: string
      }[]
      const ids = files.map((f) => String(f.creditSubscriptionId ?? f.id))
      const fileId = ids.find((id) => id !== first.data.subscription_id)!
      expect(ids).toHaveLength(2)

      // The shopper picks again: a usable file.
      const again = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      expect(again.data.redirect_url).toBeTruthy()

      // The lost file gets accepted anyway (another tab): the webhook cancels it.
      await sandbox.configure({
        webhook: { url: `${api.defaults.baseURL}${WEBHOOK_PATH}`, signatureKey: TEST_WEBHOOK_KEY },
      })
      await sandbox.decide(fileId, "accept")
      expect(
        await waitFor(
          () => statusAtLender(fileId),
          (s) => s === "CANCELLED"
        )
      ).toBe("CANCELLED")
    })

    it("bug 9: a completed split 3x checkout costs 2 Scalexpert calls; replays add nothing", async () => {
      await sandbox.configure({
        webhook: { url: `${api.defaults.baseURL}${WEBHOOK_PATH}`, signatureKey: TEST_WEBHOOK_KEY },
      })
      // The scheduled reconciliation job stays out of the count.
      const release = await holdReconciliation(getContainer())
      const ready = await cartReadyForPayment(api, demo)
      await sandbox.clearRequests()
      const session = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      const fileId = session.data.subscription_id as string
      const admin = adminApi(api, demo)
      await sandbox.decide(fileId, "accept")
      const landing = await returnFromLender(session.id, fileId)
      const orderId = landing.searchParams.get("order_id")!
      expect(orderId).toBeTruthy()
      // Both webhooks (INITIALIZED, ACCEPTED) have arrived and been handled.
      const webhookLines = (file: { timeline: { trigger: string }[] }) =>
        file.timeline.filter((l) => l.trigger === "webhook").length
      const file = await waitFor(
        () => admin.file(orderId),
        (f) => webhookLines(f) >= 2
      )
      // A 401 is the sandbox's reset invalidating the cached token (the call is replayed).
      const counted = async () => (await sandbox.apiCalls()).filter((c) => c.status !== 401)
      const calls = (await counted()).map((c) => `${c.method} ${c.path}`)
      expect(calls).toEqual([
        expect.stringMatching(/^POST .*\/subscriptions$/),
        expect.stringMatching(/^GET .*\/subscriptions\/[0-9a-f-]+$/),
      ])

      // A replayed ACCEPTED event (what the webhook subscriber runs): no read, no timeline line.
      await syncScalexpertFileWorkflow(getContainer()).run({
        input: { payment_session_id: session.id, trigger: "webhook", event_status: "ACCEPTED" },
      })
      const after = await admin.file(orderId)
      expect(after.timeline.length).toBe(file.timeline.length)
      expect((await counted()).length).toBe(2)
      await release()
    })
  },
})
