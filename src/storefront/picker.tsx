"use client"

import { useEffect, useId, useRef, useState } from "react"
import {
  followRedirect,
  ScalexpertStoreError,
  type ScalexpertFinancingSession,
  type ScalexpertStorefrontClient,
} from "./fetch-client"
import { cx } from "./class-names"
import { describePlan, failureMessage, kitLocale, TEXTS } from "./i18n"
import type {
  ScalexpertEligibilityResponse,
  ScalexpertFailureReason,
  ScalexpertLocale,
} from "./types"
import { Html, ScalexpertLegalText, SolutionHeading } from "./blocks"
import { useScalexpertCartEligibility, useScalexpertSimulations } from "./hooks"

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
    <div className={cx("scalexpert-picker", props.className)} data-testid="scalexpert-picker">
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
        <p
          className="scalexpert-error"
          role="alert"
          data-testid="scalexpert-error"
          data-code={startError.code ?? startError.type}
        >
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
  className,
}: {
  reason: ScalexpertFailureReason | string | null | undefined
  locale?: ScalexpertLocale
  className?: string
}) {
  return (
    <div
      className={cx("scalexpert-failure", className)}
      role="alert"
      data-testid="scalexpert-failure"
    >
      {failureMessage(reason, locale)}
    </div>
  )
}
