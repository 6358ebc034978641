import type { ScalexpertClient } from "../../../scalexpert/client"
import { isScalexpertError } from "../../../scalexpert/errors"
import { amountToCents, centsToAmount, toWireAmount } from "../../../scalexpert/money"
import type {
  CommunicationKit,
  EligibleSolutionsResponse,
  SimulateSolutionsResponse,
  Simulation,
} from "../../../scalexpert/schemas"
import {
  getSolution,
  SOLUTION_CODES,
  type SolutionCode,
  type SolutionInfo,
} from "../../../scalexpert/solutions"
import { boundsFor, type ResolvedScalexpertOptions } from "../../../providers/scalexpert/options"
import type {
  ScalexpertCommunicationKit,
  ScalexpertLocale,
  ScalexpertPlan,
  ScalexpertSolutionSimulation,
  ScalexpertSolution,
  ScalexpertUnavailableReason,
} from "../../../storefront/types"
import { TtlCache } from "./cache"
import { safeUrl, sanitizeKitHtml } from "../../../storefront/sanitize"

/**
 * What the storefront may offer for an amount and a billing country: the shop's enabled
 * solutions, within the shop's amount bounds, that Scalexpert says are eligible, with their
 * communication kits and simulations. Scalexpert's answers are cached per (country, amount).
 */

export type OffersDeps = {
  client: Pick<ScalexpertClient, "getEligibleSolutions" | "simulateSolutions">
  options: Pick<
    ResolvedScalexpertOptions,
    "enabledSolutions" | "amountBounds" | "storefrontCacheTtlSeconds"
  >
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

/**
 * The shop's solutions that may be offered in this country for this amount, decided locally
 * (no call to Scalexpert), and why there are none when there are none.
 */
export function candidateSolutions(
  options: OffersDeps["options"],
  country: string,
  cents: number
): { solutions: SolutionInfo[]; reason: ScalexpertUnavailableReason | null } {
  const enabled = (options.enabledSolutions ?? SOLUTION_CODES).map((code) => getSolution(code)!)
  const inMarket = enabled.filter((solution) => solution.market === country)
  if (inMarket.length === 0) return { solutions: [], reason: "country_not_supported" }
  const inBounds = inMarket.filter((solution) => {
    const { min, max } = boundsFor(
      options as ResolvedScalexpertOptions,
      solution.kind,
      solution.market
    )
    return cents >= amountToCents(min) && cents <= amountToCents(max)
  })
  if (inBounds.length === 0) return { solutions: [], reason: "amount_out_of_bounds" }
  return { solutions: inBounds, reason: null }
}

function toKit(kit: CommunicationKit | undefined): ScalexpertCommunicationKit | null {
  if (!kit) return null
  return {
    title: sanitizeKitHtml(kit.visualTitle),
    description: sanitizeKitHtml(kit.visualDescription),
    additional_information: sanitizeKitHtml(kit.visualAdditionalInformation),
    legal_text: sanitizeKitHtml(kit.visualLegalText),
    logo_url: safeUrl(kit.visualLogo),
    information_icon_url: safeUrl(kit.visualInformationIcon),
    table_image_url: safeUrl(kit.visualTableImage),
    notice_url: safeUrl(kit.visualInformationNoticeURL),
    terms_url: safeUrl(kit.visualProductTermsURL),
  }
}

function toSolution(
  solution: SolutionInfo,
  kit: CommunicationKit | undefined,
  deps: OffersDeps,
  locale: ScalexpertLocale
): ScalexpertSolution {
  const bounds = boundsFor(
    deps.options as ResolvedScalexpertOptions,
    solution.kind,
    solution.market
  )
  return {
    code: solution.code,
    name: solution.name[locale],
    kind: solution.kind,
    market: solution.market,
    lender: solution.lender,
    installments: { ...solution.installments },
    amount_bounds: { min: toWireAmount(bounds.min), max: toWireAmount(bounds.max) },
    communication_kit: toKit(kit),
  }
}

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
    .map((solution) => toSolution(solution, kits.get(solution.code), deps, query.locale))
  return { solutions, reason: solutions.length > 0 ? null : "not_eligible" }
}

const wire = (value: number) => toWireAmount(value)

function toPlan(simulation: Simulation): ScalexpertPlan | undefined {
  if (!Number.isInteger(simulation.duration) || simulation.duration < 1) return undefined
  const installments = simulation.installments
    .map((i) => ({ number: i.number, amount: wire(i.amount) }))
    .sort((a, b) => a.number - b.number)
  const totalDueCents = amountToCents(simulation.dueTotalAmount)
  return {
    duration: simulation.duration,
    installment_amount:
      installments[0]?.amount ?? centsToAmount(Math.round(totalDueCents / simulation.duration)),
    installments,
    fees_amount: wire(simulation.feesAmount),
    apr: Number(simulation.effectiveAnnualPercentageRate),
    nominal_rate: Number(simulation.nominalPercentageRate),
    total_cost: wire(simulation.totalCost),
    total_due: centsToAmount(totalDueCents),
  }
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

/**
 * The language of the human names: Medusa's store locale (`?locale=` or the `x-medusa-locale`
 * header, e.g. `fr-FR`), else the first of en/fr/de in `Accept-Language` (by preference), else
 * English. Other languages fall back the same way.
 */
export function pickLocale(
  medusaLocale: string | undefined,
  acceptLanguage: string | undefined
): ScalexpertLocale {
  const supported = (tag: string | undefined): ScalexpertLocale | undefined => {
    const lang = tag?.trim().slice(0, 2).toLowerCase()
    return lang === "en" || lang === "fr" || lang === "de" ? lang : undefined
  }
  const fromMedusa = supported(medusaLocale)
  if (fromMedusa) return fromMedusa
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";")
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { lang: supported(tag), q: q ? Number(q) : 1, index }
    })
    .filter((entry) => entry.q > 0 && entry.lang)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked[0]?.lang ?? "en"
}
