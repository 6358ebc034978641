/**
 * The sandbox's simulation maths and eligibility ranges.
 */
import { SOLUTION_CODES, SOLUTIONS } from "../solutions"
import {
  isEligible,
  longCreditPlan,
  plansFor,
  simulate,
  splitPlan,
  SOLUTION_RULES,
} from "../catalogue"

const AMOUNTS_CENTS = [
  100_00, 100_01, 333_33, 999_99, 1_000_00, 1_234_57, 3_999_99, 4_000_00, 7_777_77, 14_999_99,
  15_000_00, 74_999_99,
]

describe("eligibility ranges", () => {
  it("split payment 100 € to 4 000 €, French long credit from 1 000 €, German long credit 100 € to 15 000 €", () => {
    expect(isEligible("SCFRSP-3XTS", "FR", 100_00)).toBe(true)
    expect(isEligible("SCFRSP-3XTS", "FR", 99_99)).toBe(false)
    expect(isEligible("SCFRSP-4XPS", "FR", 4_000_00)).toBe(true)
    expect(isEligible("SCFRSP-4XPS", "FR", 4_000_01)).toBe(false)
    expect(isEligible("SCFRLT-TXNO", "FR", 999_99)).toBe(false)
    expect(isEligible("SCFRLT-TXNO", "FR", 1_000_00)).toBe(true)
    expect(isEligible("SCFRLT-TXNO", "FR", 75_000_00)).toBe(true)
    expect(isEligible("SCDELT-DXCO", "DE", 100_00)).toBe(true)
    expect(isEligible("SCDELT-DXCO", "DE", 15_000_01)).toBe(false)
    expect(isEligible("SCDELT-DXCO", "FR", 1_000_00)).toBe(false)
    expect(isEligible("SCFRSP-3XTS", "DE", 1_000_00)).toBe(false)
  })
})

describe("split payment plans", () => {
  it("instalments add up exactly to the amount plus the fee, remainder and fee on the first", () => {
    for (const code of SOLUTION_CODES.filter((c) => SOLUTIONS[c].kind === "split")) {
      for (const cents of AMOUNTS_CENTS.filter((c) => isEligible(code, "FR", c))) {
        const [plan] = plansFor(code, cents)
        const n = SOLUTIONS[code].instalments as number
        expect(plan.installmentsCents).toHaveLength(n)
        const sum = plan.installmentsCents.reduce((a, b) => a + b, 0)
        expect(sum).toBe(cents + plan.feesCents)
        expect(plan.dueTotalCents).toBe(sum)
        expect(plan.totalCostCents).toBe(plan.feesCents)
        const rest = plan.installmentsCents.slice(1)
        expect(new Set(rest).size).toBe(1)
        expect(plan.installmentsCents[0] - plan.feesCents - rest[0]).toBeLessThan(n)
        if (SOLUTION_RULES[code].feePercent === 0) {
          expect(plan).toMatchObject({ feesCents: 0, aprPercent: 0 })
        } else {
          expect(plan.feesCents).toBe(Math.round((cents * SOLUTION_RULES[code].feePercent) / 100))
          expect(plan.aprPercent).toBeGreaterThan(0)
        }
      }
    }
  })

  it("computes an APR for the fee (3 × 1 000 € with a 1.5 % fee ≈ 20 %)", () => {
    const plan = splitPlan(3_000_00, 3, 1.5)
    expect(plan.installmentsCents).toEqual([1_045_00, 1_000_00, 1_000_00])
    expect(plan.aprPercent).toBeGreaterThan(19)
    expect(plan.aprPercent).toBeLessThan(21)
  })
})

describe("long credit plans", () => {
  it("reproduces the OpenAPI example (3 000 € at 8.9 %)", () => {
    expect(longCreditPlan(3_000_00, 12, 8.9)).toMatchObject({
      installmentsCents: Array(12).fill(261_74),
      totalCostCents: 140_88,
      nominalPercent: 8.56,
    })
    expect(longCreditPlan(3_000_00, 18, 8.9).installmentsCents[0]).toBe(178_18)
    expect(longCreditPlan(3_000_00, 24, 8.9).totalCostCents).toBe(274_56)
  })

  it("dueTotal = amount + totalCost to the cent, one simulation per duration", () => {
    for (const code of SOLUTION_CODES.filter((c) => SOLUTIONS[c].kind === "long_credit")) {
      const market = SOLUTIONS[code].market
      for (const cents of AMOUNTS_CENTS.filter((c) => isEligible(code, market, c))) {
        const plans = plansFor(code, cents)
        expect(plans.length).toBeGreaterThan(0)
        expect(new Set(plans.map((p) => p.duration)).size).toBe(plans.length)
        for (const plan of plans) {
          expect(plan.dueTotalCents).toBe(cents + plan.totalCostCents)
          expect(plan.installmentsCents.reduce((a, b) => a + b, 0)).toBe(plan.dueTotalCents)
          expect(plan.installmentsCents).toHaveLength(plan.duration)
          if (SOLUTION_RULES[code].aprPercent === 0) expect(plan.totalCostCents).toBe(0)
          else expect(plan.totalCostCents).toBeGreaterThan(0)
        }
        const json = simulate(code, cents)
        expect(json).toHaveLength(plans.length)
        // French long credit lists one instalment (OpenAPI `Installment` description), German all.
        for (const sim of json) {
          expect(sim.installments).toHaveLength(market === "FR" ? 1 : sim.duration)
        }
      }
    }
  })

  it("does not offer durations whose monthly instalment is too small", () => {
    expect(plansFor("SCDELT-DXCO", 100_00).map((p) => p.duration)).toEqual([6])
    expect(plansFor("SCDELT-DXCO", 5_000_00).map((p) => p.duration)).toEqual([
      6, 12, 18, 24, 36, 48,
    ])
  })
})
