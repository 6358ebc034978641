import { formatAmount } from "./i18n"
import type {
  ScalexpertLocale,
  ScalexpertSimulationsResponse,
  ScalexpertSolutionSimulation,
} from "./types"

/**
 * On-site messaging: the one line a product card, a product page or the cart shows under the
 * price ("or 3 × €139.60 without fees"), as Alma's and Klarna's widgets do. Pure functions; the
 * `ScalexpertBadge` component renders them.
 */

export type ScalexpertTeaser = {
  solutionCode: string
  kind: "split" | "long_credit"
  /** Instalments (split payment) or months (long credit). */
  count: number
  /** The first instalment (decimal euros). */
  firstAmount: number
  /** The following instalments (equal to `firstAmount` unless the lender rounds on the first). */
  amount: number
  /** No fees and no interest. */
  free: boolean
  /** The amount simulated: the price the shopper pays, taxes included. */
  price: number
}

const cents = (amount: number) => Math.round(amount * 100)

/**
 * The offer to advertise: the split payment without fees in the most instalments, else the split
 * payment with the lowest cost, else the long credit with the lowest monthly instalment; `null`
 * when nothing is eligible.
 */
export function pickTeaser(
  answer: Pick<ScalexpertSimulationsResponse, "amount" | "simulations"> | null | undefined
): ScalexpertTeaser | null {
  const candidates: ScalexpertTeaser[] = []
  for (const simulation of answer?.simulations ?? []) {
    for (const plan of simulation.plans) candidates.push(teaserOf(simulation, plan, answer!.amount))
  }
  const rank = (t: ScalexpertTeaser) => [
    t.kind === "split" ? 0 : 1,
    t.kind === "split" && t.free ? 0 : 1,
    t.kind === "split" ? -t.count : 0,
    cents(t.amount),
  ]
  candidates.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)]
    const index = ra.findIndex((value, i) => value !== rb[i])
    return index === -1 ? 0 : ra[index] - rb[index]
  })
  return candidates[0] ?? null
}

function teaserOf(
  simulation: ScalexpertSolutionSimulation,
  plan: ScalexpertSolutionSimulation["plans"][number],
  price: number
): ScalexpertTeaser {
  const [first, second] = plan.installments
  return {
    solutionCode: simulation.code,
    kind: simulation.kind,
    count: plan.duration,
    firstAmount: first?.amount ?? plan.installment_amount,
    amount: second?.amount ?? first?.amount ?? plan.installment_amount,
    free: cents(plan.total_cost) === 0 && cents(plan.fees_amount) === 0,
    price,
  }
}

const WORDS: Record<
  ScalexpertLocale,
  { or: string; free: string; withFees: string; perMonth: (amount: string) => string }
> = {
  en: {
    or: "or",
    free: "without fees",
    withFees: "with fees",
    perMonth: (a) => `from ${a}/month`,
  },
  fr: { or: "ou", free: "sans frais", withFees: "avec frais", perMonth: (a) => `dès ${a}/mois` },
  de: {
    or: "oder",
    free: "ohne Gebühren",
    withFees: "mit Gebühren",
    perMonth: (a) => `ab ${a}/Monat`,
  },
}

/** "or 3 × €139.60 without fees", "ou 4 × 104,70 € sans frais", "oder ab 45,10 €/Monat". */
export function teaserText(teaser: ScalexpertTeaser, locale: ScalexpertLocale): string {
  const w = WORDS[locale]
  const money = (amount: number) => formatAmount(amount, locale)
  if (teaser.kind === "long_credit") return `${w.or} ${w.perMonth(money(teaser.amount))}`
  const instalments =
    cents(teaser.firstAmount) === cents(teaser.amount)
      ? `${teaser.count} × ${money(teaser.amount)}`
      : `${money(teaser.firstAmount)} + ${teaser.count - 1} × ${money(teaser.amount)}`
  return `${w.or} ${instalments} ${teaser.free ? w.free : w.withFees}`
}

/** What Medusa's store API gives for a variant's price (`*variants.calculated_price`). */
export type VariantWithCalculatedPrice = {
  id?: string
  calculated_price?: {
    calculated_amount?: number | null
    calculated_amount_with_tax?: number | null
  } | null
}

/**
 * The price the shopper pays for a variant (the given one, else the cheapest), taxes included:
 * `calculated_amount_with_tax`, which Medusa returns when the products are listed with a
 * `region_id` and a `country_code`. `null` when it is unknown, so that a badge is hidden rather
 * than advertising instalments of the price before tax.
 */
export function priceWithTax(
  variants: VariantWithCalculatedPrice[] | null | undefined,
  variantId?: string | null
): number | null {
  const prices = (variants ?? [])
    .filter((variant) => !variantId || variant.id === variantId)
    .map((variant) => variant.calculated_price?.calculated_amount_with_tax)
    .filter((amount): amount is number => typeof amount === "number" && amount > 0)
  return prices.length ? Math.min(...prices) : null
}
