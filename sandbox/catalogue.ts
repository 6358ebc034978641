/**
 * What the sandbox's lenders offer: amount ranges, durations, rates and fees of the nine solution
 * codes, their communication kits, and the instalment maths of `_simulate-solutions`.
 *
 * Ranges (the sandbox's choice, from the lenders' legal texts; only eligibility decides for real):
 * - split payment SCFRSP-*: 100 € to 4 000 €;
 * - French long credit SCFRLT-*: 1 000 € to 75 000 € (the French consumer-credit ceiling);
 * - German long credit SCDELT-*: 100 € to 15 000 €.
 *
 * Every amount is handled in integer cents.
 */
import { centsToAmount } from "./money"
import { SOLUTIONS, type Market, type SolutionCode } from "./solutions"

export interface SolutionRules {
  minCents: number
  maxCents: number
  /** Offered durations in months (split payment: the number of instalments). */
  durations: number[]
  /** Effective annual rate (TAEG / effektiver Jahreszins) in %, long credit only. */
  aprPercent: number
  /** Fee on the amount, added to the first instalment (split payment PS variants), in %. */
  feePercent: number
  /** Durations whose monthly instalment would fall below this are not offered (long credit). */
  minMonthlyCents: number
}

const SPLIT = { minCents: 100_00, maxCents: 4_000_00, aprPercent: 0, minMonthlyCents: 0 }
const FR_LONG = { minCents: 1_000_00, maxCents: 75_000_00, minMonthlyCents: 15_00 }
const DE_LONG = { minCents: 100_00, maxCents: 15_000_00, minMonthlyCents: 10_00 }

export const SOLUTION_RULES: Readonly<Record<SolutionCode, SolutionRules>> = {
  "SCFRSP-3XTS": { ...SPLIT, durations: [3], feePercent: 0 },
  "SCFRSP-3XPS": { ...SPLIT, durations: [3], feePercent: 1.5 },
  "SCFRSP-4XTS": { ...SPLIT, durations: [4], feePercent: 0 },
  "SCFRSP-4XPS": { ...SPLIT, durations: [4], feePercent: 2.2 },
  "SCFRLT-TXNO": {
    ...FR_LONG,
    durations: [10, 12, 18, 24, 36, 48, 60],
    aprPercent: 8.9,
    feePercent: 0,
  },
  "SCFRLT-TXPS": {
    ...FR_LONG,
    durations: [10, 12, 18, 24, 36, 48, 60],
    aprPercent: 4.9,
    feePercent: 0,
  },
  "SCFRLT-TXTS": { ...FR_LONG, durations: [10, 12, 18, 24], aprPercent: 0, feePercent: 0 },
  "SCDELT-DXTS": { ...DE_LONG, durations: [6, 12, 18, 24], aprPercent: 0, feePercent: 0 },
  "SCDELT-DXCO": { ...DE_LONG, durations: [6, 12, 18, 24, 36, 48], aprPercent: 9.9, feePercent: 0 },
}

export function isEligible(code: SolutionCode, country: string, amountCents: number): boolean {
  const rules = SOLUTION_RULES[code]
  return (
    SOLUTIONS[code].market === (country as Market) &&
    amountCents >= rules.minCents &&
    amountCents <= rules.maxCents
  )
}

// ---------------------------------------------------------------------------------------------
// Simulation maths
// ---------------------------------------------------------------------------------------------

export interface PlanInCents {
  duration: number
  aprPercent: number
  nominalPercent: number
  feesCents: number
  totalCostCents: number
  dueTotalCents: number
  installmentsCents: number[]
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

/**
 * Monthly rate r solving principal = Σ payment_k / (1+r)^k (k = months after the start), by
 * bisection; 0 when nothing is charged.
 */
export function monthlyRateOf(
  principalCents: number,
  payments: Array<{ month: number; cents: number }>
): number {
  const paid = payments.reduce((s, p) => s + p.cents, 0)
  if (paid <= principalCents) return 0
  const pv = (r: number) => payments.reduce((s, p) => s + p.cents / (1 + r) ** p.month, 0)
  let lo = 0
  let hi = 1
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (pv(mid) > principalCents) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * Split payment: n card instalments, the first at purchase and then monthly. The remainder of the
 * division and the fee (PS variants) go on the first instalment, so the instalments add up exactly
 * to amount + fee.
 */
export function splitPlan(amountCents: number, n: number, feePercent: number): PlanInCents {
  const base = Math.floor(amountCents / n)
  const remainder = amountCents - base * n
  const fee = Math.round((amountCents * feePercent) / 100)
  const installments = Array.from({ length: n }, (_, i) =>
    i === 0 ? base + remainder + fee : base
  )
  let apr = 0
  let nominal = 0
  if (fee > 0) {
    // The buyer is lent amount - first instalment, repaid by the other instalments.
    const r = monthlyRateOf(
      amountCents - installments[0],
      installments.slice(1).map((cents, i) => ({ month: i + 1, cents }))
    )
    apr = round2(((1 + r) ** 12 - 1) * 100)
    nominal = round2(r * 12 * 100)
  }
  return {
    duration: n,
    aprPercent: apr,
    nominalPercent: nominal,
    feesCents: fee,
    totalCostCents: fee,
    dueTotalCents: amountCents + fee,
    installmentsCents: installments,
  }
}

/**
 * Long credit: n equal monthly instalments of the annuity at the given effective annual rate,
 * rounded to the cent; `dueTotal = instalment × n` and `totalCost = dueTotal − amount` exactly
 * (as the OpenAPI example: 3 000 € over 12 months at 8.9 % → 261.74, total cost 140.88). At 0 % the
 * division remainder goes on the last instalment.
 */
export function longCreditPlan(amountCents: number, n: number, aprPercent: number): PlanInCents {
  if (aprPercent === 0) {
    const base = Math.floor(amountCents / n)
    const last = amountCents - base * (n - 1)
    return {
      duration: n,
      aprPercent: 0,
      nominalPercent: 0,
      feesCents: 0,
      totalCostCents: 0,
      dueTotalCents: amountCents,
      installmentsCents: Array.from({ length: n }, (_, i) => (i === n - 1 ? last : base)),
    }
  }
  const r = (1 + aprPercent / 100) ** (1 / 12) - 1
  const monthly = Math.round((amountCents * r) / (1 - (1 + r) ** -n))
  const due = monthly * n
  return {
    duration: n,
    aprPercent,
    nominalPercent: round2(r * 12 * 100),
    feesCents: 0,
    totalCostCents: due - amountCents,
    dueTotalCents: due,
    installmentsCents: Array.from({ length: n }, () => monthly),
  }
}

export interface SimulationJson {
  duration: number
  effectiveAnnualPercentageRate: number
  nominalPercentageRate: number
  totalCost: number
  dueTotalAmount: number
  feesAmount: number
  installments: Array<{ number: number; amount: number }>
}

function planToJson(plan: PlanInCents, onlyFirstInstallment: boolean): SimulationJson {
  const installments = plan.installmentsCents.map((cents, i) => ({
    number: i + 1,
    amount: centsToAmount(cents),
  }))
  return {
    duration: plan.duration,
    effectiveAnnualPercentageRate: plan.aprPercent,
    nominalPercentageRate: plan.nominalPercent,
    totalCost: centsToAmount(plan.totalCostCents),
    dueTotalAmount: centsToAmount(plan.dueTotalCents),
    feesAmount: centsToAmount(plan.feesCents),
    installments: onlyFirstInstallment ? installments.slice(0, 1) : installments,
  }
}

/** Plans in cents of a solution for an amount (one per offered duration for long credit). */
export function plansFor(code: SolutionCode, amountCents: number): PlanInCents[] {
  const rules = SOLUTION_RULES[code]
  if (SOLUTIONS[code].kind === "split") {
    return [splitPlan(amountCents, rules.durations[0], rules.feePercent)]
  }
  const plans = rules.durations.map((n) => longCreditPlan(amountCents, n, rules.aprPercent))
  const affordable = plans.filter((p) => p.installmentsCents[0] >= rules.minMonthlyCents)
  return affordable.length > 0 ? affordable : plans.slice(0, 1)
}

/**
 * The `simulations` of a solution. French long credit (SCFRLT) lists only the first instalment, as
 * the OpenAPI `Installment` description says; split payment and German credit list them all.
 */
export function simulate(code: SolutionCode, amountCents: number): SimulationJson[] {
  const onlyFirst = code.startsWith("SCFRLT")
  return plansFor(code, amountCents).map((p) => planToJson(p, onlyFirst))
}
