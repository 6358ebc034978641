import { createScalexpertStorefront, formatAmount, kitLocale } from "../../src/storefront/client"

/**
 * What the shop's server put in the page (the Medusa backend, the publishable key, the cart), the
 * countries the shop sells to, and the Scalexpert kit's client and formats for each of them.
 */

export type DemoConfig = {
  backendUrl: string
  publishableKey: string
  /** The cart id of the `SameSite=Strict` cookie, as the shop's server read it for this page. */
  cartId?: string
}

declare global {
  interface Window {
    __SCALEXPERT_DEMO__?: DemoConfig
  }
}

export const config: DemoConfig = window.__SCALEXPERT_DEMO__ ?? {
  backendUrl: "http://localhost:9000",
  publishableKey: "",
}

export type Country = "fr" | "de"

/** The shop speaks English; the country is the shopper's billing country (Scalexpert's market). */
export const COUNTRIES: Record<Country, { label: string; locale: "en" | "fr" | "de" }> = {
  fr: { label: "France", locale: "en" },
  de: { label: "Germany", locale: "en" },
}

export function scalexpert(country: Country) {
  return createScalexpertStorefront({
    baseUrl: config.backendUrl,
    publishableKey: config.publishableKey,
    locale: COUNTRIES[country].locale,
  })
}

export const localeOf = (country: Country) => kitLocale(COUNTRIES[country].locale)

export const money = (amount: number, country: Country) => formatAmount(amount, localeOf(country))
