"use client"

import type { ReactNode } from "react"
import { cx } from "./class-names"
import type { ScalexpertStorefrontClient } from "./fetch-client"
import { kitLocale } from "./i18n"
import { useScalexpertSimulations } from "./hooks"
import { pickTeaser, teaserText } from "./teaser"
import type { ScalexpertLocale, ScalexpertSimulationsResponse } from "./types"

export type ScalexpertBadgeProps = {
  client?: ScalexpertStorefrontClient
  /**
   * The price the shopper pays, taxes included, in decimal euros: a variant's
   * `calculated_price.calculated_amount_with_tax` (product card, product page) or the cart's
   * `total`. The badge follows it: a new amount, a new simulation.
   */
  amount: number | string | null | undefined
  /** The shopper's country (`fr`, `de`; any case): the market whose solutions are advertised. */
  country: string | null | undefined
  /** The product shown: the shop's product and category exclusions apply. */
  productId?: string
  /** Only these solutions (default: every eligible one). */
  solutionCodes?: string[]
  /** Simulations fetched elsewhere (server rendering), for this amount. */
  initialData?: ScalexpertSimulationsResponse
  /** Default: the answer's locale. */
  locale?: ScalexpertLocale
  /** Added to the stable `scalexpert-badge` class (e.g. Tailwind utilities). */
  className?: string
  /** Rendered after the text, e.g. a link to the product page's simulation. */
  children?: ReactNode
}

const cents = (amount: number) => Math.round(amount * 100)

/**
 * On-site messaging for product cards, product pages and the cart: "or 3 × €139.60 without
 * fees". Renders nothing while loading, when nothing is eligible or when Scalexpert cannot answer.
 */
export function ScalexpertBadge(props: ScalexpertBadgeProps) {
  const amount = Number(props.amount)
  const valid = Number.isFinite(amount) && amount > 0 && !!props.country
  const { data } = useScalexpertSimulations(
    valid ? props.client : undefined,
    {
      amount: Number.isFinite(amount) ? amount : 0,
      country: props.country ?? "",
      productId: props.productId,
      solutionCodes: props.solutionCodes,
    },
    props.initialData
  )
  // Never an instalment of another price: the answer must be for the amount shown now.
  const current = valid && data && cents(data.amount) === cents(amount) ? data : undefined
  const teaser = pickTeaser(current)
  if (!current || !teaser) return null
  const locale = props.locale ?? current.locale ?? kitLocale(props.client?.config.locale)
  return (
    <p
      className={cx("scalexpert-badge", props.className)}
      data-testid="scalexpert-badge"
      data-solution={teaser.solutionCode}
      data-count={teaser.count}
      data-installment={teaser.amount}
      data-price={teaser.price}
    >
      <span className="scalexpert-badge-text">{teaserText(teaser, locale)}</span>
      {props.children}
    </p>
  )
}
