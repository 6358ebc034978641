/**
 * Options, call parameters and results of the Scalexpert client (see `client.ts`).
 */
import { z } from "zod"

import type { ScalexpertErrorKind } from "./errors"
import type { RateLimit } from "./rate-limiter"
import type { RequestBudget, RequestLane } from "./request-budget"
import {
  COUNTRY_CODE_PATTERN,
  RequestAmountSchema,
  type CancelSubscriptionRequestSchema,
  type ConfirmDeliveryRequestSchema,
  type ConfirmReturnRequestSchema,
  type CreateSubscriptionRequestSchema,
  type Language,
  type SimulateSolutionsRequestSchema,
  type SubscriptionListItem,
  type WebhookEventStatus,
} from "./schemas"
import type { TokenCache } from "./token-cache"

export type ScalexpertEnvironment = "test" | "production"

/** API roots of the two Scalexpert environments. */
export const SCALEXPERT_API_ROOTS: Readonly<Record<ScalexpertEnvironment, string>> = {
  test: "https://api.scalexpert.uatc.societegenerale.com/baas/uatc",
  production: "https://api.scalexpert.societegenerale.com/baas/prod",
}

/** The API root calls go to: `baseUrl` when given, else the environment's, without trailing `/`. */
export function apiRootOf(options: {
  environment: ScalexpertEnvironment
  baseUrl?: string
}): string {
  return (options.baseUrl ?? SCALEXPERT_API_ROOTS[options.environment]).replace(/\/+$/, "")
}

export const TOKEN_PATH = "/auth-server/api/v1/oauth2/token"
export const E_FINANCING_PATH = "/e-financing/api/v1"
export const MERCHANT_WEBHOOKS_PATH = "/merchant-webhooks/api/v1"

/** Minimal logger (Medusa's logger, pino, console... all fit). */
export interface ScalexpertLogger {
  debug(message: string, meta?: object): void
  warn?(message: string, meta?: object): void
}

export interface RetryOptions {
  /** Attempts of one request, first one included (default 3). 429 answers are not attempts. */
  maxAttempts: number
  /** First backoff delay (default 200 ms), doubled at each attempt, with jitter. */
  baseDelayMs: number
  /** Upper bound of one backoff delay (default 5 000 ms). */
  maxDelayMs: number
  /** Longest `Retry-After` the client waits for; above it the 429 is thrown (default 30 000 ms). */
  maxRetryAfterMs: number
  /** Longest time one call spends waiting on 429 answers, all together (default 120 000 ms). */
  maxRateLimitedMs: number
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  maxRateLimitedMs: 120_000,
}

export interface ScalexpertClientOptions {
  /** Client id of the API key pair (merchant portal). */
  clientId: string
  /** Client secret of the API key pair. Never logged. */
  clientSecret: string
  /** `test` = Scalexpert UATC (the merchant's test environment), `production` = live. */
  environment: ScalexpertEnvironment
  /**
   * API root override, e.g. the local sandbox `http://127.0.0.1:4010/baas/uatc`. Replaces the
   * environment's root; paths such as `/e-financing/api/v1/...` are appended to it.
   */
  baseUrl?: string
  /** Timeout of one HTTP request in ms (default 30 000). */
  timeoutMs?: number
  /** Client-side budget per credential (default 600, Scalexpert's limit for all APIs together). */
  maxRequestsPerMinute?: number
  /** Full control of the window (tests): overrides `maxRequestsPerMinute`. */
  rateLimit?: RateLimit
  /**
   * The request budget to ask before each request (default: the process-wide limiter of the
   * credential). A budget shared by several processes plugs in here.
   */
  budget?: RequestBudget
  /** Lane of calls that do not name one (default `storefront`). */
  defaultLane?: RequestLane
  /** Retry policy; unspecified fields keep their defaults. */
  retry?: Partial<RetryOptions>
  /** Receives one debug line per HTTP call and warnings on retries. */
  logger?: ScalexpertLogger
  /** Renew a token this many seconds before `expires_in` (default min(60, 10 % of its life)). */
  tokenRefreshMarginSeconds?: number
  /** Check requests against the contract before sending (default true). */
  validateRequests?: boolean
  /** Token cache to use (default: the process-wide one). */
  tokenCache?: TokenCache
}

/** Per-call options: which lane of the request budget the call waits in. */
export interface CallOptions {
  lane?: RequestLane
}

export interface EligibleSolutionsParams {
  /** Buyer's billing country, ISO 3166-1 alpha-2 (`FR`, `DE`). */
  buyerBillingCountry: string
  /** Amount to finance in euros (at most 2 decimals; see `toWireAmount`). */
  financedAmount: number
}

/** Wire rules of the eligibility query (the OpenAPI's, checked before sending). */
export const EligibleSolutionsParamsSchema = z.object({
  buyerBillingCountry: z.string().regex(COUNTRY_CODE_PATTERN),
  financedAmount: RequestAmountSchema,
})

export type SimulateSolutionsParams = z.input<typeof SimulateSolutionsRequestSchema>
export type CreateSubscriptionParams = z.input<typeof CreateSubscriptionRequestSchema>
export type ConfirmDeliveryParams = z.input<typeof ConfirmDeliveryRequestSchema>
export type ConfirmReturnParams = z.input<typeof ConfirmReturnRequestSchema>
export type CancelSubscriptionParams = z.input<typeof CancelSubscriptionRequestSchema>

export interface CreateSubscriptionOptions extends CallOptions {
  /** Journey language; default from the solution code (`fr-FR` for SCFR*, `de-DE` for SCDE*). */
  language?: Language
}

export interface CreateSubscriptionResult {
  /** Scalexpert's credit subscription id. */
  id: string
  /**
   * Where to send the shopper (`type: "url"`: a URL). Absent when `recovered` is true: the list
   * endpoint that found the file does not return it, and Scalexpert has no call that does.
   */
  redirect?: { type?: string; value?: string }
  /**
   * True when the creation answer was lost (timeout, 5xx, unreadable body) and the file was found
   * afterwards with `GET /subscriptions?merchantGlobalOrderId=`. No second file was created.
   */
  recovered: boolean
  /** The list entry found, when `recovered`. */
  subscription?: SubscriptionListItem
}

export interface ListSubscriptionsParams {
  merchantGlobalOrderId?: string
  merchantBasketId?: string
  /** 1-based page (default 1). */
  page?: number
  /** Items per page (default 20). */
  pageSize?: number
}

/** Wire rules of the list query. */
export const ListSubscriptionsParamsSchema = z.object({
  merchantGlobalOrderId: z.string().min(1).optional(),
  merchantBasketId: z.string().min(1).optional(),
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).optional(),
})

export interface ListEventsParams {
  status?: WebhookEventStatus
  /** `ANY`, `SC_SUBSCRIPTION`, `SC_CANCEL_REQUEST`... */
  eventTypeCode?: string
  eventCode?: string
  /** ISO date-time; events strictly after it. */
  fromTimestamp?: string
  /** ISO date-time; events strictly before it. */
  toTimestamp?: string
  page?: number
  pageSize?: number
  /** Default `-timestamp`. */
  sort?: string
}

export type ConnectionCheckResult =
  | {
      ok: true
      environment: ScalexpertEnvironment
      apiRoot: string
      latencyMs: number
      tokenExpiresInSeconds: number
    }
  | {
      ok: false
      environment: ScalexpertEnvironment
      apiRoot: string
      latencyMs: number
      error: {
        kind: ScalexpertErrorKind
        status?: number
        errorCode?: string
        message: string
        requestId?: string
      }
    }
