/**
 * The storefront's offers from the shop's options and Scalexpert's answers, without calling
 * Scalexpert: which of the shop's solutions may be offered for a country and an amount, and how
 * a solution, its communication kit and its simulations read in the storefront contract.
 */
import { amountToCents, centsToAmount, toWireAmount } from "../../../scalexpert/money"
import type { CommunicationKit, Simulation } from "../../../scalexpert/schemas"
import { getSolution, SOLUTION_CODES, type SolutionInfo } from "../../../scalexpert/solutions"
import { boundsFor, type ResolvedScalexpertOptions } from "../../../providers/scalexpert/options"
import type {
  ScalexpertCommunicationKit,
  ScalexpertLocale,
  ScalexpertPlan,
  ScalexpertSolution,
  ScalexpertUnavailableReason,
} from "../../../storefront/types"
import { safeUrl, sanitizeKitHtml } from "../../../storefront/sanitize"

/** The provider options the offers depend on. */
export type OfferOptions = Pick<
  ResolvedScalexpertOptions,
  "enabledSolutions" | "amountBounds" | "storefrontCacheTtlSeconds"
>

/**
 * The shop's solutions that may be offered in this country for this amount, decided locally
 * (no call to Scalexpert), and why there are none when there are none.
 */
export function candidateSolutions(
  options: OfferOptions,
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

/** A solution as the storefront shows it: its names, bounds and (sanitized) communication kit. */
export function toSolution(
  solution: SolutionInfo,
  kit: CommunicationKit | undefined,
  options: OfferOptions,
  locale: ScalexpertLocale
): ScalexpertSolution {
  const bounds = boundsFor(options as ResolvedScalexpertOptions, solution.kind, solution.market)
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

const wire = (value: number) => toWireAmount(value)

/** One simulation as a plan (undefined when its duration makes no sense). */
export function toPlan(simulation: Simulation): ScalexpertPlan | undefined {
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
