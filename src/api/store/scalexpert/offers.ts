import type { ScalexpertClient } from "../../../scalexpert/client"
import { isScalexpertError } from "../../../scalexpert/errors"
import { centsToAmount } from "../../../scalexpert/money"
import type {
  EligibleSolutionsResponse,
  SimulateSolutionsResponse,
} from "../../../scalexpert/schemas"
import { SOLUTION_CODES, type SolutionCode } from "../../../scalexpert/solutions"
import type {
  ScalexpertLocale,
  ScalexpertPlan,
  ScalexpertSolutionSimulation,
  ScalexpertSolution,
  ScalexpertUnavailableReason,
} from "../../../storefront/types"
import { TtlCache } from "./cache"
import { candidateSolutions, toPlan, toSolution, type OfferOptions } from "./offer-mapping"

/**
 * What the storefront may offer for an amount and a billing country: the shop's enabled
 * solutions, within the shop's amount bounds, that Scalexpert says are eligible, with their
 * communication kits and simulations. Scalexpert's answers are cached per (country, amount).
 * The local decisions and the mapping are in `offer-mapping.ts`.
 */

export type OffersDeps = {
  client: Pick<ScalexpertClient, "getEligibleSolutions" | "simulateSolutions">
  options: OfferOptions
}

export type OfferQuery = { country: string; cents: number; locale: ScalexpertLocale }

/** Scalexpert could not answer (down, slow, refusing our credentials...). */
export class ScalexpertUnavailable extends Error {
  constructor(
    readonly action: string,
    readonly cause: unknown
  ) {
    super(`Scalexpert could not be reached to ${action}: financing cannot be offered right now`)
    this.name = "ScalexpertUnavailable"
  }
}

const CACHE_SIZE = 1000
const eligibilityCache = new TtlCache<EligibleSolutionsResponse>(CACHE_SIZE)
const simulationCache = new TtlCache<SimulateSolutionsResponse>(CACHE_SIZE)

/** Forgets every cached Scalexpert answer (tests, or after changing the provider's options). */
export function clearStorefrontCache() {
  eligibilityCache.clear()
  simulationCache.clear()
}

const ttlMs = (deps: OffersDeps) => deps.options.storefrontCacheTtlSeconds * 1000

const catalogueOrder = (a: string, b: string) =>
  SOLUTION_CODES.indexOf(a as SolutionCode) - SOLUTION_CODES.indexOf(b as SolutionCode)

async function askScalexpert<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (isScalexpertError(error)) throw new ScalexpertUnavailable(action, error)
    throw error
  }
}

/** The solutions to offer for an amount and a billing country, with their communication kits. */
export async function eligibleSolutions(
  deps: OffersDeps,
  query: OfferQuery
): Promise<{ solutions: ScalexpertSolution[]; reason: ScalexpertUnavailableReason | null }> {
  const candidates = candidateSolutions(deps.options, query.country, query.cents)
  if (candidates.solutions.length === 0) return { solutions: [], reason: candidates.reason }

  const answer = await eligibilityCache.get(`${query.country}:${query.cents}`, ttlMs(deps), () =>
    askScalexpert("check the eligibility", () =>
      deps.client.getEligibleSolutions({
        buyerBillingCountry: query.country,
        financedAmount: centsToAmount(query.cents),
      })
    )
  )
  const kits = new Map(answer.solutions.map((s) => [s.solutionCode, s.communicationKit]))
  const solutions = candidates.solutions
    .filter((solution) => kits.has(solution.code))
    .map((solution) => toSolution(solution, kits.get(solution.code), deps.options, query.locale))
  return { solutions, reason: solutions.length > 0 ? null : "not_eligible" }
}

/**
 * Simulations of the eligible solutions (all, or those asked for) for an amount and a billing
 * country: one plan per duration for long credit, with the communication kit of each solution.
 */
export async function simulateSolutions(
  deps: OffersDeps,
  query: OfferQuery & { solutionCodes?: SolutionCode[] }
): Promise<{
  simulations: ScalexpertSolutionSimulation[]
  reason: ScalexpertUnavailableReason | null
}> {
  const eligible = await eligibleSolutions(deps, query)
  const wanted = eligible.solutions.filter(
    (solution) =>
      !query.solutionCodes || query.solutionCodes.includes(solution.code as SolutionCode)
  )
  if (wanted.length === 0) {
    return { simulations: [], reason: eligible.reason ?? "not_eligible" }
  }
  const codes = wanted.map((solution) => solution.code).sort(catalogueOrder)
  const answer = await simulationCache.get(
    `${query.country}:${query.cents}:${codes.join(",")}`,
    ttlMs(deps),
    () =>
      askScalexpert("simulate the financing", () =>
        deps.client.simulateSolutions({
          financedAmount: centsToAmount(query.cents),
          // The candidates are of this market, so the country is FR or DE.
          buyerBillingCountry: wanted[0].market,
          solutionCodes: codes,
        })
      )
  )
  const plansByCode = new Map(
    answer.solutionSimulations.map((s) => [
      s.solutionCode,
      s.simulations
        .map(toPlan)
        .filter((plan): plan is ScalexpertPlan => plan !== undefined)
        .sort((a, b) => a.duration - b.duration),
    ])
  )
  const simulations = wanted
    .map((solution) => ({ ...solution, plans: plansByCode.get(solution.code) ?? [] }))
    .filter((simulation) => simulation.plans.length > 0)
  return { simulations, reason: simulations.length > 0 ? null : "not_eligible" }
}
