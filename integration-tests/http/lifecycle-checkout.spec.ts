import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { syncScalexpertFileWorkflow } from "../../src/workflows/sync-scalexpert-file"
import { adminApi, waitFor } from "../helpers/after-order"
import {
  cartReadyForPayment,
  decidedFile,
  returnFromLender,
  SCALEXPERT,
  startFinancing,
  storeHeaders,
} from "../helpers/checkout"
import { holdReconciliation } from "../helpers/reconciliation"
import { sandboxControl, sendWebhooksTo } from "../helpers/sandbox"
import { demoStoreForEachTest } from "../helpers/suite"

jest.setTimeout(240_000)

const sandbox = sandboxControl()

const statusAtLender = async (fileId: string) =>
  (await sandbox.subscription(fileId)).consolidatedStatus as string

/** The lender's status of the file once the plugin has cancelled it (webhooks run on their own). */
const cancelledAtLender = (fileId: string) =>
  waitFor(
    () => statusAtLender(fileId),
    (status) => status === "CANCELLED"
  )

/**
 * Issue #10, the checkout's paths where the lender could hold money with no Medusa order: each
 * file ends attached to an order, final without money, or cancelled at the lender with the reason
 * on record.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const admin = adminApi(api, demo)

    /** A file accepted by the lender for a cart with no shipping method: it cannot be completed. */
    const acceptedWithoutShipping = async () => {
      const { paymentCollectionId } = await cartReadyForPayment(api, demo, {
        email: "camille.durand@example.com",
        shippingMethod: false,
      })
      return decidedFile(api, demo, paymentCollectionId, {
        solution: "SCFRSP-3XTS",
        decision: "accept",
      })
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
      const landing = await returnFromLender(api, first.id, fileId)
      expect(landing.searchParams.get("order_id")).toBeFalsy()
      expect(await statusAtLender(fileId)).toBe("CANCELLED")
      // The second file is untouched and still usable.
      expect(await statusAtLender(second.data.subscription_id as string)).toBe("INITIALIZED")
    })

    it("bug 1: a replaced session's file accepted later is cancelled at the lender (webhook)", async () => {
      await sendWebhooksTo(api)
      const ready = await cartReadyForPayment(api, demo)
      const first = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      await startFinancing(api, demo, ready.paymentCollectionId, { solution_code: "SCFRSP-4XTS" })
      const fileId = first.data.subscription_id as string
      await sandbox.decide(fileId, "accept")
      // Nobody returns: the signed ACCEPTED event alone settles it.
      expect(await cancelledAtLender(fileId)).toBe("CANCELLED")
    })

    it("bug 2: a cart that cannot be completed after Accept: file cancelled, reason on record", async () => {
      const { session, fileId } = await acceptedWithoutShipping()
      const landing = await returnFromLender(api, session.id, fileId)
      expect(landing.searchParams.get("order_id")).toBeFalsy()
      expect(landing.toString()).toMatch(/cart_not_completed/)
      expect(await statusAtLender(fileId)).toBe("CANCELLED")

      // A second return (or the job) calls Scalexpert's _cancel no more.
      await sandbox.clearRequests()
      await returnFromLender(api, session.id, fileId)
      expect((await sandbox.apiCalls()).filter((c) => c.path.endsWith("/_cancel"))).toEqual([])
    })

    it("bug 2: listed under files that need attention until the lender takes the cancellation", async () => {
      const { session, fileId } = await acceptedWithoutShipping()
      await sandbox.fault({ method: "POST", path: "**/_cancel", status: 503, count: 20 })
      await returnFromLender(api, session.id, fileId)
      expect(await statusAtLender(fileId)).toBe("ACCEPTED")
      const listed = (await admin.settings()).attention.filter((f) => /cart/.test(f.error ?? ""))
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
          { provider_id: SCALEXPERT, data: { solution_code: "SCFRSP-3XTS" } },
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
      await sendWebhooksTo(api)
      await sandbox.decide(fileId, "accept")
      expect(await cancelledAtLender(fileId)).toBe("CANCELLED")
    })

    it("bug 9: a completed split 3x checkout costs 2 Scalexpert calls; replays add nothing", async () => {
      await sendWebhooksTo(api)
      // The scheduled reconciliation job stays out of the count.
      const release = await holdReconciliation(getContainer())
      const ready = await cartReadyForPayment(api, demo)
      await sandbox.clearRequests()
      const session = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      const fileId = session.data.subscription_id as string
      await sandbox.decide(fileId, "accept")
      const landing = await returnFromLender(api, session.id, fileId)
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
