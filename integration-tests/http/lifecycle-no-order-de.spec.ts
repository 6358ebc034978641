import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore, type DemoStore } from "../../scripts/seed-demo"
import { reconcileScalexpertFiles } from "../../src/workflows/reconcile-scalexpert-files"
import { adminApi, waitFor } from "../helpers/after-order"
import { ADDRESSES, startFinancing, storeHeaders } from "../helpers/checkout"
import { TEST_WEBHOOK_KEY } from "../helpers/constants"
import { sandboxControl } from "../helpers/sandbox"

jest.setTimeout(240_000)

const sandbox = sandboxControl()
const WEBHOOK_PATH = "/hooks/payment/scalexpert_scalexpert"

type Attention = {
  reason: string
  subscription_id: string | null
  error: string | null
  status: string | null
}

/**
 * Issue #10, a German file with no order: Hanseatic Bank first answers the plugin's cancellation
 * with "requested". The file stays under Settings → files that need attention (with the lender's
 * file id) until the lender's answer comes by webhook or by the reconciliation job: accepted, it
 * leaves the list; refused, it stays there with the lender's answer and why there is no order.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoStore

    beforeEach(async () => {
      await sandbox.reset()
      demo = await seedDemoStore(getContainer())
    })

    const attention = async () =>
      (
        await adminApi(api, demo).get<{ settings: { attention: Attention[] } }>(
          "/admin/scalexpert/settings"
        )
      ).settings.attention

    const listedFor = async (fileId: string) =>
      (await attention()).filter((f) => f.subscription_id === fileId)

    const cancelCalls = async () =>
      (await sandbox.apiCalls()).filter((c) => c.path.endsWith("/_cancel") && c.status !== 401)

    /**
     * A German cart with addresses and phone but no shipping method (it cannot be completed),
     * financed by Hanseatic Bank's long credit and accepted: the shopper's return cannot make an
     * order, so the plugin asks the lender to cancel the file, which Hanseatic takes as a request.
     */
    async function requestedNoOrderFile() {
      const headers = storeHeaders(demo)
      const { data: products } = await api.get(
        `/store/products?handle=city-bike&region_id=${demo.regions.germany}&fields=*variants`,
        headers
      )
      const { data: created } = await api.post(
        "/store/carts",
        {
          region_id: demo.regions.germany,
          email: "lena.schmidt@example.com",
          items: [{ variant_id: products.products[0].variants[0].id, quantity: 1 }],
          shipping_address: ADDRESSES.de,
          billing_address: ADDRESSES.de,
        },
        headers
      )
      const { data: collection } = await api.post(
        "/store/payment-collections",
        { cart_id: created.cart.id },
        headers
      )
      const session = await startFinancing(api, demo, collection.payment_collection.id, {
        solution_code: "SCDELT-DXCO",
      })
      const fileId = session.data.subscription_id as string
      await sandbox.decide(fileId, "accept")
      const answer = await api.post(
        `/scalexpert/return/${session.id}`,
        new URLSearchParams({ id: fileId }).toString(),
        {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          maxRedirects: 0,
          validateStatus: (status: number) => status === 303,
        }
      )
      expect(new URL(answer.headers.location as string).searchParams.get("order_id")).toBeFalsy()
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

      await sandbox.configure({
        webhook: { url: `${api.defaults.baseURL}${WEBHOOK_PATH}`, signatureKey: TEST_WEBHOOK_KEY },
      })
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
