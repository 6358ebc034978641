/**
 * Every e-financing endpoint and the event log, through the client, against the sandbox.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import { ScalexpertClient, SCALEXPERT_API_ROOTS } from "../client"
import { amountToCents, KNOWN_SUBSTATUSES } from "../schemas"
import { SOLUTION_CODES } from "../solutions"
import { control, makeClient, sampleSubscriptionRequest, sandboxPerTestFile } from "./helpers"

let sandbox: SandboxHandle
let client: ScalexpertClient

const shared = sandboxPerTestFile()

beforeEach(() => {
  sandbox = shared.sandbox
  client = makeClient(sandbox)
})

describe("environments", () => {
  it("targets UATC for test, production for production, and baseUrl when given", () => {
    const common = { clientId: "id", clientSecret: "secret" }
    expect(new ScalexpertClient({ ...common, environment: "test" }).apiRoot).toBe(
      "https://api.scalexpert.uatc.societegenerale.com/baas/uatc"
    )
    expect(new ScalexpertClient({ ...common, environment: "production" }).apiRoot).toBe(
      SCALEXPERT_API_ROOTS.production
    )
    expect(
      new ScalexpertClient({ ...common, environment: "production", baseUrl: `${sandbox.apiRoot}/` })
        .apiRoot
    ).toBe(sandbox.apiRoot)
  })

  it("refuses missing credentials and unknown environments", () => {
    expect(
      () => new ScalexpertClient({ clientId: "", clientSecret: "x", environment: "test" })
    ).toThrow(TypeError)
    expect(
      () =>
        new ScalexpertClient({ clientId: "a", clientSecret: "x", environment: "staging" as "test" })
    ).toThrow(/environment/)
  })
})

describe("GET /eligible-solutions", () => {
  it("returns the contracted solutions fitting the amount and country, with their communication kit", async () => {
    const fr = await client.getEligibleSolutions({
      buyerBillingCountry: "FR",
      financedAmount: 1500,
    })
    expect(fr.solutions.map((s) => s.solutionCode).sort()).toEqual(
      SOLUTION_CODES.filter((c) => c.startsWith("SCFR")).sort()
    )
    const kit = fr.solutions.find((s) => s.solutionCode === "SCFRSP-3XTS")?.communicationKit
    expect(kit?.visualTitle).toContain("3X")
    expect(kit?.visualLegalText).toMatch(/FRANFINANCE/)
    expect(kit?.visualLogo).toBe(`${sandbox.url}/assets/logos/SCFRSP-3XTS.svg`)
    const logo = await fetch(kit?.visualLogo as string)
    expect(logo.headers.get("content-type")).toContain("image/svg+xml")

    const small = await client.getEligibleSolutions({
      buyerBillingCountry: "FR",
      financedAmount: 500,
    })
    expect(small.solutions.every((s) => s.solutionCode.startsWith("SCFRSP"))).toBe(true)

    const de = await client.getEligibleSolutions({ buyerBillingCountry: "DE", financedAmount: 500 })
    expect(de.solutions.map((s) => s.solutionCode).sort()).toEqual(["SCDELT-DXCO", "SCDELT-DXTS"])
  })

  it("normalises the empty object of a non-eligible request to an empty list", async () => {
    const none = await client.getEligibleSolutions({
      buyerBillingCountry: "FR",
      financedAmount: 99_999,
    })
    expect(none.solutions).toEqual([])
    const it = await client.getEligibleSolutions({
      buyerBillingCountry: "IT",
      financedAmount: 1000,
    })
    expect(it.solutions).toEqual([])
  })

  it("honours the contracted set configured in the sandbox", async () => {
    await control(sandbox, "PUT", "/config", { contractedSolutions: ["SCFRSP-4XPS"] })
    const fr = await client.getEligibleSolutions({
      buyerBillingCountry: "FR",
      financedAmount: 1500,
    })
    expect(fr.solutions.map((s) => s.solutionCode)).toEqual(["SCFRSP-4XPS"])
  })
})

describe("POST /_simulate-solutions", () => {
  it("computes split plans whose instalments add up to the amount plus fees", async () => {
    const res = await client.simulateSolutions({
      financedAmount: 1000.01,
      buyerBillingCountry: "FR",
      solutionCodes: ["SCFRSP-3XTS", "SCFRSP-4XPS"],
    })
    expect(res.solutionSimulations.map((s) => s.solutionCode)).toEqual([
      "SCFRSP-3XTS",
      "SCFRSP-4XPS",
    ])
    for (const sol of res.solutionSimulations) {
      expect(sol.simulations).toHaveLength(1)
      const sim = sol.simulations[0]
      const sum = sim.installments.reduce((s, i) => s + amountToCents(i.amount), 0)
      expect(sum).toBe(amountToCents(1000.01) + amountToCents(sim.feesAmount))
      expect(amountToCents(sim.dueTotalAmount)).toBe(sum)
    }
    const ts = res.solutionSimulations[0].simulations[0]
    expect(ts.feesAmount).toBe(0)
    expect(ts.installments.map((i) => i.amount)).toEqual([333.35, 333.33, 333.33])
    const ps = res.solutionSimulations[1].simulations[0]
    expect(ps.feesAmount).toBeGreaterThan(0)
    expect(ps.effectiveAnnualPercentageRate).toBeGreaterThan(0)
  })

  it("returns one simulation per duration for long credit", async () => {
    const res = await client.simulateSolutions({
      financedAmount: 3000,
      buyerBillingCountry: "FR",
      solutionCodes: ["SCFRLT-TXNO"],
    })
    const sims = res.solutionSimulations[0].simulations
    expect(sims.length).toBeGreaterThan(3)
    expect(new Set(sims.map((s) => s.duration)).size).toBe(sims.length)
    const twelve = sims.find((s) => s.duration === 12)
    expect(twelve).toMatchObject({
      effectiveAnnualPercentageRate: 8.9,
      totalCost: 140.88,
      dueTotalAmount: 3140.88,
    })
    for (const s of sims) {
      expect(amountToCents(s.dueTotalAmount)).toBe(amountToCents(3000) + amountToCents(s.totalCost))
    }
  })

  it("simulates all eligible contracted solutions when no code is given, none when none fits", async () => {
    const all = await client.simulateSolutions({ financedAmount: 2000, buyerBillingCountry: "DE" })
    expect(all.solutionSimulations.map((s) => s.solutionCode).sort()).toEqual([
      "SCDELT-DXCO",
      "SCDELT-DXTS",
    ])
    const none = await client.simulateSolutions({
      financedAmount: 50,
      buyerBillingCountry: "FR",
      solutionCodes: ["SCFRLT-TXNO"],
    })
    expect(none.solutionSimulations).toEqual([])
  })
})

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

describe("GET /events (merchant-webhooks)", () => {
  it("lists the events of status changes, newest first, filterable", async () => {
    const request = sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XPS", financedAmount: 300 })
    const { id } = await client.createSubscription(request)
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })

    const page = await client.listEvents()
    expect(page.totalEventCount).toBe(2)
    expect(page.events.map((e) => e.eventCode)).toEqual([
      "SC_SUBSCRIPTION_ACCEPTED",
      "SC_SUBSCRIPTION_INITIALIZED",
    ])
    const accepted = page.events[0]
    expect(accepted).toMatchObject({
      eventTypeCode: "SC_SUBSCRIPTION",
      status: "NO_CONFIG",
      data: {
        eventTypeCode: "SC_SUBSCRIPTION",
        merchantGlobalOrderId: request.merchantGlobalOrderId,
        financedAmount: 300,
        consolidatedStatus: "ACCEPTED",
      },
    })
    expect(JSON.stringify(accepted.data)).not.toContain(id)

    const filtered = await client.listEvents({ eventCode: "SC_SUBSCRIPTION_INITIALIZED" })
    expect(filtered.events).toHaveLength(1)
    const ascending = await client.listEvents({ sort: "timestamp", pageSize: 1 })
    expect(ascending.events.map((e) => e.eventCode)).toEqual(["SC_SUBSCRIPTION_INITIALIZED"])

    const tokenRequests = sandbox.requests({ kind: "token" })
    expect(tokenRequests.map((r) => r.status)).toEqual([200, 200])
  })

  it("triggers a HELLO_WORLD event", async () => {
    const { eventId } = await client.triggerHelloWorldEvent()
    const page = await client.listEvents({ eventTypeCode: "HELLO_WORLD" })
    expect(page.events[0]).toMatchObject({
      id: eventId,
      data: { helloWorldMessage: "Hello World !" },
    })
  })
})

describe("connection check", () => {
  it("reports success with a fresh token, and the failure of wrong credentials", async () => {
    const ok = await client.checkConnection()
    expect(ok).toMatchObject({ ok: true, environment: "test", apiRoot: sandbox.apiRoot })
    if (ok.ok) expect(ok.tokenExpiresInSeconds).toBeGreaterThan(800)

    const bad = await makeClient(sandbox, { clientSecret: "wrong" }).checkConnection()
    expect(bad).toMatchObject({ ok: false, error: { status: 401, errorCode: "invalid_client" } })
  })

  it("getAccessToken returns the cached token", async () => {
    const a = await client.getAccessToken()
    const b = await makeClient(sandbox).getAccessToken()
    expect(a).toBe(b)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
  })
})
