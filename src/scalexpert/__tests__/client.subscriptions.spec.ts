/**
 * Financing files through the client, against the sandbox: creation, reads and list, then the
 * life cycles of split payment and long credit (delivery, return, cancellations).
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertClient } from "../client"
import { KNOWN_SUBSTATUSES } from "../schemas"
import { clientPerTest } from "./fixtures"
import { control, sampleSubscriptionRequest } from "./helpers"

let sandbox: SandboxHandle
let client: ScalexpertClient
clientPerTest((s, c) => ([sandbox, client] = [s, c]))

describe("subscriptions", () => {
  it("creates a file and returns the journey URL, then reads it back by id and in the list", async () => {
    const request = sampleSubscriptionRequest({ solutionCode: "SCFRSP-4XTS", financedAmount: 800 })
    const created = await client.createSubscription(request)
    expect(created.recovered).toBe(false)
    expect(created.redirect).toEqual({ type: "url", value: `${sandbox.url}/journey/${created.id}` })

    const sub = await client.getSubscription(created.id)
    expect(sub).toMatchObject({
      creditSubscriptionId: created.id,
      solutionCode: "SCFRSP-4XTS",
      familyCode: "SC",
      marketTypeCode: "FR",
      merchantGlobalOrderId: request.merchantGlobalOrderId,
      merchantBasketId: request.merchantBasketId,
      merchantBuyerId: request.merchantBuyerId,
      financedAmount: 800,
      consolidatedStatus: "INITIALIZED",
      consolidatedSubstatus: KNOWN_SUBSTATUSES.IN_PROGRESS,
      cancellationAlreadyMade: false,
    })
    expect(sub.buyer?.contact).toMatchObject({ lastName: "Dupont" })

    const list = await client.listSubscriptions({
      merchantGlobalOrderId: request.merchantGlobalOrderId,
    })
    expect(list.totalItemCount).toBe(1)
    expect(list.subscriptions[0]).toMatchObject({
      creditSubscriptionId: created.id,
      buyerFinancedAmount: 800,
      consolidatedStatus: "INITIALIZED",
    })
    const byBasket = await client.listSubscriptions({ merchantBasketId: request.merchantBasketId })
    expect(byBasket.subscriptions.map((s) => s.creditSubscriptionId)).toEqual([created.id])
  })

  it("sends the language of the solution's market", async () => {
    await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCDELT-DXCO", financedAmount: 900 })
    )
    await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCFRLT-TXPS", financedAmount: 1900 })
    )
    const posts = sandbox.requests({ method: "POST", path: "/e-financing/api/v1/subscriptions" })
    expect(posts.map((r) => r.query.language)).toEqual(["de-DE", "fr-FR"])
  })

  it("paginates the list", async () => {
    for (let i = 0; i < 5; i++) {
      await client.createSubscription(
        sampleSubscriptionRequest({ merchantGlobalOrderId: `page-${i}` })
      )
    }
    const page1 = await client.listSubscriptions({ page: 1, pageSize: 2 })
    const page3 = await client.listSubscriptions({ page: 3, pageSize: 2 })
    expect(page1.totalItemCount).toBe(5)
    expect(page1.subscriptions).toHaveLength(2)
    expect(page3.subscriptions).toHaveLength(1)
  })

  it("keeps an unknown sub-status text as is", async () => {
    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "INITIALIZED",
      consolidatedSubstatus: "A BRAND NEW SUB-STATUS NOBODY DOCUMENTED",
    })
    expect((await client.getSubscription(id)).consolidatedSubstatus).toBe(
      "A BRAND NEW SUB-STATUS NOBODY DOCUMENTED"
    )
  })
})

describe("split payment life cycle", () => {
  it("accepted, delivery confirmation is a no-op, partial then full cancellation", async () => {
    const { id } = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XTS", financedAmount: 600 })
    )
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    expect(await client.getSubscription(id)).toMatchObject({
      consolidatedStatus: "ACCEPTED",
      consolidatedSubstatus: KNOWN_SUBSTATUSES.APPROVED,
    })

    await client.confirmDelivery(id, {
      isDelivered: true,
      trackingNumber: "1Z999",
      operator: "UPS",
    })
    expect((await client.getSubscription(id)).isDelivered).toBe(false)

    const partial = await client.cancelSubscription(id, {
      cancelledAmount: 100.5,
      cancellationReason: "one item back",
    })
    expect(partial).toEqual({ financedAmount: 499.5, status: "ACCEPTED" })
    expect(await client.getSubscription(id)).toMatchObject({
      consolidatedStatus: "ACCEPTED",
      financedAmount: 499.5,
      cancellationStatus: "PARTIAL_CANCELLATION_ACCEPTED",
      cancellationAlreadyMade: true,
    })

    const full = await client.cancelSubscription(id)
    expect(full).toEqual({ financedAmount: 0, status: "ACCEPTED" })
    expect(await client.getSubscription(id)).toMatchObject({
      consolidatedStatus: "CANCELLED",
      cancellationStatus: "CANCELLATION_ACCEPTED",
      consolidatedSubstatus: KNOWN_SUBSTATUSES.CANCELED_BY_CUSTOMER,
    })
  })
})

describe("long credit life cycle", () => {
  it("a pre-accepted file the lender refuses later (lender-decision control) reads REJECTED", async () => {
    const { id } = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCFRLT-TXNO", financedAmount: 1800 })
    )
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "preaccept" })
    await control(sandbox, "POST", `/subscriptions/${id}/lender-decision`, {
      decision: "refuse",
      afterMs: 100,
    })
    // Poll as the plugin's job does, until the lender's decision shows (bounded, no fixed wait).
    let status = (await client.getSubscription(id)).consolidatedStatus
    for (let reads = 0; status === "PRE_ACCEPTED" && reads < 200; reads++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      status = (await client.getSubscription(id)).consolidatedStatus
    }
    expect(status).toBe("REJECTED")
  })

  it("pre-accepted, accepted days later, delivery confirmed (funding), return confirmed, cancelled", async () => {
    const { id } = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCFRLT-TXNO", financedAmount: 2500 })
    )
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, {
      decision: "preaccept",
      duration: 24,
    })
    expect(await client.getSubscription(id)).toMatchObject({
      consolidatedStatus: "PRE_ACCEPTED",
      consolidatedSubstatus: KNOWN_SUBSTATUSES.PRE_APPROVED,
      implementationCode: "24X",
    })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    expect(await client.getSubscription(id)).toMatchObject({
      consolidatedStatus: "ACCEPTED",
      consolidatedSubstatus: KNOWN_SUBSTATUSES.WAITING_DELIVERY_CONFIRMATION,
      isDelivered: false,
    })

    await client.confirmDelivery(id, {
      isDelivered: true,
      operator: "DHL",
      trackingNumber: "JD0002",
    })
    expect(await client.getSubscription(id)).toMatchObject({
      isDelivered: true,
      consolidatedSubstatus: KNOWN_SUBSTATUSES.AWAITING_PAYMENT,
    })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "fund" })
    expect((await client.getSubscription(id)).consolidatedSubstatus).toBe(
      KNOWN_SUBSTATUSES.PAYMENT_ISSUED
    )

    await client.confirmReturn(id, { isReturned: true })
    expect((await client.getSubscription(id)).isReturned).toBe(true)
    const cancelled = await client.cancelSubscription(id, { cancelledAmount: 2500 })
    expect(cancelled).toEqual({ financedAmount: 0, status: "ACCEPTED" })
    expect((await client.getSubscription(id)).consolidatedStatus).toBe("CANCELLED")
  })
})

describe("cancellations in Germany (Hanseatic)", () => {
  it("German cancellations are requests decided later by the lender", async () => {
    const { id } = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCDELT-DXCO", financedAmount: 1200 })
    )
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    const request = await client.cancelSubscription(id, { cancelledAmount: 200 })
    // The lender's first answer is the OpenAPI's non-final status: the decision comes later.
    expect(request).toEqual({ financedAmount: 1200, status: "REQUESTED" })
    expect(await client.getSubscription(id)).toMatchObject({
      financedAmount: 1200,
      cancellationStatus: "REQUEST_FOR_PARTIAL_CANCELLATION",
      cancellationAlreadyMade: false,
    })
    await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, { accepted: true })
    expect(await client.getSubscription(id)).toMatchObject({
      financedAmount: 1000,
      cancellationStatus: "PARTIAL_CANCELLATION_ACCEPTED",
      cancellationAlreadyMade: true,
      consolidatedStatus: "ACCEPTED",
    })

    const full = await client.cancelSubscription(id)
    expect(full.status).toBe("REQUESTED")
    await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, { accepted: false })
    expect(await client.getSubscription(id)).toMatchObject({
      financedAmount: 1000,
      cancellationStatus: "CANCELLATION_REJECTED",
      consolidatedStatus: "ACCEPTED",
    })
  })
})
