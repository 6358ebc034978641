import { MedusaError } from "@medusajs/framework/utils"
import type { SandboxHandle } from "../../../../sandbox/server"
import {
  caught,
  control,
  makeClient,
  sampleSubscriptionRequest,
  startTestSandbox,
} from "../../../scalexpert/__tests__/helpers"
import type { ScalexpertClient } from "../../../scalexpert/client"
import { languageForSolution } from "../../../scalexpert/solutions"
import type { AfterOrderData } from "../cancellation"
import ScalexpertProviderService from "../service"

/**
 * The provider's capture, refund and cancel against the sandbox: what reaches Scalexpert, and
 * what is refused before any call.
 */
describe("ScalexpertProviderService after the order", () => {
  let sandbox: SandboxHandle
  let client: ScalexpertClient
  let provider: ScalexpertProviderService
  let order = 0

  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = makeClient(sandbox)
    provider = new ScalexpertProviderService(
      {},
      {
        clientId: sandbox.credentials.clientId,
        clientSecret: sandbox.credentials.clientSecret,
        baseUrl: sandbox.apiRoot,
      }
    )
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.reset())

  /** An accepted file and the payment data the checkout left. */
  async function acceptedFile(solutionCode: string, amount: number): Promise<AfterOrderData> {
    const created = await client.createSubscription(
      sampleSubscriptionRequest({
        solutionCode,
        financedAmount: amount,
        merchantGlobalOrderId: `payses_${++order}`,
      }),
      { language: languageForSolution(solutionCode) }
    )
    await control(sandbox, "POST", `/subscriptions/${created.id}/decision`, { decision: "accept" })
    await control(sandbox, "DELETE", "/requests")
    return {
      solution_code: solutionCode,
      subscription_id: created.id,
      amount,
      file: { status: "ACCEPTED", read_at: new Date().toISOString(), financed_amount: amount },
    }
  }

  const calls = () =>
    sandbox
      .requests({ kind: "api" })
      .map((r) => `${r.method} ${r.path.split("/").pop()} ${r.status}`)

  const remote = async (id: string) =>
    (await control<Record<string, unknown>>(sandbox, "GET", `/subscriptions/${id}`)).body

  const refund = (data: AfterOrderData, amount: number, id = "ref_1") =>
    provider.refundPayment({ data, amount, context: { idempotency_key: id } })

  it("refunds as partial cancels of exactly the amount, once; the rest in full", async () => {
    const data = await acceptedFile("SCFRSP-3XTS", 1290.5)
    const first = (await refund(data, 100.5)).data as AfterOrderData
    expect(first).toMatchObject({ cancelled_amount: 100.5, partial_cancel_used: true })
    expect(first.calls).toEqual([
      expect.objectContaining({ id: "ref_1", call: "_cancel", amount: 100.5, full: false }),
    ])
    expect(await remote(data.subscription_id)).toMatchObject({ financedAmount: 1190 })

    const refused = await caught<MedusaError>(() => refund(first, 50, "ref_2"))
    expect(refused).toBeInstanceOf(MedusaError)
    expect(refused.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(refused.message).toMatch(/one partial cancellation per financing/)

    const last = (await refund(first, 1190, "ref_3")).data as AfterOrderData
    expect(last).toMatchObject({ cancelled_amount: 1290.5 })
    expect(await remote(data.subscription_id)).toMatchObject({ consolidatedStatus: "CANCELLED" })
    expect(calls()).toEqual(["POST _cancel 200", "POST _cancel 200"])
  })

  it("reads Medusa's raw amounts to the cent", async () => {
    const data = await acceptedFile("SCFRSP-4XTS", 1552.83)
    const next = (
      await provider.refundPayment({
        data,
        amount: { value: "1552.83100000000000000", precision: 20 },
        context: { idempotency_key: "ref_raw" },
      })
    ).data as AfterOrderData
    expect(next.calls?.[0]).toMatchObject({ amount: 1552.83, full: true })
  })

  it("refuses a split-payment refund after 90 days, with the reason, and calls nothing", async () => {
    const data = await acceptedFile("SCFRSP-3XTS", 500)
    const old = { ...data, accepted_at: new Date(Date.now() - 100 * 24 * 3600e3).toISOString() }
    const refused = await caught<Error>(() => refund(old, 100))
    expect(refused.message).toMatch(/within 90 days of the purchase.*100 days ago/)
    expect(calls()).toEqual([])
  })

  it("delivered long credit: refused without a return; with one, _confirmReturn then _cancel", async () => {
    const accepted = await acceptedFile("SCFRLT-TXNO", 3000)
    // Medusa's capture button before anything shipped must not tell the lender "delivered".
    const early = await caught<Error>(() => provider.capturePayment({ data: accepted }))
    expect(early.message).toMatch(/no shipped fulfillment yet/)
    expect(calls()).toEqual([])
    const data = { ...accepted, shipped_at: new Date().toISOString() }
    const captured = (await provider.capturePayment({ data, context: { idempotency_key: "cap" } }))
      .data as AfterOrderData
    expect(captured.delivery_confirmed_at).toBeDefined()
    expect(captured.calls).toEqual([
      expect.objectContaining({ call: "_confirmDelivery", by: "capture", answer: "204" }),
    ])

    const refused = await caught<Error>(() => refund(captured, 400))
    expect(refused.message).toMatch(/Receive the return in Medusa first/)

    const returned = { ...captured, return_received_at: new Date().toISOString() }
    const next = (await refund(returned, 400)).data as AfterOrderData
    expect(next.return_confirmed_at).toBeDefined()
    expect(next.calls?.map((c) => c.call)).toEqual([
      "_confirmDelivery",
      "_confirmReturn",
      "_cancel",
    ])
    expect(calls()).toEqual([
      "POST _confirmDelivery 204",
      "POST _confirmReturn 204",
      "POST _cancel 200",
    ])
  })

  it("a capture counts Scalexpert's 409 (already confirmed) as success; split payment calls nothing", async () => {
    const credit = { ...(await acceptedFile("SCFRLT-TXPS", 2000)), shipped_at: "2026-01-02" }
    await client.confirmDelivery(credit.subscription_id, { isDelivered: true })
    const captured = (await provider.capturePayment({ data: credit })).data as AfterOrderData
    expect(captured.calls?.[0]).toMatchObject({ answer: "409" })

    const split = await acceptedFile("SCFRSP-3XTS", 200)
    await control(sandbox, "DELETE", "/requests")
    expect((await provider.capturePayment({ data: split })).data).toEqual(split)
    expect(calls()).toEqual([])
  })

  it("German cancellations are requests: recorded as pending, a second one refused", async () => {
    const data = await acceptedFile("SCDELT-DXCO", 900)
    const requested = (
      await provider.cancelPayment({ data, context: { idempotency_key: "pay_1" } })
    ).data as AfterOrderData
    expect(requested.pending_cancellation).toMatchObject({ amount: 900, full: true, by: "cancel" })
    expect(requested.cancelled_amount ?? 0).toBe(0)
    const refused = await caught<Error>(() => refund(requested, 100))
    expect(refused.message).toMatch(/awaiting the lender's answer/)
    // Already requested: canceling again sends nothing.
    expect((await provider.cancelPayment({ data: requested })).data).toEqual(requested)
    expect(calls()).toEqual(["POST _cancel 200"])
    expect(await remote(data.subscription_id)).toMatchObject({
      pendingCancellation: expect.objectContaining({ full: true }),
    })
  })

  it("cancelPayment cancels an accepted file in full, and leaves a pre-accepted one alone", async () => {
    const data = await acceptedFile("SCFRLT-TXTS", 1500)
    const cancelled = (await provider.cancelPayment({ data })).data as AfterOrderData
    expect(cancelled).toMatchObject({ cancelled_amount: 1500 })
    expect(await remote(data.subscription_id)).toMatchObject({ consolidatedStatus: "CANCELLED" })

    const pre = await acceptedFile("SCFRLT-TXTS", 1500)
    const preAccepted = { ...pre, file: { ...pre.file, status: "PRE_ACCEPTED" } }
    await provider.cancelPayment({ data: preAccepted })
    expect(calls()).toEqual([])
  })
})
