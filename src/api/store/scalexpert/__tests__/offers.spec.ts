import { resolveOptions } from "../../../../providers/scalexpert/options"
import type {
  EligibleSolutionsResponse,
  SimulateSolutionsResponse,
} from "../../../../scalexpert/schemas"
import { TtlCache } from "../cache"
import { candidateSolutions } from "../offer-mapping"
import {
  clearStorefrontCache,
  eligibleSolutions,
  ScalexpertUnavailable,
  simulateSolutions,
  type OffersDeps,
} from "../offers"
import { pickLocale } from "../pick-locale"
import { ScalexpertError } from "../../../../scalexpert/errors"
import {
  parseAmount,
  parseEligibilityQuery,
  parseSimulationParams,
  ParameterError,
} from "../validators"

const options = (extra: Record<string, unknown> = {}) =>
  resolveOptions({ clientId: "id", clientSecret: "secret", ...extra })

/** A fake Scalexpert: every French code eligible, with a kit, and one plan per solution. */
function fakeClient() {
  const calls = { eligibility: 0, simulate: [] as string[][] }
  const client: OffersDeps["client"] = {
    async getEligibleSolutions(params) {
      calls.eligibility++
      const codes =
        params.buyerBillingCountry === "FR"
          ? ["SCFRSP-3XTS", "SCFRSP-4XTS", "SCFRLT-TXNO", "UNKNOWN-CODE"]
          : ["SCDELT-DXCO"]
      return {
        solutions: codes.map((code) => ({
          solutionCode: code,
          communicationKit: {
            solutionCode: code,
            visualTitle: `<b>${code}</b><img src=x onerror=alert(1)>`,
            visualLegalText: `Legal ${code}`,
            visualLogo: "javascript:alert(1)",
            visualProductTermsURL: "https://lender.test/terms",
          },
        })),
      } as EligibleSolutionsResponse
    },
    async simulateSolutions(params) {
      calls.simulate.push(params.solutionCodes ?? [])
      return {
        financedAmount: params.financedAmount,
        buyerBillingCountry: params.buyerBillingCountry,
        solutionSimulations: (params.solutionCodes ?? []).map((code) => ({
          solutionCode: code,
          simulations: [24, 12].map((duration) => ({
            duration,
            effectiveAnnualPercentageRate: 8.9,
            nominalPercentageRate: 8.56,
            totalCost: 10.1,
            dueTotalAmount: 1300.1,
            feesAmount: 0,
            installments: [{ number: 1, amount: "108.34" }],
          })),
        })),
      } as unknown as SimulateSolutionsResponse
    },
  }
  return { client, calls }
}

beforeEach(() => clearStorefrontCache())

describe("parameters", () => {
  it("reads amounts in euros as cents, without float drift", () => {
    expect(parseAmount("1290")).toBe(129000)
    expect(parseAmount("0.29")).toBe(29)
    expect(parseAmount(1290.1)).toBe(129010)
    for (const bad of ["", "1e3", "12,5", "-1", "1.234", " ", "NaN", null, [], {}]) {
      expect(() => parseAmount(bad)).toThrow(ParameterError)
    }
  })

  it("tells a product page from a cart", () => {
    expect(parseEligibilityQuery({ amount: "99.9", country: "de" })).toEqual({
      kind: "amount",
      cents: 9990,
      country: "DE",
    })
    expect(parseEligibilityQuery({ cart_id: "cart_01ABC" })).toEqual({
      kind: "cart",
      cartId: "cart_01ABC",
    })
    expect(() => parseEligibilityQuery({ cart_id: "cart_1", country: "FR" })).toThrow(
      /cannot be combined with country/
    )
    expect(() => parseEligibilityQuery({ amount: "10", country: "FR", foo: "1" })).toThrow(
      /Unknown parameter foo/
    )
  })

  it("reads solution codes from a query or a body", () => {
    expect(
      parseSimulationParams(
        { amount: "10", country: "FR", solution_codes: "SCFRLT-TXNO, SCFRSP-3XTS,SCFRSP-3XTS" },
        "query"
      ).solutionCodes
    ).toEqual(["SCFRSP-3XTS", "SCFRLT-TXNO"])
    expect(
      parseSimulationParams({ amount: 10, country: "FR", solution_codes: ["SCFRSP-4XTS"] }, "body")
        .solutionCodes
    ).toEqual(["SCFRSP-4XTS"])
    expect(() =>
      parseSimulationParams({ amount: 10, country: "FR", solution_codes: "SCFRSP-4XTS" }, "body")
    ).toThrow(/must be a list/)
  })
})

describe("candidate solutions", () => {
  it("keeps the enabled solutions of the country whose bounds hold the amount", () => {
    const codes = (extra: Record<string, unknown>, country: string, cents: number) =>
      candidateSolutions(options(extra), country, cents).solutions.map((s) => s.code)
    expect(codes({}, "FR", 99_99)).toEqual([])
    expect(codes({}, "FR", 100_00)).toEqual([
      "SCFRSP-3XTS",
      "SCFRSP-3XPS",
      "SCFRSP-4XTS",
      "SCFRSP-4XPS",
    ])
    expect(codes({}, "FR", 4000_01)).toEqual(["SCFRLT-TXNO", "SCFRLT-TXPS", "SCFRLT-TXTS"])
    expect(codes({ enabledSolutions: ["SCFRSP-4XTS"] }, "FR", 500_00)).toEqual(["SCFRSP-4XTS"])
    expect(candidateSolutions(options(), "IT", 500_00).reason).toBe("country_not_supported")
    expect(candidateSolutions(options(), "DE", 199_99).reason).toBe("amount_out_of_bounds")
  })
})

describe("offers", () => {
  it("keeps known candidates, sanitises their kits and names them in the locale", async () => {
    const { client, calls } = fakeClient()
    const deps = { client, options: options() }
    const { solutions, reason } = await eligibleSolutions(deps, {
      country: "FR",
      cents: 1290_00,
      locale: "fr",
    })
    expect(reason).toBeNull()
    expect(solutions.map((s) => s.code)).toEqual(["SCFRSP-3XTS", "SCFRSP-4XTS", "SCFRLT-TXNO"])
    expect(solutions[0]).toMatchObject({
      name: "Paiement en 3 fois sans frais",
      amount_bounds: { min: 100, max: 4000 },
      communication_kit: {
        title: "<b>SCFRSP-3XTS</b>",
        legal_text: "Legal SCFRSP-3XTS",
        logo_url: null,
        terms_url: "https://lender.test/terms",
      },
    })
    await eligibleSolutions(deps, { country: "FR", cents: 1290_00, locale: "en" })
    expect(calls.eligibility).toBe(1)
  })

  it("simulates only eligible, wanted solutions, plans sorted by duration", async () => {
    const { client, calls } = fakeClient()
    const deps = { client, options: options() }
    const { simulations } = await simulateSolutions(deps, {
      country: "FR",
      cents: 1290_00,
      locale: "en",
      solutionCodes: ["SCFRLT-TXNO", "SCFRLT-TXPS"],
    })
    expect(calls.simulate).toEqual([["SCFRLT-TXNO"]])
    expect(simulations).toHaveLength(1)
    expect(simulations[0].plans.map((p) => p.duration)).toEqual([12, 24])
    expect(simulations[0].plans[0]).toEqual({
      duration: 12,
      installment_amount: 108.34,
      installments: [{ number: 1, amount: 108.34 }],
      fees_amount: 0,
      apr: 8.9,
      nominal_rate: 8.56,
      total_cost: 10.1,
      total_due: 1300.1,
    })
  })

  it("does not call Scalexpert when nothing can be offered", async () => {
    const { client, calls } = fakeClient()
    const result = await simulateSolutions(
      { client, options: options() },
      { country: "FR", cents: 50_00, locale: "en" }
    )
    expect(result).toEqual({ simulations: [], reason: "amount_out_of_bounds" })
    expect(calls).toEqual({ eligibility: 0, simulate: [] })
  })

  it("reports Scalexpert's failures as unavailable, and does not keep them", async () => {
    const { client } = fakeClient()
    let fail = true
    const flaky: OffersDeps["client"] = {
      ...client,
      getEligibleSolutions: async (params) => {
        if (fail) throw new ScalexpertError({ kind: "timeout", message: "timed out" })
        return client.getEligibleSolutions(params)
      },
    }
    const deps = { client: flaky, options: options() }
    const query = { country: "FR", cents: 1290_00, locale: "en" as const }
    await expect(eligibleSolutions(deps, query)).rejects.toBeInstanceOf(ScalexpertUnavailable)
    fail = false
    expect((await eligibleSolutions(deps, query)).solutions.length).toBe(3)
  })
})

describe("TtlCache", () => {
  it("shares a pending call, expires entries and stays bounded", async () => {
    let now = 0
    const cache = new TtlCache<number>(2, () => now)
    let loads = 0
    const load = async () => ++loads
    const [a, b] = await Promise.all([cache.get("k", 1000, load), cache.get("k", 1000, load)])
    expect([a, b, loads]).toEqual([1, 1, 1])
    now = 999
    expect(await cache.get("k", 1000, load)).toBe(1)
    now = 1000
    expect(await cache.get("k", 1000, load)).toBe(2)
    await cache.get("k2", 1000, load)
    await cache.get("k3", 1000, load)
    expect(cache.size).toBe(2)
    expect(await cache.get("k", 0, load)).toBe(5)
  })
})

describe("pickLocale", () => {
  it("prefers Medusa's locale, then Accept-Language by weight, then English", () => {
    expect(pickLocale("de-DE", "fr")).toBe("de")
    expect(pickLocale("es", "it, fr;q=0.5, de;q=0.7")).toBe("de")
    expect(pickLocale(undefined, "en-GB,en;q=0.9")).toBe("en")
    expect(pickLocale(undefined, "fr;q=0")).toBe("en")
    expect(pickLocale(undefined, undefined)).toBe("en")
  })
})
