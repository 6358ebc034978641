"use client"

import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react"
import {
  followRedirect,
  ScalexpertStoreError,
  type ScalexpertFinancingSession,
  type ScalexpertStorefrontClient,
  type SimulationRequest,
} from "./fetch-client"
import { describePlan, failureMessage, formatAmount, formatRate, kitLocale, TEXTS } from "./i18n"
import { safeUrl, sanitizeKitHtml } from "./sanitize"
import type {
  ScalexpertCommunicationKit,
  ScalexpertEligibilityResponse,
  ScalexpertFailureReason,
  ScalexpertLocale,
  ScalexpertOrderSummary,
  ScalexpertPlan,
  ScalexpertSolutionSimulation,
  ScalexpertSimulationsResponse,
  ScalexpertSolution,
} from "./types"

/**
 * React components of the storefront kit (React 18 or newer, an optional peer dependency of the
 * package). They render plain HTML with `scalexpert-*` class names and `data-testid`s, and no
 * styles: style them as the shop likes (`SCALEXPERT_KIT_CSS` is a starting point).
 *
 * Every component can fetch its data (give it a `client`) or render data fetched elsewhere, e.g.
 * on the server (give it `initialData`): server rendering shows the offer and its legal text
 * without waiting for the browser.
 */

// ---------------------------------------------------------------------------------------------
// Data hooks
// ---------------------------------------------------------------------------------------------

export type RemoteState<T> = { data?: T; error?: ScalexpertStoreError; loading: boolean }

function useRemote<T>(
  load: (() => Promise<T>) | undefined,
  key: string,
  initialData: T | undefined
): RemoteState<T> {
  const [state, setState] = useState<RemoteState<T> & { key?: string }>(() =>
    initialData ? { data: initialData, loading: false, key } : { loading: !!load }
  )
  useEffect(() => {
    if (!load || state.key === key) return
    let current = true
    setState((previous) => ({ data: previous.data, loading: true }))
    load().then(
      (data) => current && setState({ data, loading: false, key }),
      (error: unknown) =>
        current &&
        setState({
          loading: false,
          key,
          error:
            error instanceof ScalexpertStoreError
              ? error
              : new ScalexpertStoreError(error instanceof Error ? error.message : String(error), 0),
        })
    )
    return () => {
      current = false
    }
    // `load` is a new function on every render: `key` says when the request changed.
  }, [key, !!load])
  return { data: state.data, error: state.error, loading: state.loading }
}

/** Simulations for an amount and a country (product page). */
export function useScalexpertSimulations(
  client: ScalexpertStorefrontClient | undefined,
  request: SimulationRequest,
  initialData?: ScalexpertSimulationsResponse
): RemoteState<ScalexpertSimulationsResponse> {
  const key = JSON.stringify([
    request.amount,
    request.country,
    request.productId,
    request.solutionCodes,
  ])
  return useRemote(client && (() => client.getSimulations(request)), key, initialData)
}

/** A cart's eligible solutions (checkout). */
export function useScalexpertCartEligibility(
  client: ScalexpertStorefrontClient | undefined,
  cartId: string | undefined,
  initialData?: ScalexpertEligibilityResponse
): RemoteState<ScalexpertEligibilityResponse> {
  return useRemote(
    client && cartId ? () => client.getCartEligibility(cartId) : undefined,
    cartId ?? "",
    initialData
  )
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

function Html({
  html,
  className,
  testId,
}: {
  html: string | null
  className: string
  testId?: string
}) {
  const safe = sanitizeKitHtml(html)
  if (!safe) return null
  return (
    <div className={className} data-testid={testId} dangerouslySetInnerHTML={{ __html: safe }} />
  )
}

/**
 * The lender's legal text with its information notice and terms: show it wherever the financing
 * is offered (a Scalexpert go-live requirement).
 */
export function ScalexpertLegalText({
  kit,
  locale = "en",
}: {
  kit: ScalexpertCommunicationKit | null | undefined
  locale?: ScalexpertLocale
}) {
  if (!kit) return null
  const t = TEXTS[locale]
  const notice = safeUrl(kit.notice_url)
  const terms = safeUrl(kit.terms_url)
  return (
    <div className="scalexpert-legal" data-testid="scalexpert-legal">
      <Html
        html={kit.legal_text}
        className="scalexpert-legal-text"
        testId="scalexpert-legal-text"
      />
      {(notice || terms) && (
        <p className="scalexpert-legal-links">
          {notice && (
            <a href={notice} target="_blank" rel="noopener noreferrer">
              {t.notice}
            </a>
          )}
          {notice && terms && " · "}
          {terms && (
            <a href={terms} target="_blank" rel="noopener noreferrer">
              {t.terms}
            </a>
          )}
        </p>
      )}
    </div>
  )
}

function SolutionHeading({ solution }: { solution: ScalexpertSolution }) {
  const logo = safeUrl(solution.communication_kit?.logo_url)
  return (
    <div className="scalexpert-solution-heading">
      {logo && <img className="scalexpert-logo" src={logo} alt={solution.lender} height={24} />}
      <span className="scalexpert-solution-name" data-testid="scalexpert-solution-name">
        {solution.name}
      </span>
    </div>
  )
}

/** The figures of one plan: instalments, fees, APR, cost and total due. */
export function ScalexpertPlanDetails({
  plan,
  kind,
  locale = "en",
}: {
  plan: ScalexpertPlan
  kind: ScalexpertSolution["kind"]
  locale?: ScalexpertLocale
}) {
  const t = TEXTS[locale]
  const money = (amount: number) => formatAmount(amount, locale)
  const rows: [string, string, string][] = [
    [t.fees, money(plan.fees_amount), "fees"],
    [t.apr, formatRate(plan.apr, locale), "apr"],
    ...(kind === "long_credit"
      ? ([[t.nominalRate, formatRate(plan.nominal_rate, locale), "nominal-rate"]] as [
          string,
          string,
          string,
        ][])
      : []),
    [t.totalCost, money(plan.total_cost), "total-cost"],
    [t.totalDue, money(plan.total_due), "total-due"],
  ]
  return (
    <div className="scalexpert-plan" data-testid="scalexpert-plan" data-duration={plan.duration}>
      <p className="scalexpert-plan-summary" data-testid="scalexpert-plan-summary">
        {describePlan(plan, kind, locale)}
      </p>
      <dl className="scalexpert-plan-figures">
        {rows.map(([label, value, id]) => (
          <div key={id} className={`scalexpert-plan-${id}`} data-testid={`scalexpert-plan-${id}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

function defaultPlan(plans: ScalexpertPlan[]): number {
  // Long credit: the longest duration (the lowest monthly instalment) first.
  return plans.length > 0 ? plans[plans.length - 1].duration : 0
}

/** One solution's simulation: its plans (a duration picker for long credit) and legal text. */
export function ScalexpertSimulationCard({
  simulation,
  locale = "en",
}: {
  simulation: ScalexpertSolutionSimulation
  locale?: ScalexpertLocale
}) {
  const t = TEXTS[locale]
  const selectId = useId()
  const [duration, setDuration] = useState(() => defaultPlan(simulation.plans))
  const plan =
    simulation.plans.find((p) => p.duration === duration) ??
    simulation.plans[simulation.plans.length - 1]
  return (
    <article
      className="scalexpert-simulation-solution"
      data-testid="scalexpert-simulation-solution"
      data-code={simulation.code}
    >
      <SolutionHeading solution={simulation} />
      <Html html={simulation.communication_kit?.title ?? null} className="scalexpert-kit-title" />
      {simulation.kind === "long_credit" && simulation.plans.length > 1 && (
        <p className="scalexpert-duration">
          <label htmlFor={selectId}>{t.duration}</label>{" "}
          <select
            id={selectId}
            data-testid="scalexpert-duration"
            value={plan?.duration}
            onChange={(event) => setDuration(Number(event.target.value))}
          >
            {simulation.plans.map((p) => (
              <option key={p.duration} value={p.duration}>
                {t.months(p.duration)}
              </option>
            ))}
          </select>
        </p>
      )}
      {plan && <ScalexpertPlanDetails plan={plan} kind={simulation.kind} locale={locale} />}
      <ScalexpertLegalText kit={simulation.communication_kit} locale={locale} />
    </article>
  )
}

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
      <section className={className ?? "scalexpert-simulation"} aria-busy="true">
        <p className="scalexpert-loading">{t.loading}</p>
      </section>
    )
  }
  if (error && simulations.length === 0) return <>{fallback}</>
  if (simulations.length === 0) return <>{fallback}</>

  const current = simulations.find((s) => s.code === selected) ?? simulations[0]
  return (
    <section className={className ?? "scalexpert-simulation"} data-testid="scalexpert-simulation">
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
// Checkout
// ---------------------------------------------------------------------------------------------

export type ScalexpertSolutionPickerProps = {
  client: ScalexpertStorefrontClient
  cartId: string
  /** The cart's eligibility fetched elsewhere (server rendering). */
  initialData?: ScalexpertEligibilityResponse
  locale?: ScalexpertLocale
  /** Controlled selection; default: the first solution. */
  value?: string
  /** The selected solution, the default one included (called again whenever it changes). */
  onChange?: (solutionCode: string) => void
  /** Show each solution's instalments (one more request, cached by the backend). Default true. */
  showPlans?: boolean
  /** Show the button that starts the financing. Default true. */
  payButton?: boolean
  /**
   * Called once the payment session exists, before the redirect to the lender; return `false` to
   * redirect yourself.
   */
  onStarted?: (session: ScalexpertFinancingSession) => boolean | void
  onError?: (error: ScalexpertStoreError) => void
  className?: string
}

/**
 * The checkout's payment step: the cart's eligible solutions as radio buttons, each with its
 * instalments and, always, the lender's legal text; and a button that starts the financing and
 * sends the shopper to the lender.
 */
export function ScalexpertSolutionPicker(props: ScalexpertSolutionPickerProps) {
  const { client, cartId, showPlans = true, payButton = true } = props
  const eligibility = useScalexpertCartEligibility(client, cartId, props.initialData)
  const data = eligibility.data
  const locale = props.locale ?? data?.locale ?? kitLocale(client.config.locale)
  const t = TEXTS[locale]
  const solutions = data?.solutions ?? []
  const simulations = useScalexpertSimulations(
    showPlans && data && data.country && solutions.length > 0 ? client : undefined,
    {
      amount: data?.amount ?? 0,
      country: data?.country ?? "",
      solutionCodes: solutions.map((s) => s.code),
    }
  )
  const [chosen, setChosen] = useState<string | undefined>()
  const [starting, setStarting] = useState(false)
  const [startError, setStartError] = useState<ScalexpertStoreError | undefined>()
  const groupName = useId()
  const selected =
    solutions.find((s) => s.code === (props.value ?? chosen))?.code ?? solutions[0]?.code
  const onChange = useRef(props.onChange)
  onChange.current = props.onChange
  useEffect(() => {
    // Also tells the page which solution is selected by default.
    if (selected) onChange.current?.(selected)
  }, [selected])

  if (eligibility.loading && !data) {
    return <p className="scalexpert-loading">{t.loading}</p>
  }
  if (eligibility.error && !data) {
    return (
      <p className="scalexpert-unavailable" data-testid="scalexpert-unavailable">
        {t.unavailable}
      </p>
    )
  }
  if (solutions.length === 0) {
    return (
      <p className="scalexpert-unavailable" data-testid="scalexpert-unavailable">
        {t.notAvailable}
      </p>
    )
  }

  const plansOf = (code: string) =>
    simulations.data?.simulations.find((s) => s.code === code)?.plans ?? []

  const start = async () => {
    setStarting(true)
    setStartError(undefined)
    try {
      const session = await client.startFinancing({ cartId, solutionCode: selected! })
      if (props.onStarted?.(session) === false) {
        setStarting(false)
        return
      }
      followRedirect(session)
    } catch (error) {
      const failure =
        error instanceof ScalexpertStoreError
          ? error
          : new ScalexpertStoreError(error instanceof Error ? error.message : String(error), 0)
      setStartError(failure)
      setStarting(false)
      props.onError?.(failure)
    }
  }

  return (
    <div className={props.className ?? "scalexpert-picker"} data-testid="scalexpert-picker">
      <fieldset className="scalexpert-solutions" role="radiogroup">
        <legend>{t.choose}</legend>
        {solutions.map((solution) => {
          const plans = plansOf(solution.code)
          const summary =
            solution.kind === "split" && plans[0]
              ? describePlan(plans[0], "split", locale)
              : solution.kind === "long_credit" && plans.length > 0
                ? `${t.durations(plans[0].duration, plans[plans.length - 1].duration)}, ${describePlan(plans[plans.length - 1], "long_credit", locale)}`
                : undefined
          return (
            <label
              key={solution.code}
              className="scalexpert-solution"
              data-testid="scalexpert-solution"
              data-code={solution.code}
              data-selected={solution.code === selected}
            >
              <input
                type="radio"
                name={groupName}
                value={solution.code}
                checked={solution.code === selected}
                onChange={() => setChosen(solution.code)}
              />
              <SolutionHeading solution={solution} />
              <Html
                html={solution.communication_kit?.title ?? null}
                className="scalexpert-kit-title"
              />
              {summary && (
                <span className="scalexpert-plan-summary" data-testid="scalexpert-plan-summary">
                  {summary}
                </span>
              )}
              <ScalexpertLegalText kit={solution.communication_kit} locale={locale} />
            </label>
          )
        })}
      </fieldset>
      {payButton && (
        <button
          type="button"
          className="scalexpert-pay"
          data-testid="scalexpert-pay"
          disabled={starting}
          onClick={() => void start()}
        >
          {starting ? t.paying : t.pay(solutions.find((s) => s.code === selected)!.name)}
        </button>
      )}
      {startError && (
        <p className="scalexpert-error" role="alert" data-testid="scalexpert-error">
          {startError.message}
        </p>
      )}
    </div>
  )
}

/** The message for a shopper sent back to the checkout after a failed financing. */
export function ScalexpertFailureNotice({
  reason,
  locale = "en",
}: {
  reason: ScalexpertFailureReason | string | null | undefined
  locale?: ScalexpertLocale
}) {
  return (
    <div className="scalexpert-failure" role="alert" data-testid="scalexpert-failure">
      {failureMessage(reason, locale)}
    </div>
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
      className={props.className ?? "scalexpert-confirmation"}
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

/** Minimal default styles of the components (optional): inject it in a `<style>` element. */
export const SCALEXPERT_KIT_CSS = `
.scalexpert-simulation, .scalexpert-picker { font: inherit; border: 1px solid #d8dce3; border-radius: 8px; padding: 16px; }
.scalexpert-tabs { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
.scalexpert-tab { border: 1px solid #c5cad3; background: #fff; color: #1d2b4f; border-radius: 16px; padding: 4px 12px; cursor: pointer; font: inherit; font-size: 14px; }
.scalexpert-tab[aria-selected="true"] { background: #1d2b4f; color: #fff; border-color: #1d2b4f; }
.scalexpert-solution-heading { display: flex; align-items: center; gap: 8px; font-weight: 600; }
.scalexpert-plan-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 6px 16px; margin: 8px 0; }
.scalexpert-plan-figures dt { font-size: 12px; color: #5b6372; }
.scalexpert-plan-figures dd { margin: 0; font-weight: 600; }
.scalexpert-legal { font-size: 12px; color: #4a5160; margin-top: 8px; }
.scalexpert-solutions { border: 0; padding: 0; margin: 0; display: grid; gap: 10px; }
.scalexpert-solution { display: grid; grid-template-columns: auto 1fr; column-gap: 10px; row-gap: 4px; border: 1px solid #d8dce3; border-radius: 8px; padding: 10px 12px; cursor: pointer; }
.scalexpert-solution > input { grid-row: 1 / span 4; align-self: start; margin-top: 6px; }
.scalexpert-solution > :not(input) { grid-column: 2; }
.scalexpert-plan-summary { font-weight: 600; }
.scalexpert-solution[data-selected="true"] { border-color: #1d2b4f; box-shadow: 0 0 0 1px #1d2b4f; }
.scalexpert-pay { margin-top: 12px; padding: 10px 18px; background: #1d2b4f; color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
.scalexpert-error, .scalexpert-failure { color: #a3261d; }
.scalexpert-awaiting { background: #fff6e0; border: 1px solid #f0c36d; border-radius: 6px; padding: 8px 12px; }
`
