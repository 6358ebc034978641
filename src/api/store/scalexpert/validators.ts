import { z } from "@medusajs/framework/zod"
import { amountToCents } from "../../../scalexpert/money"
import { isSolutionCode, SOLUTION_CODES, type SolutionCode } from "../../../scalexpert/solutions"

/**
 * Parameters of the storefront routes. Each parser turns what the storefront sent (query strings
 * or a JSON body) into typed values, or says in one sentence what is wrong: Medusa answers that
 * as a 400 `{type: "invalid_data", message: "Invalid request: ..."}`, before any call to
 * Scalexpert. The zod schemas below only wrap these parsers, so that the middleware and the route
 * agree by construction and unknown parameters are refused.
 */

/** Highest amount the routes accept (Scalexpert's own ceiling is 75,000 €). */
export const MAX_AMOUNT_CENTS = 1_000_000_00

export class ParameterError extends Error {}

// `locale` is Medusa's own store parameter (like the `x-medusa-locale` header): Medusa reads it
// into `req.locale` and takes it off the query before any route middleware.
const ELIGIBILITY_FIELDS = ["amount", "country", "cart_id", "product_id"] as const
const SIMULATION_FIELDS = ["amount", "country", "solution_codes", "product_id"] as const

export type AmountQuery = { kind: "amount"; cents: number; country: string; productId?: string }
export type CartQuery = { kind: "cart"; cartId: string }
export type EligibilityParams = AmountQuery | CartQuery
export type SimulationParams = AmountQuery & { solutionCodes?: SolutionCode[] }

type Raw = Record<string, unknown>

const shown = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 40)}...` : text
}

/** Refuses parameters the route does not know (Medusa's validation middleware does the same). */
function rejectUnknown(raw: Raw, known: readonly string[]) {
  const unknown = Object.keys(raw).filter(
    (name) => raw[name] !== undefined && !known.includes(name)
  )
  if (unknown.length > 0) {
    throw new ParameterError(
      `Unknown parameter ${unknown.map(shown).join(", ")}: this route takes ${known.join(", ")}`
    )
  }
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

/** Solution codes: a JSON array in a body; in a query, comma-separated or repeated. */
export function parseSolutionCodes(
  value: unknown,
  source: "query" | "body"
): SolutionCode[] | undefined {
  if (value === undefined) return undefined
  const list =
    source === "query" && typeof value === "string"
      ? value.split(",")
      : Array.isArray(value)
        ? value
        : undefined
  if (!list || list.some((code) => typeof code !== "string")) {
    throw new ParameterError(
      source === "query"
        ? "solution_codes must be Scalexpert solution codes separated by commas"
        : 'solution_codes must be a list of Scalexpert solution codes, such as ["SCFRSP-3XTS"]'
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

/** `GET /store/scalexpert/eligibility?amount=&country=[&product_id=]` or `?cart_id=`. */
export function parseEligibilityQuery(raw: Raw): EligibilityParams {
  rejectUnknown(raw, ELIGIBILITY_FIELDS)
  const read = (name: string) => single(raw, name)
  const cartId = read("cart_id")
  if (cartId !== undefined) {
    const extra = ["amount", "country", "product_id"].filter((name) => raw[name] !== undefined)
    if (extra.length > 0) {
      throw new ParameterError(
        `cart_id cannot be combined with ${extra.join(", ")}: the cart gives its total, billing country and products`
      )
    }
    return { kind: "cart", cartId: parseId(cartId, "cart_id", "cart") }
  }
  return parseAmountQuery(raw, read)
}

/**
 * `GET /store/scalexpert/simulations?amount=&country=[&solution_codes=a,b][&product_id=]` or the
 * same as a JSON body with `POST`.
 */
export function parseSimulationParams(raw: Raw, source: "query" | "body"): SimulationParams {
  rejectUnknown(raw, SIMULATION_FIELDS)
  const read = (name: string) => (source === "query" ? single(raw, name) : raw[name])
  return {
    ...parseAmountQuery(raw, read),
    solutionCodes: parseSolutionCodes(raw.solution_codes, source),
  }
}

/** Wraps a parser as a zod schema for `validateAndTransformQuery` / `validateAndTransformBody`. */
function schemaOf(names: readonly string[], parse: (raw: Raw) => unknown) {
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

export const StoreScalexpertEligibilityQuery = schemaOf(ELIGIBILITY_FIELDS, parseEligibilityQuery)

export const StoreScalexpertSimulationsQuery = schemaOf(SIMULATION_FIELDS, (raw) =>
  parseSimulationParams(raw, "query")
)

export const StoreScalexpertSimulationsBody = schemaOf(SIMULATION_FIELDS, (raw) =>
  parseSimulationParams(raw, "body")
)

export const StoreScalexpertOrderQuery = z.object({})
