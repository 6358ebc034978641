/**
 * Catalogue of the nine Scalexpert e-financing solution codes.
 *
 * Pure data and pure functions (no I/O, no Medusa): the client, the payment provider, the
 * storefront API, the admin and the local sandbox all read it. What a merchant may actually offer
 * for a given cart is decided by `GET /eligible-solutions`, never by this table.
 */

export const SOLUTION_CODES = [
  "SCFRSP-3XTS",
  "SCFRSP-3XPS",
  "SCFRSP-4XTS",
  "SCFRSP-4XPS",
  "SCFRLT-TXNO",
  "SCFRLT-TXPS",
  "SCFRLT-TXTS",
  "SCDELT-DXTS",
  "SCDELT-DXCO",
] as const

export type SolutionCode = (typeof SOLUTION_CODES)[number]

/** Market of a solution: the buyer's billing country. */
export type Market = "FR" | "DE"

/** `split`: pay in 3 or 4 card instalments. `long_credit`: a consumer credit over months. */
export type SolutionKind = "split" | "long_credit"

/** Who bears the cost of the financing. */
export type FeePayer = "merchant" | "shared" | "buyer"

/** Language of the lender's journey (`language` query parameter of `POST /subscriptions`). */
export type JourneyLanguage = "fr-FR" | "de-DE"

export interface LocalizedName {
  en: string
  fr: string
  de: string
}

export interface SolutionInfo {
  code: SolutionCode
  market: Market
  kind: SolutionKind
  /** Number of instalments: one value for split payment, the usual range of durations (months) for long credit. */
  installments: { min: number; max: number }
  feePayer: FeePayer
  language: JourneyLanguage
  /** International dialling prefix that the buyer's phone numbers must carry for this market. */
  phonePrefix: "+33" | "+49"
  lender: "Franfinance" | "Hanseatic Bank"
  /** `conditions` value Scalexpert sends in the eligibility answer (suffix of the code). */
  conditions: string
  name: LocalizedName
}

const FR_SPLIT = {
  market: "FR",
  kind: "split",
  language: "fr-FR",
  phonePrefix: "+33",
  lender: "Franfinance",
} as const
const FR_LONG = {
  market: "FR",
  kind: "long_credit",
  language: "fr-FR",
  phonePrefix: "+33",
  lender: "Franfinance",
} as const
const DE_LONG = {
  market: "DE",
  kind: "long_credit",
  language: "de-DE",
  phonePrefix: "+49",
  lender: "Hanseatic Bank",
} as const

export const SOLUTIONS: Readonly<Record<SolutionCode, SolutionInfo>> = {
  "SCFRSP-3XTS": {
    code: "SCFRSP-3XTS",
    ...FR_SPLIT,
    installments: { min: 3, max: 3 },
    feePayer: "merchant",
    conditions: "TS",
    name: {
      en: "Pay in 3 instalments, free of charge",
      fr: "Paiement en 3 fois sans frais",
      de: "Zahlung in 3 Raten ohne Gebühren",
    },
  },
  "SCFRSP-3XPS": {
    code: "SCFRSP-3XPS",
    ...FR_SPLIT,
    installments: { min: 3, max: 3 },
    feePayer: "shared",
    conditions: "PS",
    name: {
      en: "Pay in 3 instalments",
      fr: "Paiement en 3 fois",
      de: "Zahlung in 3 Raten",
    },
  },
  "SCFRSP-4XTS": {
    code: "SCFRSP-4XTS",
    ...FR_SPLIT,
    installments: { min: 4, max: 4 },
    feePayer: "merchant",
    conditions: "TS",
    name: {
      en: "Pay in 4 instalments, free of charge",
      fr: "Paiement en 4 fois sans frais",
      de: "Zahlung in 4 Raten ohne Gebühren",
    },
  },
  "SCFRSP-4XPS": {
    code: "SCFRSP-4XPS",
    ...FR_SPLIT,
    installments: { min: 4, max: 4 },
    feePayer: "shared",
    conditions: "PS",
    name: {
      en: "Pay in 4 instalments",
      fr: "Paiement en 4 fois",
      de: "Zahlung in 4 Raten",
    },
  },
  "SCFRLT-TXNO": {
    code: "SCFRLT-TXNO",
    ...FR_LONG,
    installments: { min: 4, max: 60 },
    feePayer: "buyer",
    conditions: "NO",
    name: {
      en: "Consumer credit",
      fr: "Crédit à la consommation",
      de: "Verbraucherkredit",
    },
  },
  "SCFRLT-TXPS": {
    code: "SCFRLT-TXPS",
    ...FR_LONG,
    installments: { min: 4, max: 60 },
    feePayer: "shared",
    conditions: "PS",
    name: {
      en: "Consumer credit at a reduced rate",
      fr: "Crédit à taux réduit",
      de: "Verbraucherkredit zum reduzierten Zinssatz",
    },
  },
  "SCFRLT-TXTS": {
    code: "SCFRLT-TXTS",
    ...FR_LONG,
    installments: { min: 4, max: 60 },
    feePayer: "merchant",
    conditions: "TS",
    name: {
      en: "Interest-free consumer credit",
      fr: "Crédit sans frais",
      de: "Zinsfreier Verbraucherkredit",
    },
  },
  "SCDELT-DXTS": {
    code: "SCDELT-DXTS",
    ...DE_LONG,
    installments: { min: 6, max: 48 },
    feePayer: "merchant",
    conditions: "TS",
    name: {
      en: "0% instalment financing",
      fr: "Financement en mensualités à 0 %",
      de: "0%-Finanzierung",
    },
  },
  "SCDELT-DXCO": {
    code: "SCDELT-DXCO",
    ...DE_LONG,
    installments: { min: 6, max: 48 },
    feePayer: "buyer",
    conditions: "CO",
    name: {
      en: "Instalment financing",
      fr: "Financement en mensualités",
      de: "Ratenfinanzierung",
    },
  },
}

export function isSolutionCode(value: unknown): value is SolutionCode {
  return typeof value === "string" && (SOLUTION_CODES as readonly string[]).includes(value)
}

/** Catalogue entry of a code, or `undefined` for a code this version does not know. */
export function getSolution(code: string): SolutionInfo | undefined {
  return isSolutionCode(code) ? SOLUTIONS[code] : undefined
}

export function solutionsForMarket(market: Market): SolutionInfo[] {
  return SOLUTION_CODES.map((c) => SOLUTIONS[c]).filter((s) => s.market === market)
}

/**
 * Journey language for a code: `fr-FR` for SCFR*, `de-DE` for SCDE* (also works for codes this
 * catalogue does not list, by their prefix).
 */
export function languageForSolution(code: string): JourneyLanguage {
  const known = getSolution(code)
  if (known) {
    return known.language
  }
  return code.toUpperCase().startsWith("SCDE") ? "de-DE" : "fr-FR"
}

/** Market of a code (`FR`/`DE`), also inferred from the prefix for unknown codes. */
export function marketForSolution(code: string): Market | undefined {
  const known = getSolution(code)
  if (known) {
    return known.market
  }
  const prefix = code.toUpperCase().slice(2, 4)
  return prefix === "FR" || prefix === "DE" ? prefix : undefined
}

export function isSplitPayment(code: string): boolean {
  return getSolution(code)?.kind === "split" || code.toUpperCase().startsWith("SCFRSP")
}

export function isLongCredit(code: string): boolean {
  const known = getSolution(code)
  return known ? known.kind === "long_credit" : /^SC(FR|DE)LT/i.test(code)
}

/** Human name of a solution in the given language (English fallback for unknown codes: the code itself). */
export function solutionName(code: string, language: keyof LocalizedName = "en"): string {
  return getSolution(code)?.name[language] ?? code
}
