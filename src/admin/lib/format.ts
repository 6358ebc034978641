import { useTranslation } from "react-i18next"

/** The admin's language reduced to one the Scalexpert texts exist in. */
export function shortLanguage(language: string | undefined): "en" | "fr" | "de" {
  const lang = (language ?? "en").slice(0, 2).toLowerCase()
  return lang === "fr" || lang === "de" ? lang : "en"
}

/** Formatting in the admin user's language. */
export function useFormat() {
  const { i18n } = useTranslation()
  const locale = i18n.language || "en"
  const money = (amount: number | null | undefined, currency = "eur") =>
    amount === null || amount === undefined
      ? "—"
      : new Intl.NumberFormat(locale, {
          style: "currency",
          currency: currency.toUpperCase(),
        }).format(amount)
  const date = (iso: string | null | undefined) =>
    iso
      ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
          new Date(iso)
        )
      : "—"
  return { money, date, language: shortLanguage(locale) }
}

/** Delivery companies accepted by Scalexpert's `_confirmDelivery` (src/scalexpert/schemas/enums.ts). */
export const DELIVERY_OPERATORS = [
  "LA_POSTE",
  "CHRONOPOST",
  "DHL",
  "UPS",
  "DPD",
  "GLS",
  "FEDEX",
  "RELAIS_COLIS",
  "MONDIAL_RELAY",
  "UNKNOWN",
] as const
