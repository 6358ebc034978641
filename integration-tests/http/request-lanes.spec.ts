import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { getScalexpert } from "../../src/providers/scalexpert/registry"
import type { RequestBudget, RequestLane } from "../../src/scalexpert/request-budget"
import { reconcileScalexpertFiles } from "../../src/workflows/reconcile-scalexpert-files"
import { waitFor } from "../helpers/after-order"
import { cartReadyForPayment, returnFromLender, startFinancing } from "../helpers/checkout"
import { holdReconciliation } from "../helpers/reconciliation"
import { sandboxControl, sendWebhooksTo } from "../helpers/sandbox"
import { demoStoreForEachTest } from "../helpers/suite"

jest.setTimeout(240_000)

const sandbox = sandboxControl()

/**
 * Which lane of the request budget each reader of a file waits in: the shopper's return in
 * `checkout` (ahead of everything), webhooks and the reconciliation job in `background`. The real
 * budget is kept; only the lane each request asks for is written down.
 */
function recordLanes(container: MedusaContainer) {
  const client = getScalexpert(container).client as unknown as { budget_: RequestBudget }
  const budget = client.budget_
  const acquire = budget.acquire
  const lanes: RequestLane[] = []
  budget.acquire = (lane, signal) => {
    lanes.push(lane)
    return acquire.call(budget, lane, signal)
  }
  return { lanes, stop: () => void (budget.acquire = acquire) }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)

    const reads = async (fileId: string) =>
      (await sandbox.apiCalls({ method: "GET" })).filter((c) => c.path.endsWith(`/${fileId}`))

    it("the shopper's return reads the file in the checkout lane", async () => {
      const release = await holdReconciliation(getContainer())
      const ready = await cartReadyForPayment(api, demo)
      const session = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      const fileId = session.data.subscription_id as string
      await sandbox.decide(fileId, "accept")
      await sandbox.clearRequests()

      const recorded = recordLanes(getContainer())
      try {
        const landing = await returnFromLender(api, session.id, fileId)
        expect(landing.searchParams.get("order_id")).toBeTruthy()
      } finally {
        recorded.stop()
        await release()
      }
      expect(await reads(fileId)).not.toHaveLength(0)
      expect(recorded.lanes).not.toHaveLength(0)
      expect(new Set(recorded.lanes)).toEqual(new Set(["checkout"]))
    })

    it("webhooks and the reconciliation job read in the background lane", async () => {
      const ready = await cartReadyForPayment(api, demo)
      const session = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      const fileId = session.data.subscription_id as string
      await sandbox.clearRequests()

      const recorded = recordLanes(getContainer())
      try {
        await sendWebhooksTo(api)
        // Nobody returns: the signed ACCEPTED event reads the file and makes the order.
        await sandbox.decide(fileId, "accept")
        const webhookReads = await waitFor(
          () => reads(fileId),
          (calls) => calls.length > 0,
          { tries: 240 }
        )
        expect(webhookReads).not.toHaveLength(0)
        const afterWebhooks = recorded.lanes.length
        await reconcileScalexpertFiles(getContainer())
        expect(recorded.lanes.length).toBeGreaterThanOrEqual(afterWebhooks)
      } finally {
        recorded.stop()
      }
      expect(recorded.lanes).not.toHaveLength(0)
      expect(new Set(recorded.lanes)).toEqual(new Set(["background"]))
    })
  },
})
