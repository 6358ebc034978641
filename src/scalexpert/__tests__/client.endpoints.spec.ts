/**
 * The client's environments, eligibility, simulations, the event log and the connection check,
 * against the sandbox. Financing files and their life cycles: `client.subscriptions.spec.ts`.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import { ScalexpertClient, SCALEXPERT_API_ROOTS } from "../client"
import { amountToCents } from "../schemas"
import { SOLUTION_CODES } from "../solutions"
import { clientPerTest, configureSandbox } from "./fixtures"
import { control, makeClient, sampleSubscriptionRequest } from "./helpers"

let sandbox: SandboxHandle
let client: ScalexpertClient
clientPerTest((s, c) => ([sandbox, client] = [s, c]))

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
    await configureSandbox(sandbox, { contractedSolutions: ["SCFRSP-4XPS"] })
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
