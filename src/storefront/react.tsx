"use client"

import { useMemo, useState, type ReactNode } from "react"
import type { ScalexpertStorefrontClient, SimulationRequest } from "./fetch-client"
import { cx } from "./class-names"
import { formatAmount, kitLocale, TEXTS } from "./i18n"
import type {
  ScalexpertLocale,
  ScalexpertOrderSummary,
  ScalexpertSimulationsResponse,
} from "./types"
import { ScalexpertSimulationCard } from "./blocks"
import { useRemote, useScalexpertSimulations } from "./hooks"

/**
 * React components of the storefront kit (React 18 or newer, an optional peer dependency of the
 * package). They render plain HTML with stable `scalexpert-*` class names and `data-testid`s, and
 * no inline styles: import `medusa-payment-scalexpert/storefront/styles.css` (plain CSS, themed
 * by `--scalexpert-*` custom properties) or style the class names as the shop likes; each
 * component's `className` is added to its own class (Tailwind utilities work).
 *
 * Every component can fetch its data (give it a `client`) or render data fetched elsewhere, e.g.
 * on the server (give it `initialData`): server rendering shows the offer and its legal text
 * without waiting for the browser.
 */

export { useScalexpertCartEligibility, useScalexpertSimulations, type RemoteState } from "./hooks"
export { ScalexpertLegalText, ScalexpertPlanDetails, ScalexpertSimulationCard } from "./blocks"
export * from "./picker"

// ---------------------------------------------------------------------------------------------
// Product page
// ---------------------------------------------------------------------------------------------

export type ScalexpertSimulationProps = SimulationRequest & {
  client?: ScalexpertStorefrontClient
  /** Simulations fetched elsewhere (server rendering); the component fetches when absent. */
  initialData?: ScalexpertSimulationsResponse
  /** Default: the answer's locale. */
  locale?: ScalexpertLocale
  className?: string
  /** Rendered when no financing can be offered (default: nothing). */
  fallback?: ReactNode
}

/**
 * The product page's financing offer: one tab per eligible solution with its plans (instalments,
 * fees, APR, cost, total due; a duration picker for long credit) and the lender's legal text.
 */
export function ScalexpertSimulation(props: ScalexpertSimulationProps) {
  const { client, initialData, className, fallback = null } = props
  const { data, error, loading } = useScalexpertSimulations(client, props, initialData)
  const locale = props.locale ?? data?.locale ?? kitLocale(client?.config.locale)
  const [selected, setSelected] = useState<string | undefined>()
  const simulations = useMemo(() => data?.simulations ?? [], [data])
  const t = TEXTS[locale]

  if (loading && simulations.length === 0) {
    return (
      <section className={cx("scalexpert-simulation", className)} aria-busy="true">
        <p className="scalexpert-loading">{t.loading}</p>
      </section>
    )
  }
  if (error && simulations.length === 0) return <>{fallback}</>
  if (simulations.length === 0) return <>{fallback}</>

  const current = simulations.find((s) => s.code === selected) ?? simulations[0]
  return (
    <section className={cx("scalexpert-simulation", className)} data-testid="scalexpert-simulation">
      {simulations.length > 1 && (
        <div className="scalexpert-tabs" role="tablist">
          {simulations.map((simulation) => (
            <button
              key={simulation.code}
              type="button"
              role="tab"
              aria-selected={simulation.code === current.code}
              className="scalexpert-tab"
              data-testid="scalexpert-tab"
              data-code={simulation.code}
              onClick={() => setSelected(simulation.code)}
            >
              {simulation.name}
            </button>
          ))}
        </div>
      )}
      <ScalexpertSimulationCard key={current.code} simulation={current} locale={locale} />
    </section>
  )
}

// ---------------------------------------------------------------------------------------------
// Confirmation page
// ---------------------------------------------------------------------------------------------

export type ScalexpertOrderConfirmationProps = {
  client?: ScalexpertStorefrontClient
  orderId: string
  initialData?: ScalexpertOrderSummary
  locale?: ScalexpertLocale
  className?: string
}

/** The order confirmation: number, total, solution and, for a pre-accepted credit, that the lender's decision is pending. */
export function ScalexpertOrderConfirmation(props: ScalexpertOrderConfirmationProps) {
  const { client, orderId } = props
  const {
    data: order,
    error,
    loading,
  } = useRemote(client ? () => client.getOrder(orderId) : undefined, orderId, props.initialData)
  const locale = props.locale ?? kitLocale(client?.config.locale)
  const t = TEXTS[locale]
  if (loading && !order) return <p className="scalexpert-loading">{t.loading}</p>
  if (!order) {
    return (
      <p className="scalexpert-error" role="alert" data-testid="scalexpert-error">
        {error?.message ?? t.failure.error}
      </p>
    )
  }
  const number = order.display_id !== null ? `#${order.display_id}` : order.id
  return (
    <section
      className={cx("scalexpert-confirmation", props.className)}
      data-testid="scalexpert-confirmation"
      data-status={order.scalexpert.status ?? ""}
    >
      <p className="scalexpert-order-number" data-testid="scalexpert-order-number">
        {order.scalexpert.awaiting_lender_decision
          ? t.orderRegistered(number)
          : t.orderConfirmed(number)}
      </p>
      <p className="scalexpert-order-total" data-testid="scalexpert-order-total">
        {order.scalexpert.solution_name} · {formatAmount(order.total, locale, order.currency_code)}
      </p>
      {order.scalexpert.awaiting_lender_decision && (
        <p className="scalexpert-awaiting" data-testid="scalexpert-awaiting-decision">
          {t.awaitingDecision}
        </p>
      )}
    </section>
  )
}
