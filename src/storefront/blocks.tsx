"use client"

import { useId, useState } from "react"
import { describePlan, formatAmount, formatRate, TEXTS } from "./i18n"
import { safeUrl, sanitizeKitHtml } from "./sanitize"
import type {
  ScalexpertCommunicationKit,
  ScalexpertLocale,
  ScalexpertPlan,
  ScalexpertSolutionSimulation,
  ScalexpertSolution,
} from "./types"

/** Building blocks of the kit's components: the lender's texts, a solution's heading, plans. */

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

export function Html({
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

export function SolutionHeading({ solution }: { solution: ScalexpertSolution }) {
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
