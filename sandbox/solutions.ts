/**
 * The sandbox's own catalogue of Scalexpert e-financing solution codes (from the lender's
 * documentation, not from the plugin): market, kind, lender, journey language and phone prefix.
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
export type Market = "FR" | "DE"
export type SolutionKind = "split" | "long_credit"
export type Language = "fr-FR" | "de-DE"

export interface Solution {
  code: SolutionCode
  market: Market
  kind: SolutionKind
  lender: "Franfinance" | "Hanseatic Bank"
  /** `language` of `POST /subscriptions`: de-DE for SCDELT*, fr-FR for SCFR* (the OpenAPI's words). */
  language: Language
  /** "The mobilePhoneNumber's country code must be consistent with the solutionCode's marketCode". */
  phonePrefix: "+33" | "+49"
  /** Split payment: the number of instalments. */
  instalments?: number
  /** Who pays the credit's cost: TS merchant, PS shared, NO/CO buyer. */
  feePayer: "merchant" | "shared" | "buyer"
  /** `conditions` of the eligibility answer (the code's suffix). */
  conditions: string
  name: string
}

function solution(code: SolutionCode, name: string): Solution {
  const market: Market = code.startsWith("SCDE") ? "DE" : "FR"
  const split = code.startsWith("SCFRSP")
  return {
    code,
    market,
    kind: split ? "split" : "long_credit",
    lender: market === "DE" ? "Hanseatic Bank" : "Franfinance",
    language: market === "DE" ? "de-DE" : "fr-FR",
    phonePrefix: market === "DE" ? "+49" : "+33",
    instalments: split ? Number(code.charAt(7)) : undefined,
    conditions: code.slice(-2),
    feePayer: code.endsWith("TS") ? "merchant" : code.endsWith("PS") ? "shared" : "buyer",
    name,
  }
}

export const SOLUTIONS: Readonly<Record<SolutionCode, Solution>> = {
  "SCFRSP-3XTS": solution("SCFRSP-3XTS", "Pay in 3 instalments, free of charge"),
  "SCFRSP-3XPS": solution("SCFRSP-3XPS", "Pay in 3 instalments"),
  "SCFRSP-4XTS": solution("SCFRSP-4XTS", "Pay in 4 instalments, free of charge"),
  "SCFRSP-4XPS": solution("SCFRSP-4XPS", "Pay in 4 instalments"),
  "SCFRLT-TXNO": solution("SCFRLT-TXNO", "Long-term credit"),
  "SCFRLT-TXPS": solution("SCFRLT-TXPS", "Long-term credit, reduced rate"),
  "SCFRLT-TXTS": solution("SCFRLT-TXTS", "Long-term credit, free of charge"),
  "SCDELT-DXTS": solution("SCDELT-DXTS", "Instalment credit at 0 %"),
  "SCDELT-DXCO": solution("SCDELT-DXCO", "Instalment credit"),
}

export function isSolutionCode(value: unknown): value is SolutionCode {
  return typeof value === "string" && (SOLUTION_CODES as readonly string[]).includes(value)
}
