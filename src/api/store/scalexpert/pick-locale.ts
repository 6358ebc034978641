import type { ScalexpertLocale } from "../../../storefront/types"

/**
 * The language of the human names: Medusa's store locale (`?locale=` or the `x-medusa-locale`
 * header, e.g. `fr-FR`), else the first of en/fr/de in `Accept-Language` (by preference), else
 * English. Other languages fall back the same way.
 */
export function pickLocale(
  medusaLocale: string | undefined,
  acceptLanguage: string | undefined
): ScalexpertLocale {
  const supported = (tag: string | undefined): ScalexpertLocale | undefined => {
    const lang = tag?.trim().slice(0, 2).toLowerCase()
    return lang === "en" || lang === "fr" || lang === "de" ? lang : undefined
  }
  const fromMedusa = supported(medusaLocale)
  if (fromMedusa) return fromMedusa
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";")
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { lang: supported(tag), q: q ? Number(q) : 1, index }
    })
    .filter((entry) => entry.q > 0 && entry.lang)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked[0]?.lang ?? "en"
}
