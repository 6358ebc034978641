/**
 * Life cycle of a file through the control API.
 */
import { type SandboxHandle } from "../server"
import { control, waitFor } from "./http"
import { useSandbox } from "./setup"

let sandbox: SandboxHandle
const create = useSandbox((s) => (sandbox = s))

describe("life cycle through the control API", () => {
  it("moves only along the documented transitions", async () => {
    const { id } = await create({ solutionCode: "SCFRSP-3XTS" })
    const bad = await control<{ error: string }>(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "CANCELLED",
    })
    expect(bad.status).toBe(409)
    const pre = await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "PRE_ACCEPTED",
    })
    expect(pre.status).toBe(409)
    const ok = await control<{ consolidatedStatus: string; consolidatedSubstatus: string }>(
      sandbox,
      "POST",
      `/subscriptions/${id}/status`,
      { consolidatedStatus: "ACCEPTED" }
    )
    expect(ok.status).toBe(200)
    expect(ok.json).toMatchObject({
      consolidatedStatus: "ACCEPTED",
      consolidatedSubstatus: "SUBSCRIPTION APPROVED BY PRODUCER",
    })
    const back = await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "INITIALIZED",
    })
    expect(back.status).toBe(409)
    const unknown = await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "ON_HOLD",
    })
    expect(unknown.status).toBe(400)
    expect(
      (
        await control(sandbox, "POST", "/subscriptions/nope/status", {
          consolidatedStatus: "ACCEPTED",
        })
      ).status
    ).toBe(404)
  })

  it("a pre-accepted file expires (REJECTED / EXPIRED); an unanswered journey expires (ABORTED)", async () => {
    const long = await create({ solutionCode: "SCFRLT-TXNO", financedAmount: 3000 })
    await control(sandbox, "POST", `/subscriptions/${long.id}/decision`, { decision: "preaccept" })
    await control(sandbox, "POST", `/subscriptions/${long.id}/decision`, { decision: "expire" })
    expect(sandbox.subscription(long.id)).toMatchObject({
      consolidatedStatus: "REJECTED",
      consolidatedSubstatus: "EXPIRED",
    })
    const split = await create()
    await control(sandbox, "POST", `/subscriptions/${split.id}/decision`, { decision: "expire" })
    expect(sandbox.subscription(split.id)?.consolidatedStatus).toBe("ABORTED")
  })
})

describe("cancellations outside the API", () => {
  it("a cancellation made in Scalexpert's back office", async () => {
    const { id } = await create({ solutionCode: "SCFRSP-4XTS", financedAmount: 1000 })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    const partial = await control<{ financedAmount: number; cancellationStatus: string }>(
      sandbox,
      "POST",
      `/subscriptions/${id}/back-office-cancel`,
      { cancelledAmount: 250 }
    )
    expect(partial.json).toMatchObject({
      financedAmount: 750,
      cancellationStatus: "PARTIAL_CANCELLATION_ACCEPTED",
    })
    const full = await control<{ consolidatedStatus: string }>(
      sandbox,
      "POST",
      `/subscriptions/${id}/back-office-cancel`,
      {}
    )
    expect(full.json.consolidatedStatus).toBe("CANCELLED")
    expect(sandbox.events().map((e) => e.eventCode)).toEqual([
      "SC_SUBSCRIPTION_INITIALIZED",
      "SC_SUBSCRIPTION_ACCEPTED",
      "SC_CANCEL_REQUEST_PARTIAL_CANCELLATION_ACCEPTED",
      "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED",
      "SC_SUBSCRIPTION_CANCELLED",
    ])
  })

  it("the lender's financed amount can be made to differ from the one asked", async () => {
    const { id } = await create({ solutionCode: "SCFRSP-3XTS", financedAmount: 1000 })
    const changed = await control<{ financedAmount: number }>(
      sandbox,
      "POST",
      `/subscriptions/${id}/financed-amount`,
      { financedAmount: 1010 }
    )
    expect(changed.json.financedAmount).toBe(1010)
    const wrong = await control(sandbox, "POST", `/subscriptions/${id}/financed-amount`, {})
    expect(wrong.status).toBe(400)
  })

  it("a PRE_ACCEPTED file cancelled by the customer", async () => {
    const { id } = await create({ solutionCode: "SCDELT-DXTS", financedAmount: 1500 })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "preaccept" })
    await control(sandbox, "POST", `/subscriptions/${id}/back-office-cancel`, {})
    expect(sandbox.subscription(id)).toMatchObject({
      consolidatedStatus: "CANCELLED",
      consolidatedSubstatus: "CANCELED BY CUSTOMER",
    })
  })
})

describe("time running out", () => {
  it("an unanswered INITIALIZED file ends ABORTED / EXPIRED after initializedTtlMs", async () => {
    await control(sandbox, "PUT", "/config", { initializedTtlMs: 40 })
    const { id } = await create()
    await waitFor(() => sandbox.subscription(id)?.consolidatedStatus === "ABORTED")
    expect(sandbox.subscription(id)?.consolidatedSubstatus).toBe("EXPIRED")
    expect(sandbox.events().map((e) => e.eventCode)).toContain("SC_SUBSCRIPTION_ABORTED")
  })

  it("a PRE_ACCEPTED file the lender never decides ends REJECTED / EXPIRED", async () => {
    await control(sandbox, "PUT", "/config", { preAcceptedTtlMs: 40 })
    const { id } = await create({ solutionCode: "SCFRLT-TXNO", financedAmount: 2000 })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "preaccept" })
    await waitFor(() => sandbox.subscription(id)?.consolidatedStatus === "REJECTED")
    expect(sandbox.subscription(id)?.consolidatedSubstatus).toBe("EXPIRED")
  })

  it("a PRE_ACCEPTED file is accepted or refused by the lender later (configured or on command)", async () => {
    await control(sandbox, "PUT", "/config", {
      preAcceptedDecision: { decision: "accept", afterMs: 30 },
    })
    const a = await create({ solutionCode: "SCFRLT-TXNO", financedAmount: 2000 })
    await control(sandbox, "POST", `/subscriptions/${a.id}/decision`, { decision: "preaccept" })
    await waitFor(() => sandbox.subscription(a.id)?.consolidatedStatus === "ACCEPTED")

    await control(sandbox, "PUT", "/config", { preAcceptedDecision: null })
    const b = await create({ solutionCode: "SCDELT-DXCO", financedAmount: 900 })
    await control(sandbox, "POST", `/subscriptions/${b.id}/decision`, { decision: "preaccept" })
    const refused = await control(sandbox, "POST", `/subscriptions/${b.id}/lender-decision`, {
      decision: "refuse",
      afterMs: 20,
    })
    expect(refused.status).toBe(200)
    await waitFor(() => sandbox.subscription(b.id)?.consolidatedStatus === "REJECTED")
    expect(sandbox.subscription(b.id)?.consolidatedSubstatus).toBe(
      "SUBSCRIPTION REJECTED BY PRODUCER"
    )
  })

  it("a decided file keeps its status when its old timer would have fired", async () => {
    await control(sandbox, "PUT", "/config", { initializedTtlMs: 1500 })
    const { id } = await create()
    const decided = await control(sandbox, "POST", `/subscriptions/${id}/decision`, {
      decision: "accept",
    })
    expect(decided.status).toBe(200)
    // Created after the first one, this file expires after the first one's timer would have fired.
    const { id: other } = await create()
    await waitFor(() => sandbox.subscription(other)?.consolidatedStatus === "ABORTED", 8000)
    expect(sandbox.subscription(id)?.consolidatedStatus).toBe("ACCEPTED")
  }, 15_000)
})
