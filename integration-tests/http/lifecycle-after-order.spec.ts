import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  adminApi,
  placeFinancedOrder,
  waitFor,
  type ScalexpertFileView,
} from "../helpers/after-order"
import { sandboxControl } from "../helpers/sandbox"
import { demoStoreForEachTest } from "../helpers/suite"

jest.setTimeout(240_000)

const sandbox = sandboxControl()
const DAY = 24 * 3600 * 1000

/** The Scalexpert calls made after the order, as `METHOD last-path-segment`. */
const callsAfterOrder = async () =>
  (await sandbox.apiCalls())
    .filter((c) => /\/_(confirmDelivery|confirmReturn|cancel)$/.test(c.path))
    .map((c) => `${c.method} ${c.path.split("/").pop()}`)

/**
 * Issue #10, after the order: every end of a file reaches Medusa in a clear state, whatever the
 * order went through, and the admin keeps the file's widget.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const admin = adminApi(api, demo)

    const refresh = async (orderId: string) =>
      (
        await admin.post<{ scalexpert_file: ScalexpertFileView }>(
          `/admin/scalexpert/orders/${orderId}/refresh`
        )
      ).scalexpert_file

    const preAccepted = () =>
      placeFinancedOrder(api, demo, {
        solution: "SCFRLT-TXTS",
        product: "leather-sofa",
        decision: "preaccept",
      })

    it("bug 3: a pre-accepted credit abandoned (ABORTED) cancels the waiting order", async () => {
      const { orderId, fileId } = await preAccepted()
      await sandbox.forceStatus(fileId, "ABORTED", "EXPIRED")
      const file = await refresh(orderId)
      expect(file.status).toBe("ABORTED")
      expect((await admin.order(orderId)).status).toBe("canceled")
    })

    it("bug 4 and 10: refused after shipment: payment canceled, order flagged, widget kept", async () => {
      const { orderId, fileId } = await preAccepted()
      await admin.ship(orderId, "1Z999AA10123456784")
      await sandbox.decide(fileId, "refuse")
      const file = await refresh(orderId)
      expect(file.status).toBe("REJECTED")
      expect(file.flag).toBe("refused_after_shipment")
      expect(file.timeline).toContainEqual(
        expect.objectContaining({
          outcome: "failure",
          message: expect.stringMatching(/after the order was shipped/),
        })
      )
      // A second read changes nothing and fails nothing.
      const again = await refresh(orderId)
      expect(again.timeline.length).toBe(file.timeline.length)
      // The payment is canceled in Medusa (nothing will be paid by the lender), the order kept.
      const order = await admin.order(orderId)
      expect(order.payment_collections[0].payments).toEqual([])
      expect((order.payment_collections[0] as { status?: string }).status).toBe("canceled")
      expect(order.payment_status).toBe("canceled")
      expect(order.status).not.toBe("canceled")
    })

    it("bug 10: a pre-accepted credit refused keeps the order's widget and timeline", async () => {
      const { orderId, fileId } = await preAccepted()
      await sandbox.decide(fileId, "refuse")
      await refresh(orderId)
      expect((await admin.order(orderId)).status).toBe("canceled")
      const file = await admin.file(orderId)
      expect(file.status).toBe("REJECTED")
      expect(file.timeline.map((l) => l.to_status)).toContain("REJECTED")
    })

    it("bug 6: accepted for another amount: not authorized, flagged, no endless retry", async () => {
      const { orderId, fileId } = await preAccepted()
      // The lender accepts, and 100 € of it is cancelled before Medusa hears of it.
      await sandbox.decide(fileId, "accept")
      await sandbox.backOfficeCancel(fileId, 100)
      const file = await refresh(orderId)
      expect(file.flag).toBe("amount_mismatch")
      expect((await admin.order(orderId)).payment_collections[0].payments).toEqual([])
      const again = await refresh(orderId)
      expect(again.timeline.length).toBe(file.timeline.length)
    })

    it("bug 7: Medusa's Capture on unshipped long credit is refused before any call", async () => {
      const { orderId } = await placeFinancedOrder(api, demo, {
        solution: "SCFRLT-TXTS",
        product: "leather-sofa",
      })
      const payment = await admin.payment(orderId)
      await sandbox.clearRequests()
      const refused = await api
        .post(`/admin/payments/${payment.id}/capture`, {}, await admin.headers())
        .catch(
          (error: { response: { status: number; data: { message: string } } }) => error.response
        )
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/no shipped fulfillment/)
      expect(await callsAfterOrder()).toEqual([])
      expect((await admin.payment(orderId)).captured_at).toBeNull()
    })

    it("bug 10: the sub-status is read again after the delivery is confirmed", async () => {
      const { orderId } = await placeFinancedOrder(api, demo, {
        solution: "SCFRLT-TXTS",
        product: "leather-sofa",
      })
      const before = await admin.file(orderId)
      await admin.post(`/admin/scalexpert/orders/${orderId}/confirm-delivery`, {})
      const after = await waitFor(
        () => admin.file(orderId),
        (f) => f.delivery.status === "confirmed"
      )
      expect(after.substatus).not.toBe(before.substatus)
    })

    it("bug 8: after 90 days a split order is still canceled in Medusa, the refusal shown", async () => {
      const { orderId } = await placeFinancedOrder(api, demo, { solution: "SCFRSP-3XTS" })
      const paymentModule = getContainer().resolve(Modules.PAYMENT)
      const payment = await admin.payment(orderId)
      const accepted = new Date(Date.now() - 100 * DAY).toISOString()
      // Accepted 100 days ago, read again this morning: the 90 days count from the acceptance.
      await paymentModule.updatePayment({
        id: payment.id,
        data: {
          ...payment.data,
          accepted_at: accepted,
          file: { ...(payment.data.file as object), read_at: new Date().toISOString() },
        },
      } as unknown as { id: string })
      await sandbox.clearRequests()
      await admin.post(`/admin/orders/${orderId}/cancel`)
      expect((await admin.order(orderId)).status).toBe("canceled")
      expect(await callsAfterOrder()).toEqual([])
      const file = await waitFor(
        () => admin.file(orderId),
        (f) => f.timeline.some((l) => /within 90 days/.test(l.message))
      )
      expect(file.timeline).toContainEqual(
        expect.objectContaining({ outcome: "failure", message: expect.stringMatching(/90 days/) })
      )
    })
  },
})
