import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { reconcileScalexpertFiles } from "../../src/workflows/reconcile-scalexpert-files"
import { adminApi, waitFor } from "../helpers/after-order"
import { cartReadyForPayment, decidedFile, returnFromLender } from "../helpers/checkout"
import { sandboxControl, sendWebhooksTo } from "../helpers/sandbox"
import { demoStoreForEachTest } from "../helpers/suite"

jest.setTimeout(240_000)

const sandbox = sandboxControl()

/**
 * Issue #10, a German file with no order: Hanseatic Bank first answers the plugin's cancellation
 * with "requested". The file stays under Settings → files that need attention (with the lender's
 * file id) until the lender's answer comes by webhook or by the reconciliation job: accepted, it
 * leaves the list; refused, it stays there with the lender's answer and why there is no order.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const admin = adminApi(api, demo)

    const listedFor = async (fileId: string) =>
      (await admin.settings()).attention.filter((f) => f.subscription_id === fileId)

    const cancelCalls = async () =>
      (await sandbox.apiCalls()).filter((c) => c.path.endsWith("/_cancel") && c.status !== 401)

    /**
     * A German cart with addresses and phone but no shipping method (it cannot be completed),
     * financed by Hanseatic Bank's long credit and accepted: the shopper's return cannot make an
     * order, so the plugin asks the lender to cancel the file, which Hanseatic takes as a request.
     */
    async function requestedNoOrderFile() {
      const { paymentCollectionId } = await cartReadyForPayment(api, demo, {
        country: "de",
        email: "lena.schmidt@example.com",
        shippingMethod: false,
      })
      const { session, fileId } = await decidedFile(api, demo, paymentCollectionId, {
        solution: "SCDELT-DXCO",
        decision: "accept",
      })
      const landing = await returnFromLender(api, session.id, fileId)
      expect(landing.searchParams.get("order_id")).toBeFalsy()
      const remote = await sandbox.subscription(fileId)
      expect(remote.consolidatedStatus).toBe("ACCEPTED")
      expect(remote.cancellationStatus).toBe("REQUEST_FOR_CANCELLATION")
      return fileId
    }

    it("requested, then accepted by the lender (webhook): listed until the cancellation is done", async () => {
      const fileId = await requestedNoOrderFile()
      expect(await listedFor(fileId)).toEqual([
        expect.objectContaining({
          reason: "no_order_cancel_requested",
          subscription_id: fileId,
          status: "ACCEPTED",
          error: expect.stringMatching(
            /^cart_not_completed: cancellation requested on \d{4}-\d{2}-\d{2}, awaiting the lender's answer$/
          ),
        }),
      ])

      await sendWebhooksTo(api)
      await sandbox.cancellationOutcome(fileId, true)
      expect(
        await waitFor(
          () => listedFor(fileId),
          (listed) => listed.length === 0
        )
      ).toEqual([])
      expect((await sandbox.subscription(fileId)).consolidatedStatus).toBe("CANCELLED")
      // The lender's answer was only read: one _cancel in all.
      expect(await cancelCalls()).toHaveLength(1)
    })

    it("requested, then refused by the lender (job): stays listed with the lender's answer", async () => {
      const fileId = await requestedNoOrderFile()
      await sandbox.cancellationOutcome(fileId, false)

      const refused = await waitFor(
        async () => {
          await reconcileScalexpertFiles(getContainer())
          return listedFor(fileId)
        },
        (listed) => listed.some((f) => f.reason === "no_order_cancel_refused")
      )
      expect(refused).toEqual([
        expect.objectContaining({
          reason: "no_order_cancel_refused",
          subscription_id: fileId,
          status: "ACCEPTED",
          error: expect.stringMatching(
            /^Hanseatic Bank refused the cancellation of .* € requested on .* \(CANCELLATION_REJECTED\)\. The financing has no order \(Medusa could not complete the cart/
          ),
        }),
      ])

      // Later reads neither cancel again nor drop it from the list: a person settles it.
      await reconcileScalexpertFiles(getContainer())
      expect(await listedFor(fileId)).toEqual(refused)
      expect(await cancelCalls()).toHaveLength(1)
    })
  },
})
