import { setTimeout as sleep } from "node:timers/promises"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { SCALEXPERT_MODULE } from "../../src/modules/scalexpert"
import type ScalexpertModuleService from "../../src/modules/scalexpert/service"
import { reconcileScalexpertFiles } from "../../src/workflows/reconcile-scalexpert-files"
import { placeFinancedOrder } from "../helpers/after-order"
import { cartReadyForPayment, startFinancing } from "../helpers/checkout"
import { sandboxControl } from "../helpers/sandbox"
import { demoStoreForEachTest } from "../helpers/suite"

jest.setTimeout(180_000)

const sandbox = sandboxControl()
const MINUTE = 60_000

/** GETs of single files (`/subscriptions/{id}`) the sandbox received. */
const fileReads = async () =>
  (await sandbox.apiCalls({ method: "GET" })).filter((c) => /\/subscriptions\/[^/?]+$/.test(c.path))

/**
 * One reconciliation run of our own: Medusa's scheduler may be running the job (every 5 minutes),
 * and then ours stands aside; it is tried again once that run is over. Assertions count the reads
 * the sandbox received, which do not depend on which run made them.
 */
async function reconcile(container: MedusaContainer) {
  for (;;) {
    const report = await reconcileScalexpertFiles(container)
    if (!report.skipped) return report
    await sleep(100)
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)

    const files = () => getContainer().resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
    const row = async (paymentSessionId: string) =>
      (await files().listScalexpertFiles({ payment_session_id: paymentSessionId }))[0]
    /** Due now, as if the file had been created `ageMs` ago. */
    const makeDue = async (paymentSessionId: string, ageMs?: number) =>
      files().updateScalexpertFiles({
        id: (await row(paymentSessionId)).id,
        next_read_at: new Date(Date.now() - 1000),
        ...(ageMs === undefined ? {} : { created_at: new Date(Date.now() - ageMs) }),
      })
    /** When the file is read next, counted from its creation. */
    const scheduledAfter = async (paymentSessionId: string) => {
      const file = await row(paymentSessionId)
      return new Date(file.next_read_at as Date).getTime() - new Date(file.created_at).getTime()
    }

    it("an accepted file is read again only when the event log names it", async () => {
      const { sessionId, fileId } = await placeFinancedOrder(api, demo, {
        solution: "SCFRSP-4XTS",
      })
      await sandbox.clearRequests()

      // Its first ladder read comes due: nothing happened since the return read it, and the
      // event log watches accepted files, so the log is read and the file is not.
      await makeDue(sessionId)
      expect(await reconcile(getContainer())).toMatchObject({ event_log: true })
      expect(await fileReads()).toEqual([])
      expect((await row(sessionId)).next_read_at).toBeNull()

      // A cancellation in the lender's back office is in the log: that file, and only it, is read.
      const before = new Date((await row(sessionId)).last_read_at as Date).getTime()
      await sandbox.backOfficeCancel(fileId, 200)
      await sandbox.clearRequests()
      await reconcile(getContainer())
      expect((await fileReads()).map((c) => c.path)).toEqual([expect.stringContaining(fileId)])
      expect(new Date((await row(sessionId)).last_read_at as Date).getTime()).toBeGreaterThan(
        before
      )

      // The cursor moved on: the same event is not read twice.
      await sandbox.clearRequests()
      await reconcile(getContainer())
      expect(await fileReads()).toEqual([])
    })

    it("an open file is read on its age ladder: 1, 5, 15, 60 minutes, then every 6 hours", async () => {
      const { paymentCollectionId } = await cartReadyForPayment(api, demo)
      const session = await startFinancing(api, demo, paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      await sandbox.clearRequests()

      await reconcile(getContainer())
      expect(await fileReads()).toEqual([])
      // Tracked from its creation: the first read 1 minute after it.
      expect(Math.abs((await scheduledAfter(session.id)) - MINUTE)).toBeLessThan(5000)

      // Read at 2 minutes of age: next at 5 minutes; read at 2 hours: next at 1 h + 6 h.
      for (const [age, next] of [
        [2 * MINUTE, 5 * MINUTE],
        [2 * 60 * MINUTE, 7 * 60 * MINUTE],
      ]) {
        await makeDue(session.id, age)
        await sandbox.clearRequests()
        await reconcile(getContainer())
        expect(await fileReads()).toHaveLength(1)
        expect((await row(session.id)).status).toBe("INITIALIZED")
        expect(await scheduledAfter(session.id)).toBe(next)
      }

      await sandbox.clearRequests()
      await reconcile(getContainer())
      expect(await fileReads()).toEqual([])
    })

    it("two runs at once: one runs, the other stands aside, and no file is read twice", async () => {
      const sessions = []
      for (let i = 0; i < 3; i++) {
        const { paymentCollectionId } = await cartReadyForPayment(api, demo)
        sessions.push(
          await startFinancing(api, demo, paymentCollectionId, { solution_code: "SCFRSP-3XTS" })
        )
      }
      await reconcile(getContainer())
      for (const session of sessions) await makeDue(session.id)
      await sandbox.clearRequests()

      const reports = await Promise.all([
        reconcileScalexpertFiles(getContainer()),
        reconcileScalexpertFiles(getContainer()),
      ])
      // At most one ran (none if the scheduler's own run held the lock: then one more run).
      expect(reports.filter((r) => r.skipped).length).toBeGreaterThanOrEqual(1)
      await reconcile(getContainer())
      const reads = (await fileReads()).map((c) => c.path)
      expect(reads).toHaveLength(3)
      expect(new Set(reads).size).toBe(3)
    })
  },
})
