import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { retryScalexpertOperations } from "../../src/workflows/after-order/retry"
import { reconcileScalexpertFiles } from "../../src/workflows/reconcile-scalexpert-files"
import {
  adminApi,
  placeFinancedOrder,
  waitFor,
  type ScalexpertFileView,
} from "../helpers/after-order"
import { sandboxControl, sendWebhooksTo } from "../helpers/sandbox"
import { demoStoreForEachTest, providerOptionsForEachTest } from "../helpers/suite"

jest.setTimeout(180_000)

const sandbox = sandboxControl()

/** A timeline as `trigger: message` lines, for order and trigger checks. */
const lines = (file: ScalexpertFileView) => file.timeline.map((l) => `${l.trigger}: ${l.message}`)

/** The Scalexpert calls made after the order, as `METHOD last-path-segment status`. */
const callsAfterOrder = async () =>
  (await sandbox.apiCalls())
    .filter((c) => /\/_(confirmDelivery|confirmReturn|cancel)$/.test(c.path))
    .map((c) => `${c.method} ${c.path.split("/").pop()} ${c.status}`)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const admin = adminApi(api, demo)
    // Tests change the live provider options; each starts from the configured ones.
    const options = providerOptionsForEachTest(getContainer)

    const fileOf = (orderId: string, done: (file: ScalexpertFileView) => boolean) =>
      waitFor(() => admin.file(orderId), done)
    /** The shipment's work is over once the capture is on the timeline. */
    const captured = (file: ScalexpertFileView) =>
      file.timeline.some((l) => /^Payment captured in Medusa/.test(l.message))

    describe("delivery of long-term credit", () => {
      it("a shipment confirms the delivery with its tracking number and operator, then captures the payment", async () => {
        const { orderId, fileId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
          shipping: "La Poste Colissimo",
        })
        expect((await admin.order(orderId)).payment_status).toBe("authorized")

        await admin.ship(orderId, "6A12345678901")
        const file = await fileOf(orderId, captured)

        expect(file.delivery).toMatchObject({
          status: "confirmed",
          tracking_number: "6A12345678901",
          operator: "LA_POSTE",
          payment_captured: true,
        })
        expect((await admin.order(orderId)).payment_status).toBe("captured")
        expect(await sandbox.subscription(fileId)).toMatchObject({
          isDelivered: true,
          consolidatedSubstatus: "AWAITING PAYMENT TO MERCHANT",
          delivery: { trackingNumber: "6A12345678901", operator: "LA_POSTE" },
        })
        // One confirmation: the provider's capture does not confirm a second time.
        expect(await callsAfterOrder()).toEqual(["POST _confirmDelivery 204"])
        expect(lines(file).slice(-2)).toEqual([
          "shipment: Delivery confirmed to Scalexpert (tracking 6A12345678901, operator LA_POSTE)",
          expect.stringMatching(/^shipment: Payment captured in Medusa/),
        ])
      })

      it("Scalexpert answers 500: the shipment is made anyway, and the job's retry confirms it", async () => {
        const { orderId } = await placeFinancedOrder(api, demo, {
          solution: "SCDELT-DXCO",
          country: "de",
          shipping: "DHL Express",
        })
        await sandbox.fault({ method: "POST", path: "**/_confirmDelivery", status: 500 })

        await admin.ship(orderId, "JD014600006281230406")
        expect((await admin.order(orderId)).fulfillment_status).toBe("shipped")
        const failed = await fileOf(orderId, (f) => f.delivery.attempts > 0)
        expect(failed.delivery).toMatchObject({ status: "pending", attempts: 1 })
        expect(failed.delivery.error).toMatch(/500/)
        expect(failed.delivery.next_attempt_at).not.toBeNull()
        expect((await admin.order(orderId)).payment_status).toBe("authorized")

        // Not due yet: nothing is sent.
        expect(await retryScalexpertOperations(getContainer())).toEqual({ due: 0, failed: 0 })
        const later = new Date(Date.parse(failed.delivery.next_attempt_at!) + 1000)
        expect(await retryScalexpertOperations(getContainer(), { now: later })).toEqual({
          due: 1,
          failed: 0,
        })

        const file = await admin.file(orderId)
        expect(file.delivery).toMatchObject({
          status: "confirmed",
          operator: "DHL",
          tracking_number: "JD014600006281230406",
          payment_captured: true,
        })
        expect((await admin.order(orderId)).payment_status).toBe("captured")
        expect(await callsAfterOrder()).toEqual([
          "POST _confirmDelivery 500",
          "POST _confirmDelivery 204",
        ])
        expect(lines(file).slice(-3)).toEqual([
          expect.stringMatching(/^shipment: Delivery confirmation failed \(500.*attempt 1 of 10/),
          "job: Delivery confirmed to Scalexpert (tracking JD014600006281230406, operator DHL)",
          expect.stringMatching(/^job: Payment captured in Medusa/),
        ])
      })

      it("delivery mode: confirmed when the order is marked delivered, not at shipment", async () => {
        options().deliveryConfirmation = "delivery"
        const { orderId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
          shipping: "DHL Express",
        })
        const fulfillmentId = await admin.ship(orderId, "JD0002")
        await new Promise((resolve) => setTimeout(resolve, 1000))
        expect(await callsAfterOrder()).toEqual([])

        await admin.post(`/admin/orders/${orderId}/fulfillments/${fulfillmentId}/mark-as-delivered`)
        const file = await fileOf(orderId, captured)
        expect(file.delivery).toMatchObject({ status: "confirmed", operator: "DHL" })
        expect(lines(file).slice(-2)).toEqual([
          "delivery: Delivery confirmed to Scalexpert (tracking JD0002, operator DHL)",
          expect.stringMatching(/^delivery: Payment captured in Medusa/),
        ])
      })

      it("a permanent refusal is shown to the admin, who confirms again once it is fixed", async () => {
        const { orderId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
          shipping: "La Poste Colissimo",
        })
        await sandbox.fault({ method: "POST", path: "**/_confirmDelivery", status: 400 })
        await admin.ship(orderId, "6A999")
        const failed = await fileOf(orderId, (f) => f.delivery.status === "failed")
        expect(failed.delivery.error).toMatch(/^400/)
        expect(failed.delivery.next_attempt_at).toBeNull()
        expect(lines(failed).at(-1)).toMatch(
          /^shipment: Delivery confirmation failed for good after 1 attempt\(s\)/
        )
        expect(
          await retryScalexpertOperations(getContainer(), { now: new Date(Date.now() + 864e5) })
        ).toEqual({ due: 0, failed: 0 })

        const { scalexpert_file: file } = await admin.post<{ scalexpert_file: ScalexpertFileView }>(
          `/admin/scalexpert/orders/${orderId}/confirm-delivery`
        )
        expect(file.delivery).toMatchObject({
          status: "confirmed",
          tracking_number: "6A999",
          operator: "LA_POSTE",
          payment_captured: true,
        })
        expect(await callsAfterOrder()).toEqual([
          "POST _confirmDelivery 400",
          "POST _confirmDelivery 204",
        ])
      })

      it("manual mode: nothing at shipment; the admin route confirms with its tracking and operator", async () => {
        options().deliveryConfirmation = "manual"
        const { orderId, fileId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXPS",
          product: "leather-sofa",
        })
        await admin.ship(orderId, "ABC")
        await new Promise((resolve) => setTimeout(resolve, 1000))
        expect(await callsAfterOrder()).toEqual([])

        const { scalexpert_file: file } = await admin.post<{ scalexpert_file: ScalexpertFileView }>(
          `/admin/scalexpert/orders/${orderId}/confirm-delivery`,
          { tracking_number: "GLS-778899", operator: "GLS" }
        )
        expect(file.delivery).toMatchObject({
          status: "confirmed",
          tracking_number: "GLS-778899",
          operator: "GLS",
          payment_captured: true,
        })
        expect((await sandbox.subscription(fileId)).delivery).toMatchObject({
          trackingNumber: "GLS-778899",
          operator: "GLS",
        })
        expect(lines(file).slice(-2)).toEqual([
          "admin: Delivery confirmed to Scalexpert (tracking GLS-778899, operator GLS)",
          expect.stringMatching(/^admin: Payment captured in Medusa/),
        ])
      })
    })

    describe("cancellations and refunds", () => {
      it("canceling the order cancels the file for its full amount", async () => {
        const { orderId, fileId, total } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
        })
        await admin.post(`/admin/orders/${orderId}/cancel`)

        const file = await fileOf(orderId, (f) => f.cancellation.order_cancel?.status === "done")
        const remote = await sandbox.subscription(fileId)
        expect(remote).toMatchObject({ consolidatedStatus: "CANCELLED", financedAmount: 0 })
        expect(remote.cancellations).toEqual([
          expect.objectContaining({ amount: total, full: true }),
        ])
        expect(await callsAfterOrder()).toEqual(["POST _cancel 200"])
        expect(file.timeline).toContainEqual(
          expect.objectContaining({
            kind: "api_call",
            trigger: "order_canceled",
            message: `Financing cancelled at Scalexpert (${total.toFixed(2)} €)`,
          })
        )
      })

      it("a partial refund cancels exactly that amount; a second one is refused before any call", async () => {
        const { orderId, fileId, total } = await placeFinancedOrder(api, demo, {
          solution: "SCFRSP-3XTS",
        })
        const payment = await admin.payment(orderId)
        expect((await admin.order(orderId)).payment_status).toBe("captured")

        await admin.post(`/admin/payments/${payment.id}/refund`, { amount: 100.5 })
        const remote = await sandbox.subscription(fileId)
        expect(remote.cancellations).toEqual([
          expect.objectContaining({ amount: 100.5, full: false }),
        ])
        expect(remote.financedAmount).toBe(Math.round((total - 100.5) * 100) / 100)

        const answer = async (path: string, body: unknown) =>
          api.post(path, body, { ...(await admin.headers()), validateStatus: () => true })
        const refused = await answer(`/admin/payments/${payment.id}/refund`, { amount: 50 })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/one partial cancellation per financing/)
        const viaRoute = await answer(`/admin/scalexpert/orders/${orderId}/cancel`, { amount: 50 })
        expect(viaRoute.status).toBe(400)
        expect(viaRoute.data.message).toMatch(/one partial cancellation per financing/)
        expect(await callsAfterOrder()).toEqual(["POST _cancel 200"])
        expect((await admin.payment(orderId)).refunds).toHaveLength(1)

        const file = await fileOf(orderId, (f) => lines(f).at(-1)?.startsWith("refund:") ?? false)
        expect(file.cancellation.partial_cancel_used).toBe(true)
        expect(file.cancelled_amount).toBe(100.5)
        expect(lines(file).at(-1)).toBe(
          "refund: Partial cancellation of 100.50 € accepted by Scalexpert"
        )

        // The rest, in full, is still possible: the admin route without amount.
        const { scalexpert_file: after } = await admin.post<{
          scalexpert_file: ScalexpertFileView
        }>(`/admin/scalexpert/orders/${orderId}/cancel`, {})
        // The route re-reads the file: the lender's new status closes the timeline.
        expect(after.status).toBe("CANCELLED")
        expect(after.timeline.slice(-2)).toEqual([
          expect.objectContaining({
            kind: "api_call",
            trigger: "admin",
            message: `Financing cancelled at Scalexpert (${(total - 100.5).toFixed(2)} €)`,
          }),
          expect.objectContaining({
            kind: "status_change",
            trigger: "admin",
            from_status: "ACCEPTED",
            to_status: "CANCELLED",
          }),
        ])
        expect((await sandbox.subscription(fileId)).consolidatedStatus).toBe("CANCELLED")
      })

      it("German cancellation: requested, then completed when the lender's webhook arrives", async () => {
        await sendWebhooksTo(api)
        const { orderId, fileId, total } = await placeFinancedOrder(api, demo, {
          solution: "SCDELT-DXCO",
          country: "de",
          shipping: "DHL Express",
        })
        await admin.post(`/admin/orders/${orderId}/cancel`)
        const requested = await fileOf(
          orderId,
          (f) => f.cancellation.order_cancel?.status === "requested"
        )
        expect(requested.cancellation.pending).toMatchObject({ amount: total, full: true })
        expect(lines(requested).at(-1)).toBe(
          `order_canceled: Cancellation of ${total.toFixed(2)} € requested from Hanseatic Bank: awaiting its answer`
        )
        expect((await sandbox.subscription(fileId)).consolidatedStatus).toBe("ACCEPTED")

        await sandbox.cancellationOutcome(fileId, true)
        const done = await fileOf(orderId, (f) => f.cancellation.order_cancel?.status === "done")
        expect(done.cancellation.pending).toBeNull()
        expect(done.status).toBe("CANCELLED")
        expect(done.timeline).toContainEqual(
          expect.objectContaining({
            trigger: "webhook",
            outcome: "success",
            message: expect.stringMatching(
              /^Hanseatic Bank accepted the cancellation of .* €: the cancellation requested on .* is complete$/
            ),
          })
        )
        expect(await callsAfterOrder()).toEqual(["POST _cancel 200"])
      })

      it("a received return of long credit sends _confirmReturn, then the refund's _cancel", async () => {
        const { orderId, fileId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "city-bike",
          quantity: 2,
          shipping: "DHL Express",
        })
        await admin.ship(orderId, "1Z999AA10123456784")
        await fileOf(orderId, captured)

        await admin.receiveReturn(orderId, 1)
        const returned = await fileOf(orderId, (f) => !!f.return.confirmed_at)
        expect(lines(returned).at(-1)).toBe(
          "goods_return: Return of the goods confirmed to Scalexpert: the refund can now cancel the credit"
        )
        const payment = await admin.payment(orderId)
        await admin.post(`/admin/payments/${payment.id}/refund`, { amount: 1290 })

        expect(await callsAfterOrder()).toEqual([
          "POST _confirmDelivery 204",
          "POST _confirmReturn 204",
          "POST _cancel 200",
        ])
        expect((await sandbox.subscription(fileId)).cancellations).toEqual([
          expect.objectContaining({ amount: 1290, full: false }),
        ])
        const file = await fileOf(orderId, (f) => lines(f).at(-1)?.startsWith("refund:") ?? false)
        expect(file.cancelled_amount).toBe(1290)
        expect(
          file.timeline
            .filter((l) => l.kind === "api_call")
            .map((l) => `${l.trigger}: ${l.message}`)
        ).toEqual([
          "shipment: Delivery confirmed to Scalexpert (tracking 1Z999AA10123456784, operator DHL)",
          "goods_return: Return of the goods confirmed to Scalexpert: the refund can now cancel the credit",
          "refund: Partial cancellation of 1290.00 € accepted by Scalexpert",
        ])
      })

      it("a cancellation made in Scalexpert's back office is recorded in Medusa by the job", async () => {
        options().reconciliationAcceptedIntervalMinutes = 0
        const { orderId, fileId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRSP-4XTS",
        })
        await sandbox.backOfficeCancel(fileId, 200)
        await sandbox.clearRequests()

        await reconcileScalexpertFiles(getContainer())
        const payment = await admin.payment(orderId)
        expect(payment.refunds).toEqual([
          expect.objectContaining({ amount: 200, note: "Cancelled in Scalexpert's back office" }),
        ])
        // Recorded without sending anything to Scalexpert.
        expect(await callsAfterOrder()).toEqual([])
        const file = await fileOf(orderId, (f) => f.cancelled_amount === 200)
        expect(file.cancellation).toMatchObject({ partial_cancel_used: true, unrecorded_amount: 0 })
        expect(lines(file).slice(-2)).toEqual([
          "job: 200.00 € cancelled outside Medusa (in Scalexpert's back office): recorded in Medusa",
          "job: Refund of 200.00 € recorded in Medusa: cancelled in Scalexpert's back office (no call to Scalexpert)",
        ])
        // A second run finds both sides in agreement.
        await reconcileScalexpertFiles(getContainer())
        expect((await admin.payment(orderId)).refunds).toHaveLength(1)
      })

      it("a full cancellation in the back office of undelivered long credit cancels the order", async () => {
        options().reconciliationAcceptedIntervalMinutes = 0
        const { orderId, fileId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXNO",
          product: "leather-sofa",
        })
        await sandbox.backOfficeCancel(fileId)
        await sandbox.clearRequests()

        await reconcileScalexpertFiles(getContainer())
        const order = await admin.order(orderId)
        expect(order.status).toBe("canceled")
        expect(order.payment_collections[0].payments[0].canceled_at).not.toBeNull()
        expect(await callsAfterOrder()).toEqual([])
        const file = await fileOf(orderId, (f) => f.status === "CANCELLED")
        expect(lines(file)).toEqual(
          expect.arrayContaining([
            "job: Financing cancelled outside Medusa (in Scalexpert's back office): recorded in Medusa",
            "job: Order canceled in Medusa: its financing was cancelled in Scalexpert's back office",
          ])
        )
      })

      it("an order canceled while its credit is pre-accepted: the file is cancelled once accepted", async () => {
        const { orderId, fileId } = await placeFinancedOrder(api, demo, {
          solution: "SCFRLT-TXTS",
          product: "leather-sofa",
          decision: "preaccept",
        })
        await admin.post(`/admin/orders/${orderId}/cancel`)
        const waiting = await fileOf(
          orderId,
          (f) => f.cancellation.order_cancel?.status === "awaiting_acceptance"
        )
        expect(lines(waiting).at(-1)).toMatch(
          /^order_canceled: Order canceled while the lender has not accepted the credit/
        )
        expect(await callsAfterOrder()).toEqual([])

        await sandbox.decide(fileId, "accept")
        await reconcileScalexpertFiles(getContainer())
        expect((await sandbox.subscription(fileId)).consolidatedStatus).toBe("CANCELLED")
        expect(await callsAfterOrder()).toEqual(["POST _cancel 200"])
        const file = await admin.file(orderId)
        expect(file.cancellation.order_cancel?.status).toBe("done")
        expect(file.timeline).toContainEqual(
          expect.objectContaining({ trigger: "job", kind: "api_call", outcome: "success" })
        )
        expect((await admin.order(orderId)).payment_status).not.toBe("authorized")
      })
    })

    describe("admin routes", () => {
      it("refuse requests without an admin session (401)", async () => {
        const { orderId } = await placeFinancedOrder(api, demo, { solution: "SCFRSP-3XTS" })
        const anonymous = { validateStatus: () => true }
        const base = `/admin/scalexpert/orders/${orderId}`
        const answers = await Promise.all([
          api.get(base, anonymous),
          api.post(`${base}/refresh`, {}, anonymous),
          api.post(`${base}/confirm-delivery`, {}, anonymous),
          api.post(`${base}/cancel`, {}, anonymous),
        ])
        expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401])
        expect(await callsAfterOrder()).toEqual([])
      })

      it("show the file, refresh it, and refuse wrong requests before any call", async () => {
        const { orderId, fileId, total } = await placeFinancedOrder(api, demo, {
          solution: "SCFRSP-3XTS",
        })
        const file = await admin.file(orderId)
        expect(file).toMatchObject({
          subscription_id: fileId,
          solution_code: "SCFRSP-3XTS",
          solution_name: expect.any(String),
          status: "ACCEPTED",
          financed_amount: total,
          cancelled_amount: 0,
          delivery: { status: "not_required" },
          cancellation: { partial_cancel_used: false, pending: null },
        })
        expect(file.timeline.map((l) => l.trigger)).toContain("return")

        await sandbox.clearRequests()
        const { scalexpert_file: refreshed } = await admin.post<{
          scalexpert_file: ScalexpertFileView
        }>(`/admin/scalexpert/orders/${orderId}/refresh`)
        expect(refreshed.status).toBe("ACCEPTED")
        expect((await sandbox.apiCalls()).map((c) => c.method)).toEqual(["GET"])

        await sandbox.clearRequests()
        const wrong = async (path: string, body: unknown) =>
          (await api.post(path, body, { ...(await admin.headers()), validateStatus: () => true }))
            .status
        expect(await wrong(`/admin/scalexpert/orders/${orderId}/confirm-delivery`, {})).toBe(400)
        expect(
          await wrong(`/admin/scalexpert/orders/${orderId}/cancel`, { amount: total + 1 })
        ).toBe(400)
        expect(await wrong(`/admin/scalexpert/orders/${orderId}/cancel`, { amount: -5 })).toBe(400)
        expect(await wrong(`/admin/scalexpert/orders/${orderId}/cancel`, { amount: 1.234 })).toBe(
          400
        )
        expect(await wrong(`/admin/scalexpert/orders/order_nope/cancel`, {})).toBe(404)
        expect(await sandbox.apiCalls()).toEqual([])
      })
    })
  },
})
