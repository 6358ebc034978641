import { z } from "@medusajs/framework/zod"
import { amountToCents } from "../../../scalexpert/money"
import { isSolutionCode, SOLUTION_CODES, type SolutionCode } from "../../../scalexpert/solutions"
import type { ScalexpertLocale } from "../../../storefront/types"

/**
 * Parameters of the storefront routes. Each parser turns what the storefront sent (query strings
 * or a JSON body) into typed values, or says in one sentence what is wrong: Medusa answers that
 * as a 400 `{type: "invalid_data", message: "Invalid request: ..."}`, before any call to
 * Scalexpert. The zod schemas below only wrap these parsers, so that the middleware and the route
 * agree by construction and unknown parameters are refused.
 */

/** Highest amount the routes accept (Scalexpert's own ceiling is 75,000 €). */
export const MAX_AMOUNT_CENTS = 1_000_000_00

export const LOCALES: readonly ScalexpertLocale[] = ["en", "fr", "de"]

export class ParameterError extends Error {}

export type AmountQuery = { kind: "amount"; cents: number; country: string; productId?: string }
export type CartQuery = { kind: "cart"; cartId: string }
export type EligibilityParams = (AmountQuery | CartQuery) & { locale?: ScalexpertLocale }
export type SimulationParams = AmountQuery & {
  solutionCodes?: SolutionCode[]
  locale?: ScalexpertLocale
}

type Raw = Record<string, unknown>

const shown = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 40)}...` : text
}

function single(raw: Raw, name: string): string | undefined {
  const value = raw[name]
  if (value === undefined) return undefined
  if (typeof value !== "string") {
    throw new ParameterError(`${name} must be given once, as a plain value`)
  }
  return value
}

/** Decimal euros: a string (`"1290"`, `"1290.50"`) or, in a JSON body, a number. */
export function parseAmount(value: unknown): number {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value
  if (typeof text !== "string" || !/^\d{1,9}(\.\d{1,2})?$/.test(text.trim())) {
    throw new ParameterError(
      `amount must be an amount in euros with at most 2 decimals, such as 1290 or 1290.50 (got ${shown(value)})`
    )
  }
  const cents = amountToCents(text.trim())
  if (cents <= 0) throw new ParameterError("amount must be greater than 0")
  if (cents > MAX_AMOUNT_CENTS) {
    throw new ParameterError(`amount must be at most ${MAX_AMOUNT_CENTS / 100} euros`)
  }
  return cents
}

/** The billing country: an ISO 3166-1 alpha-2 code, any case (`fr`, `FR`). */
export function parseCountry(value: unknown): string {
  if (typeof value !== "string" || !/^[A-Za-z]{2}$/.test(value.trim())) {
    throw new ParameterError(
      `country must be the shopper's billing country as a two-letter ISO code, such as FR or DE (got ${shown(value)})`
    )
  }
  return value.trim().toUpperCase()
}

function parseId(value: unknown, name: string, prefix: string): string {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]{1,100}$/.test(value)) {
    throw new ParameterError(
      `${name} must be a Medusa id such as ${prefix}_01H... (got ${shown(value)})`
    )
  }
  return value
}

export function parseLocale(value: unknown): ScalexpertLocale | undefined {
  if (value === undefined) return undefined
  if (typeof value !== "string" || !LOCALES.includes(value as ScalexpertLocale)) {
    throw new ParameterError(`locale must be one of ${LOCALES.join(", ")} (got ${shown(value)})`)
  }
  return value as ScalexpertLocale
}

/** Solution codes: an array, or a comma-separated string in a query. */
export function parseSolutionCodes(value: unknown): SolutionCode[] | undefined {
  if (value === undefined) return undefined
  const list =
    typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : undefined
  if (!list || list.some((code) => typeof code !== "string")) {
    throw new ParameterError(
      "solution_codes must be a list of Scalexpert solution codes (comma-separated in a query)"
    )
  }
  const codes = (list as string[]).map((code) => code.trim()).filter(Boolean)
  if (codes.length === 0) throw new ParameterError("solution_codes must not be empty")
  const unknown = codes.filter((code) => !isSolutionCode(code))
  if (unknown.length > 0) {
    throw new ParameterError(
      `Unknown solution code ${unknown.map(shown).join(", ")}: use ${SOLUTION_CODES.join(", ")}`
    )
  }
  return [...new Set(codes as SolutionCode[])].sort(
    (a, b) => SOLUTION_CODES.indexOf(a) - SOLUTION_CODES.indexOf(b)
  )
}

function parseAmountQuery(raw: Raw, read: (name: string) => unknown): AmountQuery {
  const amount = read("amount")
  const country = read("country")
  if (amount === undefined || country === undefined) {
    throw new ParameterError(
      "Give either cart_id (a cart's eligibility) or both amount and country (a product page)"
    )
  }
  const productId = read("product_id")
  return {
    kind: "amount",
    cents: parseAmount(amount),
    country: parseCountry(country),
    ...(productId === undefined ? {} : { productId: parseId(productId, "product_id", "prod") }),
  }
}

/** `GET /store/scalexpert/eligibility?amount=&country=[&product_id=]` or `?cart_id=`, `&locale=`. */
export function parseEligibilityQuery(raw: Raw): EligibilityParams {
  const read = (name: string) => single(raw, name)
  const locale = parseLocale(read("locale"))
  const cartId = read("cart_id")
  if (cartId !== undefined) {
    const extra = ["amount", "country", "product_id"].filter((name) => raw[name] !== undefined)
    if (extra.length > 0) {
      throw new ParameterError(
        `cart_id cannot be combined with ${extra.join(", ")}: the cart gives its total, billing country and products`
      )
    }
    return { kind: "cart", cartId: parseId(cartId, "cart_id", "cart"), locale }
  }
  return { ...parseAmountQuery(raw, read), locale }
}

/**
 * `GET /store/scalexpert/simulations?amount=&country=[&solution_codes=a,b][&product_id=][&locale=]`
 * or the same as a JSON body with `POST`.
 */
export function parseSimulationParams(raw: Raw, source: "query" | "body"): SimulationParams {
  const read = (name: string) => (source === "query" ? single(raw, name) : raw[name])
  return {
    ...parseAmountQuery(raw, read),
    solutionCodes: parseSolutionCodes(raw.solution_codes),
    locale: parseLocale(read("locale")),
  }
}

/** Wraps a parser as a zod schema for `validateAndTransformQuery` / `validateAndTransformBody`. */
function schemaOf(names: string[], parse: (raw: Raw) => unknown) {
  return z
    .object(Object.fromEntries(names.map((name) => [name, z.unknown().optional()])))
    .superRefine((raw, ctx) => {
      try {
        parse(raw as Raw)
      } catch (error) {
        if (!(error instanceof ParameterError)) throw error
        ctx.addIssue({ code: "custom", message: error.message })
      }
    })
}

export const StoreScalexpertEligibilityQuery = schemaOf(
  ["amount", "country", "cart_id", "product_id", "locale"],
  parseEligibilityQuery
)

const SIMULATION_FIELDS = ["amount", "country", "solution_codes", "product_id", "locale"]

export const StoreScalexpertSimulationsQuery = schemaOf(SIMULATION_FIELDS, (raw) =>
  parseSimulationParams(raw, "query")
)

export const StoreScalexpertSimulationsBody = schemaOf(SIMULATION_FIELDS, (raw) =>
  parseSimulationParams(raw, "body")
)

export const StoreScalexpertOrderQuery = z
  .object({ locale: z.unknown().optional() })
  .superRefine((raw, ctx) => {
    try {
      parseLocale(raw.locale)
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error
      ctx.addIssue({ code: "custom", message: error.message })
    }
  })
