/**
 * Typed client of the Scalexpert e-financing API (1.7.1) and of the merchant-webhooks event log.
 *
 * - OAuth2 client credentials with a shared, per-credential token cache (see `token-cache.ts`);
 *   a 401 on an API call refreshes the token once and retries once.
 * - GETs are retried on network errors, timeouts and 5xx with bounded exponential backoff and
 *   jitter; a 429 waits for `Retry-After`. POSTs are never blindly retried: an ambiguous
 *   subscription creation is resolved with `GET /subscriptions?merchantGlobalOrderId=` first.
 * - A client-side sliding window keeps each credential under 600 requests per minute, queueing.
 * - Every call is logged at debug level (method, path, status, duration, requestId), never a body,
 *   a token or a secret.
 *
 * No Medusa import: the payment provider wraps this class.
 */
import axios, {
  type AxiosInstance,
  type RawAxiosResponseHeaders,
  type AxiosResponseHeaders,
} from "axios"
import { z } from "zod"

import {
  ScalexpertError,
  ScalexpertUnknownStatusError,
  parseGatewayMessage,
  type ScalexpertErrorKind,
} from "./errors"
import { getSharedRateLimiter, type RateLimit, type SlidingWindowRateLimiter } from "./rate-limiter"
import {
  BaasErrorResponseSchema,
  CancelSubscriptionRequestSchema,
  CancelSubscriptionResponseSchema,
  ConfirmDeliveryRequestSchema,
  ConfirmReturnRequestSchema,
  COUNTRY_CODE_PATTERN,
  CreateSubscriptionRequestSchema,
  CreateSubscriptionResponseSchema,
  describeIssues,
  EligibleSolutionsResponseSchema,
  GatewayErrorResponseSchema,
  RequestAmountSchema,
  SCOPES,
  SimulateSolutionsRequestSchema,
  SimulateSolutionsResponseSchema,
  SubscriptionListResponseSchema,
  SubscriptionSchema,
  TokenResponseSchema,
  TriggerHelloWorldResponseSchema,
  WebhookEventsPageSchema,
  type CancelSubscriptionResponse,
  type EligibleSolutionsResponse,
  type Language,
  type SimulateSolutionsResponse,
  type Subscription,
  type SubscriptionListItem,
  type SubscriptionListResponse,
  type WebhookEventsPage,
  type WebhookEventStatus,
} from "./schemas"
import { languageForSolution } from "./solutions"
import {
  sharedTokenCache,
  type CachedToken,
  type TokenCache,
  type TokenCredential,
} from "./token-cache"

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

export type ScalexpertEnvironment = "test" | "production"

/** API roots of the two Scalexpert environments. */
export const SCALEXPERT_API_ROOTS: Readonly<Record<ScalexpertEnvironment, string>> = {
  test: "https://api.scalexpert.uatc.societegenerale.com/baas/uatc",
  production: "https://api.scalexpert.societegenerale.com/baas/prod",
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
  /** Total attempts of one request, first one included (default 3). */
  maxAttempts: number
  /** First backoff delay (default 200 ms), doubled at each attempt, with jitter. */
  baseDelayMs: number
  /** Upper bound of one backoff delay (default 5 000 ms). */
  maxDelayMs: number
  /** Longest `Retry-After` the client waits for; above it the 429 is thrown (default 30 000 ms). */
  maxRetryAfterMs: number
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

const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
}

// ---------------------------------------------------------------------------------------------
// Call parameters and results
// ---------------------------------------------------------------------------------------------

export interface EligibleSolutionsParams {
  /** Buyer's billing country, ISO 3166-1 alpha-2 (`FR`, `DE`). */
  buyerBillingCountry: string
  /** Amount to finance in euros (at most 2 decimals; see `toWireAmount`). */
  financedAmount: number
}

export type SimulateSolutionsParams = z.input<typeof SimulateSolutionsRequestSchema>
export type CreateSubscriptionParams = z.input<typeof CreateSubscriptionRequestSchema>
export type ConfirmDeliveryParams = z.input<typeof ConfirmDeliveryRequestSchema>
export type ConfirmReturnParams = z.input<typeof ConfirmReturnRequestSchema>
export type CancelSubscriptionParams = z.input<typeof CancelSubscriptionRequestSchema>

export interface CreateSubscriptionOptions {
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

// ---------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------

type HttpMethod = "GET" | "POST"

interface RequestSpec {
  method: HttpMethod
  /** Path relative to the API root, without query. */
  path: string
  query?: Record<string, string | number | undefined>
  /** JSON body, or a pre-encoded form body for the token request. */
  body?: unknown
  auth: { type: "bearer"; scopes: readonly string[] } | { type: "basic" }
  /** Safe to send again after an ambiguous failure (GETs, the token request). */
  idempotent: boolean
  /** A JSON body is expected on 2xx (false for the 204 endpoints). */
  expectBody: boolean
}

interface RawResponse {
  status: number
  text: string
  headers: Record<string, string>
  requestId?: string
  traceId?: string
}

interface JsonResponse {
  status: number
  json: unknown
  requestId?: string
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    t.unref?.()
  })
}

function normaliseHeaders(
  headers: RawAxiosResponseHeaders | AxiosResponseHeaders
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined || v === null) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v)
  }
  return out
}

function firstHeader(headers: Record<string, string>, names: string[]): string | undefined {
  for (const name of names) {
    const v = headers[name]
    if (v) return v
  }
  return undefined
}

/** Seconds to wait from a `Retry-After` value (delta-seconds or HTTP date). */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now()
): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed)
  }
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, (date - now) / 1000)
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function issueValue(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<PropertyKey, unknown>)[part]
  }
  return current
}

const EligibleSolutionsParamsSchema = z.object({
  buyerBillingCountry: z.string().regex(COUNTRY_CODE_PATTERN),
  financedAmount: RequestAmountSchema,
})

const ListSubscriptionsParamsSchema = z.object({
  merchantGlobalOrderId: z.string().min(1).optional(),
  merchantBasketId: z.string().min(1).optional(),
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).optional(),
})

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

export class ScalexpertClient {
  private readonly options_: ScalexpertClientOptions
  private readonly apiRoot_: string
  private readonly retry_: RetryOptions
  private readonly http_: AxiosInstance
  private readonly limiter_: SlidingWindowRateLimiter
  private readonly tokenCache_: TokenCache
  private readonly logger_?: ScalexpertLogger
  private readonly validate_: boolean

  constructor(options: ScalexpertClientOptions) {
    if (!options.clientId || !options.clientSecret) {
      throw new TypeError("ScalexpertClient needs a clientId and a clientSecret")
    }
    if (options.environment !== "test" && options.environment !== "production") {
      throw new TypeError(`Unknown Scalexpert environment "${String(options.environment)}"`)
    }
    this.options_ = options
    this.apiRoot_ = (options.baseUrl ?? SCALEXPERT_API_ROOTS[options.environment]).replace(
      /\/+$/,
      ""
    )
    this.retry_ = { ...DEFAULT_RETRY, ...(options.retry ?? {}) }
    this.retry_.maxAttempts = Math.max(1, Math.floor(this.retry_.maxAttempts))
    this.logger_ = options.logger
    this.validate_ = options.validateRequests ?? true
    this.tokenCache_ = options.tokenCache ?? sharedTokenCache
    const limit: RateLimit = options.rateLimit ?? {
      maxRequests: options.maxRequestsPerMinute ?? 600,
      windowMs: 60_000,
    }
    this.limiter_ = getSharedRateLimiter(`${this.apiRoot_}|${options.clientId}`, limit)
    this.http_ = axios.create({
      baseURL: this.apiRoot_,
      timeout: options.timeoutMs ?? 30_000,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
    })
  }

  /** The API root calls go to (environment root or `baseUrl`). */
  get apiRoot(): string {
    return this.apiRoot_
  }

  get environment(): ScalexpertEnvironment {
    return this.options_.environment
  }

  // ---- Authentication ----------------------------------------------------------------------

  /**
   * A valid access token for the scopes (default `e-financing:rw`), from the shared cache or from
   * one token request shared by concurrent callers.
   */
  async getAccessToken(scopes: readonly string[] = [SCOPES.eFinancing]): Promise<string> {
    return (await this.token_(scopes)).accessToken
  }

  /**
   * Checks the credentials and the API: fetches a fresh token, then asks eligibility for 1 000 € in
   * France. Never throws: the admin shows the outcome.
   */
  async checkConnection(): Promise<ConnectionCheckResult> {
    const started = Date.now()
    const base = { environment: this.options_.environment, apiRoot: this.apiRoot_ }
    try {
      const token = await this.token_([SCOPES.eFinancing], true)
      await this.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
      return {
        ok: true,
        ...base,
        latencyMs: Date.now() - started,
        tokenExpiresInSeconds: Math.round((token.expiresAt - Date.now()) / 1000),
      }
    } catch (error) {
      const e =
        error instanceof ScalexpertError
          ? error
          : new ScalexpertError({
              kind: "network",
              message: String((error as Error)?.message ?? error),
            })
      return {
        ok: false,
        ...base,
        latencyMs: Date.now() - started,
        error: {
          kind: e.kind,
          status: e.status,
          errorCode: e.errorCode,
          message: e.message,
          requestId: e.requestId,
        },
      }
    }
  }

  // ---- e-financing -------------------------------------------------------------------------

  /** `GET /eligible-solutions`: contracted solutions for this amount and country (`[]` when none). */
  async getEligibleSolutions(params: EligibleSolutionsParams): Promise<EligibleSolutionsResponse> {
    const path = `${E_FINANCING_PATH}/eligible-solutions`
    const valid = this.check_(EligibleSolutionsParamsSchema, params, "GET", path)
    const res = await this.executeWithRetry_({
      method: "GET",
      path,
      query: {
        buyerBillingCountry: valid.buyerBillingCountry,
        financedAmount: valid.financedAmount,
      },
      auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
      idempotent: true,
      expectBody: true,
    })
    return this.parse_(EligibleSolutionsResponseSchema, res, "GET", path)
  }

  /** `POST /_simulate-solutions`: instalment plans, one per duration for long credit. */
  async simulateSolutions(params: SimulateSolutionsParams): Promise<SimulateSolutionsResponse> {
    const path = `${E_FINANCING_PATH}/_simulate-solutions`
    const body = this.check_(SimulateSolutionsRequestSchema, params, "POST", path)
    const res = await this.executeWithRetry_({
      method: "POST",
      path,
      body,
      auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
      idempotent: false,
      expectBody: true,
    })
    return this.parse_(SimulateSolutionsResponseSchema, res, "POST", path)
  }

  /**
   * `POST /subscriptions?language=`: starts a financing file and returns where to send the shopper.
   *
   * If the answer is lost (timeout, network error, 5xx, unreadable body) the lender may have
   * created the file: before any new attempt the client looks it up by `merchantGlobalOrderId` and
   * returns it with `recovered: true` (and no `redirect`). A new POST is sent only when the lookup
   * proves nothing was created.
   */
  async createSubscription(
    params: CreateSubscriptionParams,
    options: CreateSubscriptionOptions = {}
  ): Promise<CreateSubscriptionResult> {
    const path = `${E_FINANCING_PATH}/subscriptions`
    const body = this.check_(CreateSubscriptionRequestSchema, params, "POST", path)
    const language = options.language ?? languageForSolution(body.solutionCode)
    const orderId = body.merchantGlobalOrderId
    let ambiguous: ScalexpertError | undefined

    const recover = async (): Promise<CreateSubscriptionResult | undefined> => {
      let found: SubscriptionListItem | undefined
      try {
        found = await this.findSubscriptionByMerchantGlobalOrderId(orderId)
      } catch (lookupError) {
        this.warn_("scalexpert subscription lookup after an ambiguous creation failed", {
          method: "GET",
          path,
          status: (lookupError as ScalexpertError)?.status,
        })
        // Without an answer we cannot know whether a file exists: never POST again blindly.
        throw ambiguous ?? lookupError
      }
      if (found) {
        this.warn_("scalexpert subscription creation recovered from the lender's list", {
          method: "POST",
          path,
          subscriptionId: found.creditSubscriptionId,
        })
        return {
          id: found.creditSubscriptionId,
          redirect: undefined,
          recovered: true,
          subscription: found,
        }
      }
      return undefined
    }

    for (let attempt = 1; attempt <= this.retry_.maxAttempts; attempt++) {
      if (ambiguous) {
        const recovered = await recover()
        if (recovered) return recovered
        await sleep(this.backoffDelay_(attempt - 1))
      }
      try {
        const res = await this.executeWithRetry_({
          method: "POST",
          path,
          query: { language },
          body,
          auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
          idempotent: false,
          expectBody: true,
        })
        const created = this.parse_(CreateSubscriptionResponseSchema, res, "POST", path)
        return { id: created.id, redirect: created.redirect, recovered: false }
      } catch (error) {
        if (!(error instanceof ScalexpertError)) throw error
        if (error.isAmbiguous) {
          ambiguous = error
          this.warn_("scalexpert subscription creation is ambiguous, checking the lender's list", {
            method: "POST",
            path,
            kind: error.kind,
            status: error.status,
            attempt,
          })
          continue
        }
        if (ambiguous && error.status === 400 && error.errorCode === "BAD_REQUEST") {
          // "merchantGlobalOrderId already exists": the earlier lost attempt did create it.
          const recovered = await recover()
          if (recovered) return recovered
        }
        throw error
      }
    }
    const recovered = await recover()
    if (recovered) return recovered
    throw (
      ambiguous ?? new ScalexpertError({ kind: "network", message: "Subscription creation failed" })
    )
  }

  /** `GET /subscriptions`: files by `merchantGlobalOrderId` / `merchantBasketId`, paginated. */
  async listSubscriptions(params: ListSubscriptionsParams = {}): Promise<SubscriptionListResponse> {
    const path = `${E_FINANCING_PATH}/subscriptions`
    const valid = this.check_(ListSubscriptionsParamsSchema, params, "GET", path)
    const res = await this.executeWithRetry_({
      method: "GET",
      path,
      query: { ...valid },
      auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
      idempotent: true,
      expectBody: true,
    })
    return this.parse_(SubscriptionListResponseSchema, res, "GET", path)
  }

  /** The most recent file carrying this `merchantGlobalOrderId` (ids are unique per file), if any. */
  async findSubscriptionByMerchantGlobalOrderId(
    merchantGlobalOrderId: string
  ): Promise<SubscriptionListItem | undefined> {
    const list = await this.listSubscriptions({ merchantGlobalOrderId, pageSize: 20 })
    const matching = list.subscriptions.filter(
      (s) => s.merchantGlobalOrderId === merchantGlobalOrderId
    )
    matching.sort((a, b) =>
      (b.registrationTimestamp ?? "").localeCompare(a.registrationTimestamp ?? "")
    )
    return matching[0]
  }

  /** `GET /subscriptions/{id}`: the file with its status, sub-status, amount, buyer and basket. */
  async getSubscription(creditSubscriptionId: string): Promise<Subscription> {
    const path = `${E_FINANCING_PATH}/subscriptions/${encodeURIComponent(creditSubscriptionId)}`
    const res = await this.executeWithRetry_({
      method: "GET",
      path,
      auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
      idempotent: true,
      expectBody: true,
    })
    return this.parse_(SubscriptionSchema, res, "GET", path)
  }

  /**
   * `POST /subscriptions/{id}/_confirmDelivery`: the goods were delivered (long credit is funded only
   * after it; a no-op answered 204 for split payment). A second confirmation is a 409
   * (`error.isConflict`).
   */
  async confirmDelivery(
    creditSubscriptionId: string,
    params: ConfirmDeliveryParams
  ): Promise<void> {
    const path = `${E_FINANCING_PATH}/subscriptions/${encodeURIComponent(creditSubscriptionId)}/_confirmDelivery`
    const body = this.check_(ConfirmDeliveryRequestSchema, params, "POST", path)
    await this.executeWithRetry_({
      method: "POST",
      path,
      body,
      auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
      idempotent: false,
      expectBody: false,
    })
  }

  /** `POST /subscriptions/{id}/_confirmReturn`: long credit, the goods came back (before a cancel). */
  async confirmReturn(creditSubscriptionId: string, params: ConfirmReturnParams): Promise<void> {
    const path = `${E_FINANCING_PATH}/subscriptions/${encodeURIComponent(creditSubscriptionId)}/_confirmReturn`
    const body = this.check_(ConfirmReturnRequestSchema, params, "POST", path)
    await this.executeWithRetry_({
      method: "POST",
      path,
      body,
      auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
      idempotent: false,
      expectBody: false,
    })
  }

  /**
   * `POST /subscriptions/{id}/_cancel`: full (no `cancelledAmount`) or partial cancel. French
   * lenders answer at once (`status: "ACCEPTED"`, new `financedAmount`); Hanseatic (DE) answers a
   * request (`REQUEST_CANCELLATION` / `REQUEST_PART_CANCELLATION`) decided later.
   */
  async cancelSubscription(
    creditSubscriptionId: string,
    params: CancelSubscriptionParams = {}
  ): Promise<CancelSubscriptionResponse> {
    const path = `${E_FINANCING_PATH}/subscriptions/${encodeURIComponent(creditSubscriptionId)}/_cancel`
    const body = this.check_(CancelSubscriptionRequestSchema, params, "POST", path)
    const res = await this.executeWithRetry_({
      method: "POST",
      path,
      body,
      auth: { type: "bearer", scopes: [SCOPES.eFinancing] },
      idempotent: false,
      expectBody: true,
    })
    return this.parse_(CancelSubscriptionResponseSchema, res, "POST", path)
  }

  // ---- merchant-webhooks -------------------------------------------------------------------

  /** `GET /events` (scope `common-services:rw`): the webhook event log, newest first by default. */
  async listEvents(params: ListEventsParams = {}): Promise<WebhookEventsPage> {
    const path = `${MERCHANT_WEBHOOKS_PATH}/events`
    const res = await this.executeWithRetry_({
      method: "GET",
      path,
      query: { ...params },
      auth: { type: "bearer", scopes: [SCOPES.webhooks] },
      idempotent: true,
      expectBody: true,
    })
    return this.parse_(WebhookEventsPageSchema, res, "GET", path)
  }

  /** `POST /events/tests/_trigger`: sends a HELLO_WORLD event to the configured webhook. */
  async triggerHelloWorldEvent(): Promise<{ eventId: string }> {
    const path = `${MERCHANT_WEBHOOKS_PATH}/events/tests/_trigger`
    const res = await this.executeWithRetry_({
      method: "POST",
      path,
      auth: { type: "bearer", scopes: [SCOPES.webhooks] },
      idempotent: false,
      expectBody: true,
    })
    return this.parse_(TriggerHelloWorldResponseSchema, res, "POST", path)
  }

  // ---- HTTP machinery ----------------------------------------------------------------------

  private credential_(scopes: readonly string[]): TokenCredential {
    return {
      apiRoot: this.apiRoot_,
      clientId: this.options_.clientId,
      clientSecret: this.options_.clientSecret,
      scopes,
    }
  }

  private token_(scopes: readonly string[], forceRefresh = false): Promise<CachedToken> {
    return this.tokenCache_.getToken(
      this.credential_(scopes),
      async (credential) => {
        const res = await this.executeWithRetry_({
          method: "POST",
          path: TOKEN_PATH,
          body: new URLSearchParams({
            grant_type: "client_credentials",
            scope: credential.scopes.join(" "),
          }).toString(),
          auth: { type: "basic" },
          idempotent: true,
          expectBody: true,
        })
        const token = this.parse_(TokenResponseSchema, res, "POST", TOKEN_PATH)
        return { accessToken: token.access_token, expiresInSeconds: token.expires_in }
      },
      { forceRefresh, marginSeconds: this.options_.tokenRefreshMarginSeconds }
    )
  }

  /** Validates a request against the contract, or throws a `client_validation` error. */
  private check_<S extends z.ZodType>(
    schema: S,
    input: unknown,
    method: HttpMethod,
    path: string
  ): z.output<S> {
    if (!this.validate_) {
      return input as z.output<S>
    }
    const result = schema.safeParse(input)
    if (result.success) {
      return result.data
    }
    const issues = describeIssues(result.error, input)
    const first = issues[0]
    throw new ScalexpertError({
      kind: "client_validation",
      message: `Invalid Scalexpert request: ${issues
        .map((i) => `$.${i.field}: ${i.reason}`)
        .join(", ")}`,
      errorCode: "CLIENT_VALIDATION_ERROR",
      field: first?.field,
      reason: first?.reason,
      details: issues,
      method,
      path,
    })
  }

  /** Parses a 2xx body with a response schema; unknown `consolidatedStatus` → typed error. */
  private parse_<S extends z.ZodType>(
    schema: S,
    res: JsonResponse,
    method: HttpMethod,
    path: string
  ): z.output<S> {
    const result = schema.safeParse(res.json ?? {})
    if (result.success) {
      return result.data
    }
    const statusIssue = result.error.issues.find(
      (i) =>
        i.path[i.path.length - 1] === "consolidatedStatus" &&
        i.code === "invalid_value" &&
        typeof issueValue(res.json, i.path) === "string"
    )
    if (statusIssue) {
      const received = issueValue(res.json, statusIssue.path)
      const parentPath = statusIssue.path.slice(0, -1)
      const parent = issueValue(res.json, parentPath) as Record<string, unknown> | undefined
      const id = parent?.creditSubscriptionId
      throw new ScalexpertUnknownStatusError({
        receivedStatus: String(received),
        subscriptionId: typeof id === "string" ? id : undefined,
        method,
        path,
        status: res.status,
        requestId: res.requestId,
      })
    }
    const issues = describeIssues(result.error, res.json)
    throw new ScalexpertError({
      kind: "invalid_response",
      message: `Scalexpert answered ${method} ${path} with a body that breaks the contract: ${issues
        .slice(0, 3)
        .map((i) => `$.${i.field}: ${i.reason}`)
        .join(", ")}`,
      status: res.status,
      errorCode: "INVALID_RESPONSE",
      requestId: res.requestId,
      field: issues[0]?.field,
      reason: issues[0]?.reason,
      method,
      path,
    })
  }

  /** Exponential backoff with jitter: a random delay in [d/2, d], d = min(max, base·2^(n-1)). */
  private backoffDelay_(attempt: number): number {
    const exp = Math.min(
      this.retry_.maxDelayMs,
      this.retry_.baseDelayMs * 2 ** Math.max(0, attempt - 1)
    )
    return Math.round(exp / 2 + Math.random() * (exp / 2))
  }

  private debug_(message: string, meta: object): void {
    this.logger_?.debug(message, meta)
  }

  private warn_(message: string, meta: object): void {
    if (this.logger_?.warn) {
      this.logger_.warn(message, meta)
    } else {
      this.logger_?.debug(message, meta)
    }
  }

  /** One HTTP exchange: takes a rate-limit slot, sends, logs. Network failures become errors. */
  private async sendOnce_(spec: RequestSpec, bearer?: string): Promise<RawResponse> {
    await this.limiter_.acquire()
    const headers: Record<string, string> = { Accept: "application/json" }
    let data: string | undefined
    if (spec.auth.type === "basic") {
      headers.Authorization = `Basic ${Buffer.from(
        `${this.options_.clientId}:${this.options_.clientSecret}`,
        "utf8"
      ).toString("base64")}`
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      data = spec.body as string
    } else {
      headers.Authorization = `Bearer ${bearer ?? ""}`
      if (spec.body !== undefined || spec.method === "POST") {
        headers["Content-Type"] = "application/json"
        data = spec.body === undefined ? undefined : JSON.stringify(spec.body)
      }
    }
    const query = spec.query
      ? Object.fromEntries(
          Object.entries(spec.query).filter(([, v]) => v !== undefined && v !== "")
        )
      : undefined
    const started = Date.now()
    try {
      const res = await this.http_.request<string>({
        method: spec.method,
        url: spec.path,
        params: query,
        headers,
        data,
      })
      const durationMs = Date.now() - started
      const normalised = normaliseHeaders(res.headers)
      const text =
        typeof res.data === "string" ? res.data : res.data == null ? "" : String(res.data)
      const requestId = firstHeader(normalised, ["x-request-id", "x-correlation-id", "request-id"])
      const traceId = firstHeader(normalised, ["x-trace-id", "x-b3-traceid", "traceparent"])
      this.debug_("scalexpert http", {
        method: spec.method,
        path: spec.path,
        status: res.status,
        durationMs,
        requestId,
      })
      return { status: res.status, text, headers: normalised, requestId, traceId }
    } catch (error) {
      const durationMs = Date.now() - started
      const code = axios.isAxiosError(error) ? error.code : undefined
      const timeout = code === "ECONNABORTED" || code === "ETIMEDOUT"
      this.debug_("scalexpert http", {
        method: spec.method,
        path: spec.path,
        status: undefined,
        durationMs,
        error: code ?? "UNKNOWN",
      })
      // The axios error is not attached: its config holds the Authorization header and the body.
      throw new ScalexpertError({
        kind: timeout ? "timeout" : "network",
        message: timeout
          ? `Scalexpert did not answer ${spec.method} ${spec.path} within ${this.options_.timeoutMs ?? 30_000} ms`
          : `Could not reach Scalexpert for ${spec.method} ${spec.path}: ${code ?? (error as Error)?.message ?? "network error"}`,
        errorCode: code,
        method: spec.method,
        path: spec.path,
      })
    }
  }

  /**
   * Sends a request with the retry policy: network errors / timeouts / 5xx retried for idempotent
   * requests only (a refused connection, where nothing was received, for any request); 429 waits
   * for `Retry-After`; a 401 on a bearer call refreshes the token once and retries once. Returns the
   * 2xx answer with its parsed JSON, or throws a `ScalexpertError` built by `buildError`.
   */
  private async executeWithRetry_(spec: RequestSpec): Promise<JsonResponse> {
    const maxAttempts = this.retry_.maxAttempts
    let attempt = 0
    let refreshedAfter401 = false
    for (;;) {
      attempt++
      let bearer: string | undefined
      if (spec.auth.type === "bearer") {
        bearer = (await this.token_(spec.auth.scopes)).accessToken
      }
      let raw: RawResponse
      try {
        raw = await this.sendOnce_(spec, bearer)
      } catch (error) {
        const e = error as ScalexpertError
        const safe = spec.idempotent || e.errorCode === "ECONNREFUSED"
        if (safe && attempt < maxAttempts) {
          const waitMs = this.backoffDelay_(attempt)
          this.warn_("scalexpert retry", {
            method: spec.method,
            path: spec.path,
            attempt,
            reason: e.kind,
            waitMs,
          })
          await sleep(waitMs)
          continue
        }
        throw error
      }

      if (raw.status === 401 && spec.auth.type === "bearer" && !refreshedAfter401) {
        refreshedAfter401 = true
        this.tokenCache_.invalidate(this.credential_(spec.auth.scopes), bearer)
        this.warn_("scalexpert token refused, refreshing once", {
          method: spec.method,
          path: spec.path,
        })
        attempt--
        continue
      }

      if (raw.status >= 200 && raw.status < 300) {
        if (!spec.expectBody || raw.status === 204) {
          return { status: raw.status, json: undefined, requestId: raw.requestId }
        }
        const parsed = tryParseJson(raw.text)
        if (parsed.ok) {
          return { status: raw.status, json: parsed.value, requestId: raw.requestId }
        }
        const invalid = new ScalexpertError({
          kind: "invalid_response",
          message: `Scalexpert answered ${spec.method} ${spec.path} with a body that is not JSON`,
          status: raw.status,
          errorCode: "INVALID_RESPONSE",
          requestId: raw.requestId,
          traceId: raw.traceId,
          method: spec.method,
          path: spec.path,
        })
        if (spec.idempotent && attempt < maxAttempts) {
          const waitMs = this.backoffDelay_(attempt)
          this.warn_("scalexpert retry", {
            method: spec.method,
            path: spec.path,
            attempt,
            reason: "invalid_response",
            waitMs,
          })
          await sleep(waitMs)
          continue
        }
        throw invalid
      }

      const error = this.buildError(spec.method, spec.path, raw)
      if (raw.status === 429 && attempt < maxAttempts) {
        const waitMs =
          error.retryAfterSeconds !== undefined
            ? Math.ceil(error.retryAfterSeconds * 1000)
            : this.backoffDelay_(attempt)
        if (waitMs <= this.retry_.maxRetryAfterMs) {
          this.warn_("scalexpert rate limited, waiting", {
            method: spec.method,
            path: spec.path,
            attempt,
            waitMs,
          })
          await sleep(waitMs)
          continue
        }
      }
      if (raw.status >= 500 && spec.idempotent && attempt < maxAttempts) {
        const waitMs = this.backoffDelay_(attempt)
        this.warn_("scalexpert retry", {
          method: spec.method,
          path: spec.path,
          attempt,
          status: raw.status,
          waitMs,
        })
        await sleep(waitMs)
        continue
      }
      throw error
    }
  }

  /**
   * Builds the `ScalexpertError` of a non-2xx answer: business errors (`errorCode`, `errorMessage`,
   * `errors[]`), gateway 422 (`[Code: 1028 | Message: $.field: reason]` parsed into field and
   * reason), OAuth2 errors (`error`, `error_description`) and bodies that are none of these.
   */
  buildError(
    method: string,
    path: string,
    raw: {
      status: number
      text: string
      headers: Record<string, string>
      requestId?: string
      traceId?: string
    }
  ): ScalexpertError {
    const parsed = tryParseJson(raw.text)
    const body =
      parsed.ok && parsed.value && typeof parsed.value === "object"
        ? (parsed.value as Record<string, unknown>)
        : undefined
    const retryAfterSeconds = parseRetryAfter(raw.headers["retry-after"])
    const common = {
      kind: "http" as const,
      status: raw.status,
      method,
      path,
      retryAfterSeconds,
      requestId: raw.requestId,
      traceId: raw.traceId,
    }

    const gateway = GatewayErrorResponseSchema.safeParse(body)
    if (gateway.success) {
      const g = parseGatewayMessage(gateway.data.message)
      if (g) {
        const first = g.issues[0]
        return new ScalexpertError({
          ...common,
          message: `Scalexpert refused ${method} ${path} (${raw.status}): ${g.message}`,
          errorCode: g.code,
          field: first?.field,
          reason: first?.reason,
          details: g.issues,
          requestId: gateway.data.requestId ?? raw.requestId,
          traceId: gateway.data.traceId ?? raw.traceId,
        })
      }
    }

    const baas = BaasErrorResponseSchema.safeParse(body)
    if (baas.success && (baas.data.errorCode || baas.data.errorMessage || baas.data.errors)) {
      const details = (baas.data.errors ?? []).map((e) => ({ code: e.code, message: e.message }))
      const firstMessage = details.find((d) => d.message)?.message
      const fieldMatch = firstMessage
        ? /^\$?\.?([\w[\].]+) (?:is invalid|must|should)/.exec(firstMessage)
        : null
      return new ScalexpertError({
        ...common,
        message: `Scalexpert refused ${method} ${path} (${raw.status}${baas.data.errorCode ? ` ${baas.data.errorCode}` : ""}): ${
          baas.data.errorMessage ?? firstMessage ?? baas.data.httpStatusMessage ?? "error"
        }`,
        errorCode: baas.data.errorCode ?? details[0]?.code,
        details,
        field: fieldMatch?.[1],
        reason: fieldMatch ? firstMessage : undefined,
        requestId:
          (typeof body?.requestId === "string" ? body.requestId : undefined) ?? raw.requestId,
      })
    }

    if (body && typeof body.error === "string") {
      return new ScalexpertError({
        ...common,
        message: `Scalexpert refused ${method} ${path} (${raw.status}): ${body.error}${
          typeof body.error_description === "string" ? ` (${body.error_description})` : ""
        }`,
        errorCode: body.error,
      })
    }

    const fallback: Record<number, string> = {
      401: "unauthorized (missing, invalid or expired token, or wrong client credentials)",
      403: "forbidden (scope missing or insufficient permissions)",
      404: "not found",
      429: "too many requests",
    }
    return new ScalexpertError({
      ...common,
      message: `Scalexpert answered ${method} ${path} with HTTP ${raw.status}${
        fallback[raw.status]
          ? `: ${fallback[raw.status]}`
          : raw.status >= 500
            ? ": server error"
            : ""
      }`,
    })
  }
}
