/**
 * Cancellations as the lenders answer them: Franfinance at once, Hanseatic "REQUESTED" first and
 * the outcome later (webhook and file); the refusals (status, 90 days, second partial, amount).
 */
import type { SandboxHandle } from "../server"
import { api, control, startReceiver, waitFor } from "./http"
import { EF, useSandbox } from "./setup"

let sandbox: SandboxHandle, bearer: string
const create = useSandbox((s, b) => ([sandbox, bearer] = [s, b]))

async function accepted(solutionCode: string, financedAmount: number): Promise<string> {
  const { id } = await create({ solutionCode, financedAmount })
  await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
  return id
}

const cancel = (id: string, body: Record<string, unknown> = {}) =>
  api<{ financedAmount: number; status: string; errorCode?: string }>(
    sandbox,
    bearer,
    "POST",
    `${EF}/subscriptions/${id}/_cancel`,
    body
  )

const file = async (id: string) =>
  (await api<Record<string, unknown>>(sandbox, bearer, "GET", `${EF}/subscriptions/${id}`)).json

describe("Hanseatic (DE) cancellations", () => {
  it("answer REQUESTED first; the outcome comes later by webhook and in the file", async () => {
    const receiver = await startReceiver()
    try {
      await control(sandbox, "PUT", "/config", { webhook: { url: receiver.url } })
      const id = await accepted("SCDELT-DXCO", 900)
      const first = await cancel(id, { cancelledAmount: 200 })
      expect(first.json).toEqual({ financedAmount: 900, status: "REQUESTED" })
      expect(await file(id)).toMatchObject({
        financedAmount: 900,
        consolidatedStatus: "ACCEPTED",
        cancellationStatus: "REQUEST_FOR_PARTIAL_CANCELLATION",
        cancellationAlreadyMade: false,
      })
      // A second request while the first is pending is refused.
      expect((await cancel(id, { cancelledAmount: 100 })).json.errorCode).toBe("INVALID_STATUS")
      await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, {
        accepted: true,
      })
      expect(await file(id)).toMatchObject({
        financedAmount: 700,
        cancellationStatus: "PARTIAL_CANCELLATION_ACCEPTED",
        cancellationAlreadyMade: true,
      })
      await sandbox.webhooksIdle()
      const codes = receiver.received.map((r) => JSON.parse(r.body).eventCode)
      expect(codes).toContain("SC_CANCEL_REQUEST_PARTIAL_CANCELLATION_ACCEPTED")
    } finally {
      await receiver.close()
    }
  })

  it("may refuse: the file keeps its amount and says CANCELLATION_REJECTED", async () => {
    const id = await accepted("SCDELT-DXTS", 600)
    expect((await cancel(id)).json.status).toBe("REQUESTED")
    await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, {
      accepted: false,
    })
    expect(await file(id)).toMatchObject({
      financedAmount: 600,
      consolidatedStatus: "ACCEPTED",
      cancellationStatus: "CANCELLATION_REJECTED",
    })
    const codes = sandbox.events().map((e) => e.eventCode)
    expect(codes).toContain("SC_CANCEL_REQUEST_CANCELLATION_REJECTED")
  })

  it("decide by themselves after hanseaticCancellation.afterMs when configured", async () => {
    await control(sandbox, "PUT", "/config", {
      hanseaticCancellation: { accepted: true, afterMs: 30 },
    })
    const id = await accepted("SCDELT-DXCO", 900)
    expect((await cancel(id)).json.status).toBe("REQUESTED")
    await waitFor(() => sandbox.subscription(id)?.consolidatedStatus === "CANCELLED")
    expect(await file(id)).toMatchObject({ cancellationStatus: "CANCELLATION_ACCEPTED" })
  })
})

describe("Franfinance (FR) cancellations", () => {
  it("are applied at once: ACCEPTED with the new amount", async () => {
    const id = await accepted("SCFRSP-3XTS", 300)
    expect((await cancel(id, { cancelledAmount: 100 })).json).toEqual({
      financedAmount: 200,
      status: "ACCEPTED",
    })
  })

  it("refuse a second partial cancellation but allow cancelling the rest", async () => {
    const id = await accepted("SCFRSP-4XTS", 400)
    expect((await cancel(id, { cancelledAmount: 100 })).status).toBe(200)
    const second = await cancel(id, { cancelledAmount: 50 })
    expect(second).toMatchObject({ status: 400, json: { errorCode: "INVALID_STATUS" } })
    expect((await cancel(id, { cancelledAmount: 300 })).status).toBe(200)
    expect(await file(id)).toMatchObject({ consolidatedStatus: "CANCELLED", financedAmount: 0 })
  })

  it("refuse an amount above what remains", async () => {
    const id = await accepted("SCFRSP-3XTS", 300)
    const above = await cancel(id, { cancelledAmount: 300.01 })
    expect(above).toMatchObject({
      status: 400,
      json: { errorCode: "REQUEST_VALIDATION_ERROR" },
    })
  })

  it("refuse split payment more than 90 days after its acceptance", async () => {
    const id = await accepted("SCFRSP-3XTS", 300)
    await control(sandbox, "POST", `/subscriptions/${id}/age`, { days: 91 })
    const late = await cancel(id)
    expect(late).toMatchObject({ status: 400, json: { errorCode: "INVALID_STATUS" } })
    expect(late.json as unknown as { errorMessage: string }).toMatchObject({
      errorMessage: expect.stringMatching(/90 days/),
    })
  })

  it("cancel split payment 89 days after acceptance", async () => {
    const id = await accepted("SCFRSP-3XTS", 300)
    await control(sandbox, "POST", `/subscriptions/${id}/age`, { days: 89 })
    expect((await cancel(id)).json.status).toBe("ACCEPTED")
  })
})

describe("files that cannot be cancelled", () => {
  it("INITIALIZED and PRE_ACCEPTED files are refused with INVALID_STATUS", async () => {
    const initialized = await create({
      solutionCode: "SCFRLT-TXNO",
      financedAmount: 2000,
    })
    expect((await cancel(initialized.id)).json.errorCode).toBe("INVALID_STATUS")
    const pre = await create({
      solutionCode: "SCFRLT-TXNO",
      financedAmount: 2000,
    })
    await control(sandbox, "POST", `/subscriptions/${pre.id}/decision`, { decision: "preaccept" })
    const refused = await cancel(pre.id)
    expect(refused).toMatchObject({ status: 400, json: { errorCode: "INVALID_STATUS" } })
  })
})
