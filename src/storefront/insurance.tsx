"use client"

import { useEffect, useId, useState } from "react"
import { formatAmount } from "./i18n"
import type { ScalexpertInsuranceChoice, ScalexpertInsuranceClient } from "./insurance-client"
import type {
  ScalexpertInsuranceOffersResponse,
  ScalexpertInsuranceSolution,
} from "./insurance-types"
import { safeUrl, sanitizeKitHtml } from "./sanitize"
import type { ScalexpertLocale } from "./types"

export * from "./insurance-client"
export type * from "./insurance-types"

const TEXT = {
  en: {
    none: "No cover",
    notice: "Information notice",
    terms: "Product terms",
    heading: "Protect your purchase",
  },
  fr: {
    none: "Pas de protection",
    notice: "Notice d'information",
    terms: "Document d'information",
    heading: "Protégez votre achat",
  },
  de: {
    none: "Kein Schutz",
    notice: "Informationsblatt",
    terms: "Produktinformationen",
    heading: "Schützen Sie Ihren Kauf",
  },
} as const

/** The solution's legal text and documents (always shown with its offers: a go-live requirement). */
export function ScalexpertInsuranceLegalText(props: {
  solution: ScalexpertInsuranceSolution
  locale?: ScalexpertLocale
  className?: string
}) {
  const t = TEXT[props.locale ?? "fr"]
  const legal = sanitizeKitHtml(props.solution.legal_text)
  const notice = safeUrl(props.solution.information_notice_url)
  const terms = safeUrl(props.solution.product_terms_url)
  return (
    <div
      className={["scalexpert-insurance-legal", props.className].filter(Boolean).join(" ")}
      data-testid="scalexpert-insurance-legal"
    >
      {legal && <p dangerouslySetInnerHTML={{ __html: legal }} />}
      {notice && (
        <a href={notice} target="_blank" rel="noreferrer">
          {t.notice}
        </a>
      )}
      {terms && (
        <a href={terms} target="_blank" rel="noreferrer">
          {t.terms}
        </a>
      )}
    </div>
  )
}

/**
 * The offers of a variant, or `undefined` when the route fails (Scalexpert down, bad input): the
 * product page then simply shows no offer. What the picker fetches; usable on the server too.
 */
export function loadScalexpertInsuranceOffers(
  client: ScalexpertInsuranceClient,
  input: { variantId: string; regionId: string; country: string }
): Promise<ScalexpertInsuranceOffersResponse | undefined> {
  return client.offers(input).catch(() => undefined)
}

export type ScalexpertInsurancePickerProps = {
  /** Fetches the offers (or give `initialData`, fetched on the server). */
  client?: ScalexpertInsuranceClient
  variantId: string
  regionId: string
  /** The buyer's country, e.g. `FR`. */
  country: string
  initialData?: ScalexpertInsuranceOffersResponse
  locale?: ScalexpertLocale
  /** The picked cover, `null` for none (controlled). */
  value?: ScalexpertInsuranceChoice | null
  onChange?: (choice: ScalexpertInsuranceChoice | null) => void
  className?: string
}

/**
 * Product-page insurance picker: each cover with its duration and price, "no cover" first, and the
 * solution's legal text. Renders nothing when nothing is offered (or Scalexpert did not answer).
 * Once the product is in the cart, add the picked cover with `client.addToCart(cartId, lineId, choice)`.
 */
export function ScalexpertInsurancePicker(props: ScalexpertInsurancePickerProps) {
  const { client, variantId, regionId, country } = props
  const [data, setData] = useState(props.initialData)
  const [picked, setPicked] = useState<ScalexpertInsuranceChoice | null>(null)
  const name = useId()
  const t = TEXT[props.locale ?? "fr"]
  useEffect(() => {
    if (!client || (props.initialData && props.initialData.variant_id === variantId)) return
    let current = true
    void loadScalexpertInsuranceOffers(client, { variantId, regionId, country }).then(
      (answer) => current && setData(answer)
    )
    return () => {
      current = false
    }
  }, [client, variantId, regionId, country, props.initialData])
  const value = props.value === undefined ? picked : props.value
  const choose = (choice: ScalexpertInsuranceChoice | null) => {
    setPicked(choice)
    props.onChange?.(choice)
  }
  if (!data || data.variant_id !== variantId || data.solutions.length === 0) return null
  return (
    <fieldset
      className={["scalexpert-insurance-picker", props.className].filter(Boolean).join(" ")}
      data-testid="scalexpert-insurance-picker"
    >
      <legend>{t.heading}</legend>
      <label className="scalexpert-insurance-option">
        <input type="radio" name={name} checked={!value} onChange={() => choose(null)} />
        {t.none}
      </label>
      {data.solutions.map((solution) => (
        <div
          key={solution.solution_code}
          className="scalexpert-insurance-solution"
          data-solution={solution.solution_code}
        >
          <strong>{solution.title}</strong>
          {solution.description && <p>{solution.description}</p>}
          {solution.offers.map((offer) => (
            <label
              key={offer.insurance_id}
              className="scalexpert-insurance-option"
              data-testid={`scalexpert-insurance-offer-${offer.insurance_id}`}
            >
              <input
                type="radio"
                name={name}
                checked={
                  value?.insurance_id === offer.insurance_id &&
                  value.solution_code === solution.solution_code
                }
                onChange={() =>
                  choose({
                    solution_code: solution.solution_code,
                    insurance_id: offer.insurance_id,
                  })
                }
              />
              {offer.description} —{" "}
              {formatAmount(offer.price, props.locale ?? "fr", data.currency_code)}
            </label>
          ))}
          <ScalexpertInsuranceLegalText solution={solution} locale={props.locale} />
        </div>
      ))}
    </fieldset>
  )
}
