import { z } from "zod"
import { DELIVERY_OPERATORS, type DeliveryOperator } from "../../scalexpert/schemas"
import { SOLUTION_CODES, type SolutionCode, type SolutionKind } from "../../scalexpert/solutions"
import {
  insuranceOptionsShape,
  type InsuranceProviderOptions,
} from "../../scalexpert/insurance/options"
import { assertProductionSafe } from "./production-guards"

/** Amounts (decimal euros) between which a solution family is offered. */
export type AmountBounds = { min: number; max: number }

/** How the plugin retries a Scalexpert call that failed for a passing reason (5xx, timeout, 429). */
export type RetryPolicy = {
  /** Attempts in all, the first included, before the failure is final (default 10). */
  maxAttempts?: number
  /** Delay before the second attempt, in seconds; doubled at each attempt (default 60). */
  initialDelaySeconds?: number
  /** Longest delay between two attempts, in seconds (default 21,600: 6 hours). */
  maxDelaySeconds?: number
}

/**
 * Options of the Scalexpert payment provider, given in the payment module's `providers` entry of
 * `medusa-config.ts`. Every option is checked when Medusa boots; a wrong one stops the boot with
 * a message that names it.
 */
export type ScalexpertProviderOptions = InsuranceProviderOptions & {
  /** API key id from the Scalexpert merchant portal (one pair per environment). */
  clientId: string
  /** API key secret. Stays on the server; never logged, never sent to a browser. */
  clientSecret: string
  /**
   * `test` (Scalexpert's UATC environment) or `production`. Default `test`. In production the boot
   * refuses localhost or `http:` URLs, a missing `webhookSignatureKey` and a `baseUrl` override
   * (`production-guards.ts`).
   */
  environment?: "test" | "production"
  /** API root override, e.g. the local sandbox `http://localhost:4010/baas/uatc`. */
  baseUrl?: string
  /** Key that Scalexpert signs webhooks with (merchant portal). Without it webhooks are refused. */
  webhookSignatureKey?: string
  /**
   * Public URL of this Medusa server, without a trailing slash. The lender sends the shopper
   * back to `{backendUrl}/scalexpert/return/{payment session id}`. Default `http://localhost:9000`.
   */
  backendUrl?: string
  /**
   * Storefront page after an accepted (or pre-accepted) financing. Placeholders: `{order_id}`,
   * `{cart_id}`, `{country_code}` (the cart's, lower case), `{status}`. Default
   * `http://localhost:8000/scalexpert/success?order_id={order_id}&cart_id={cart_id}&country_code={country_code}&status={status}`.
   */
  successUrl?: string
  /**
   * Storefront page after a refused, abandoned or failed financing; the cart is kept. Placeholders:
   * `{cart_id}`, `{country_code}` (the cart's, lower case), `{reason}` (refused, abandoned,
   * cancelled, pending, error), `{status}`. It should restore the cart from `cart_id`: a
   * `SameSite=Strict` cart cookie is not sent at the end of a journey that started on the
   * lender's site. Default
   * `http://localhost:8000/checkout?step=payment&scalexpert_error={reason}&cart_id={cart_id}&country_code={country_code}&status={status}`.
   */
  failureUrl?: string
  /** Solution codes this shop offers (default: every solution the merchant has contracted). */
  enabledSolutions?: SolutionCode[]
  /** Amount bounds per family, applied before any call (defaults: split 100–4,000, long credit 1,000–75,000 in France, 200–15,000 in Germany... see README). */
  amountBounds?: Partial<Record<"split" | "long_credit_fr" | "long_credit_de", AmountBounds>>
  /** Products that may not be financed: carts holding one are offered no Scalexpert solution. */
  excludedProductIds?: string[]
  /** Product categories that may not be financed (same effect as `excludedProductIds`). */
  excludedCategoryIds?: string[]
  /**
   * Offer no financing for a cart holding a Scalexpert insurance line, as the official PrestaShop
   * and Magento modules do (default false: the lender does not require it, see README "Insurance").
   */
  hideFinancingWithInsurance?: boolean
  /** How long the storefront routes cache eligibility and simulations per (country, amount), in seconds (default 300; 0 disables). */
  storefrontCacheTtlSeconds?: number
  /** The reconciliation job re-reads open files created in the last N days (default 30). */
  reconciliationMaxAgeDays?: number
  /** How many files the reconciliation job reads at once (default 4). */
  reconciliationConcurrency?: number
  /** How many times the return re-reads a file that is not final yet (default 4). */
  returnStatusReads?: number
  /** Delay between those re-reads in ms (default 750). */
  returnStatusReadDelayMs?: number
  /**
   * When the plugin confirms the delivery of a long-term credit (the lender funds it only then):
   * `shipment` (default) when the order is shipped, `delivery` when it is marked delivered, or
   * `manual` (only from the admin route or Medusa's "Capture payment").
   */
  deliveryConfirmation?: "shipment" | "delivery" | "manual"
  /**
   * Carrier of a shipment, for `_confirmDelivery`: keys are matched, without regard to case,
   * against the shipping option's id, name and type code, the fulfillment provider id and the
   * shipping method's name (exactly, or as whole words of a name); values are Scalexpert operators.
   * Checked before the built-in detection (Colissimo → LA_POSTE, DHL Express → DHL...); `UNKNOWN`
   * when nothing matches.
   */
  deliveryOperators?: Record<string, DeliveryOperator>
  /**
   * Markets whose lender receives the tracking number and the operator (default both: `FR`,
   * `DE`); the others get `{isDelivered: true}` alone, as does a shipment without tracking number.
   */
  deliveryTrackingMarkets?: ("FR" | "DE")[]
  /** Retries of delivery confirmations and of cancellations Medusa made while Scalexpert failed. */
  retryPolicy?: RetryPolicy
  /** The reconciliation job also re-reads accepted files with an order, for N days (default 120). */
  reconciliationAcceptedMaxAgeDays?: number
  /** ... at most once every N minutes per file (default 60). */
  reconciliationAcceptedIntervalMinutes?: number
  /** Timeout of one Scalexpert HTTP request in ms (default 30,000). */
  timeoutMs?: number
  /** Client-side request budget per minute (default 600, Scalexpert's limit). */
  maxRequestsPerMinute?: number
  /**
   * Share of that budget background work (the reconciliation job, retries) may use in any
   * minute, between 0 and 1 (default 0.5): shoppers' calls always find the rest.
   */
  backgroundShare?: number
  /** Calls sent at once before the budget paces them (default a tenth of it, at least 10). */
  burst?: number
  /**
   * Added to the budget's 60 s window, in ms (default 3,000; 1,000 for a budget shared through
   * Redis): covers the lender's clock and the requests' latency (larger on a loaded server).
   */
  rateLimitMarginMs?: number
}

export const DEFAULT_AMOUNT_BOUNDS: Record<
  "split" | "long_credit_fr" | "long_credit_de",
  AmountBounds
> = {
  split: { min: 100, max: 4000 },
  long_credit_fr: { min: 1000, max: 75000 },
  long_credit_de: { min: 200, max: 15000 },
}

export const DEFAULT_SUCCESS_URL =
  "http://localhost:8000/scalexpert/success?order_id={order_id}&cart_id={cart_id}&country_code={country_code}&status={status}"
export const DEFAULT_FAILURE_URL =
  "http://localhost:8000/checkout?step=payment&scalexpert_error={reason}&cart_id={cart_id}&country_code={country_code}&status={status}"

const bounds = z
  .object({ min: z.number().nonnegative(), max: z.number().positive() })
  .refine((b) => b.min < b.max, "min must be below max")

const urlTemplate = z.string().regex(/^https?:\/\//, "must be an absolute http(s) URL")

const optionsSchema = z.object({
  clientId: z.string().min(1, "is required"),
  clientSecret: z.string().min(1, "is required"),
  environment: z.enum(["test", "production"]).default("test"),
  baseUrl: z.url().optional(),
  webhookSignatureKey: z.string().min(1).optional(),
  backendUrl: urlTemplate.default("http://localhost:9000").transform((u) => u.replace(/\/+$/, "")),
  successUrl: urlTemplate.default(DEFAULT_SUCCESS_URL),
  failureUrl: urlTemplate.default(DEFAULT_FAILURE_URL),
  enabledSolutions: z.array(z.enum(SOLUTION_CODES)).min(1).optional(),
  amountBounds: z
    .object({
      split: bounds.optional(),
      long_credit_fr: bounds.optional(),
      long_credit_de: bounds.optional(),
    })
    .optional(),
  excludedProductIds: z.array(z.string().min(1)).default([]),
  excludedCategoryIds: z.array(z.string().min(1)).default([]),
  hideFinancingWithInsurance: z.boolean().default(false),
  storefrontCacheTtlSeconds: z.number().int().min(0).default(300),
  reconciliationMaxAgeDays: z.number().int().min(1).max(365).default(30),
  reconciliationConcurrency: z.number().int().min(1).max(20).default(4),
  returnStatusReads: z.number().int().min(1).max(20).default(4),
  returnStatusReadDelayMs: z.number().int().min(0).max(10_000).default(750),
  deliveryConfirmation: z.enum(["shipment", "delivery", "manual"]).default("shipment"),
  deliveryOperators: z.record(z.string().min(1), z.enum(DELIVERY_OPERATORS)).default({}),
  deliveryTrackingMarkets: z.array(z.enum(["FR", "DE"])).default(["FR", "DE"]),
  retryPolicy: z
    .object({
      maxAttempts: z.number().int().min(1).max(100).default(10),
      initialDelaySeconds: z.number().int().min(1).default(60),
      maxDelaySeconds: z.number().int().min(1).default(21_600),
    })
    .default({ maxAttempts: 10, initialDelaySeconds: 60, maxDelaySeconds: 21_600 }),
  reconciliationAcceptedMaxAgeDays: z.number().int().min(1).max(730).default(120),
  reconciliationAcceptedIntervalMinutes: z.number().int().min(0).max(1440).default(60),
  timeoutMs: z.number().int().positive().default(30_000),
  maxRequestsPerMinute: z.number().int().positive().default(600),
  backgroundShare: z.number().gt(0).max(1).default(0.5),
  burst: z.number().int().positive().optional(),
  rateLimitMarginMs: z.number().int().min(0).max(30_000).optional(),
  ...insuranceOptionsShape,
})

export type ResolvedScalexpertOptions = z.output<typeof optionsSchema> & {
  amountBounds: typeof DEFAULT_AMOUNT_BOUNDS
}

/** Validates the provider options; throws an Error naming each wrong option. */
export function resolveOptions(raw: Record<string, unknown>): ResolvedScalexpertOptions {
  const parsed = optionsSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `\`${issue.path.join(".") || "options"}\` ${issue.message}`
    )
    throw new Error(`medusa-payment-scalexpert: invalid provider options: ${problems.join("; ")}`)
  }
  assertProductionSafe(parsed.data)
  return {
    ...parsed.data,
    amountBounds: { ...DEFAULT_AMOUNT_BOUNDS, ...parsed.data.amountBounds },
  }
}

/** The amount bounds that apply to a solution. */
export function boundsFor(
  options: ResolvedScalexpertOptions,
  kind: SolutionKind,
  market: "FR" | "DE"
): AmountBounds {
  if (kind === "split") return options.amountBounds.split
  return market === "FR" ? options.amountBounds.long_credit_fr : options.amountBounds.long_credit_de
}
