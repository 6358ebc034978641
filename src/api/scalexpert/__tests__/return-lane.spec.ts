import type { Subscription } from "../../../scalexpert/schemas"
import { readScalexpertFile } from "../../../workflows/steps/read-scalexpert-file"
import { returnSyncInput } from "../return-input"

/** The shopper's return reads the file in the request budget's `checkout` lane (issue #13). */
describe("the return's read lane", () => {
  const file = {
    id: "SUB-1",
    consolidatedStatus: "ACCEPTED",
    consolidatedSubstatus: null,
    financedAmount: 100,
  } as unknown as Subscription

  const gateway = () => {
    const calls: { id: string; options?: { lane?: string } }[] = []
    return {
      calls,
      readFile: async (id: string, options?: { lane?: string }) => {
        calls.push({ id, options })
        return file
      },
    }
  }

  it("asks the sync workflow for a read in the checkout lane", () => {
    expect(returnSyncInput("payses_1", "SUB-1")).toEqual({
      payment_session_id: "payses_1",
      trigger: "return",
      returned_subscription_id: "SUB-1",
      lane: "checkout",
    })
    expect(returnSyncInput("payses_1", undefined)).toMatchObject({
      lane: "checkout",
      returned_subscription_id: undefined,
    })
  })

  it("the sync workflow's read step reads in the lane it is given", async () => {
    const fake = gateway()
    const snapshot = await readScalexpertFile(fake, { subscription_id: "SUB-1", lane: "checkout" })
    expect(fake.calls).toEqual([{ id: "SUB-1", options: { lane: "checkout" } }])
    expect(snapshot).toMatchObject({ status: "ACCEPTED", financed_amount: 100 })
  })

  it("a read that stands for a fresh one costs no call", async () => {
    const fake = gateway()
    const known = { status: "ACCEPTED" as const, financed_amount: 100, read_at: "2026-12-01" }
    await readScalexpertFile(fake, { subscription_id: "SUB-1", known, lane: "background" })
    expect(fake.calls).toEqual([])
  })
})
