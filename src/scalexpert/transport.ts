/**
 * The HTTP transport of the Scalexpert client: OAuth2 token, request budget, retries, errors and
 * logging. The endpoint methods (`e-financing.ts`, `client.ts`) describe requests; this sends them.
 *
 * - Every request (token requests and retries included) first waits for the request budget in
 *   its lane, and only then reads the token: a call that queued past the token's life gets a
 *   fresh one. A token request needed after the wait is sent with the slot just granted.
 * - A 401 on an API call refreshes the token once and retries once.
 * - GETs (and the token request) are retried on network errors, timeouts, 5xx and unreadable
 *   bodies with bounded exponential backoff and jitter. A 429 is not an attempt: it waits for
 *   `Retry-After` (or a backoff), bounded by time (`maxRetryAfterMs`, `maxRateLimitedMs`).
 * - Waiting timers are not unref'd: a script does not exit while a call is pending.
 * - Every HTTP call is logged at debug level (method, path, status, duration, requestId), never a
 *   body, a token or a secret.
 */
import type { AxiosInstance } from "axios"
import type { z } from "zod"

import {
  DEFAULT_RETRY,
  apiRootOf,
  TOKEN_PATH,
  type CallOptions,
  type RetryOptions,
  type ScalexpertClientOptions,
  type ScalexpertEnvironment,
  type ScalexpertLogger,
} from "./client-options"
import { ScalexpertError } from "./errors"
import {
  buildAnswerError,
  checkRequest,
  parseAnswer,
  type JsonAnswer,
  type RawAnswer,
} from "./http-answers"
import {
  createHttp,
  sendHttp,
  tokenRequest,
  type HttpMethod,
  type RequestSpec,
} from "./http-exchange"
import { backoffDelay, decideNext, type Exchange } from "./retry-policy"
import { getSharedRateLimiter, type RateLimit } from "./rate-limiter"
import type { RequestBudget, RequestLane } from "./request-budget"
import { SCOPES, TokenResponseSchema } from "./schemas"
import {
  sharedTokenCache,
  type CachedToken,
  type TokenCache,
  type TokenCredential,
} from "./token-cache"

export type { HttpMethod, RequestSpec } from "./http-exchange"

/**
 * How long a granted budget slot stays good to send with: a request sent later than this after
 * its grant takes a new slot (the budget stamps send times when it grants them).
 */
const SLOT_FRESH_MS = 250

/** A timer that keeps the process alive while a call waits. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export class ScalexpertTransport {
  protected readonly options_: ScalexpertClientOptions
  protected readonly apiRoot_: string
  protected readonly retry_: RetryOptions
  protected readonly budget_: RequestBudget
  protected readonly tokenCache_: TokenCache
  protected readonly defaultLane_: RequestLane
  private readonly http_: AxiosInstance
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
    this.apiRoot_ = apiRootOf(options)
    this.retry_ = { ...DEFAULT_RETRY, ...(options.retry ?? {}) }
    this.retry_.maxAttempts = Math.max(1, Math.floor(this.retry_.maxAttempts))
    this.logger_ = options.logger
    this.validate_ = options.validateRequests ?? true
    this.tokenCache_ = options.tokenCache ?? sharedTokenCache
    this.defaultLane_ = options.defaultLane ?? "storefront"
    const limit: RateLimit = options.rateLimit ?? {
      maxRequests: options.maxRequestsPerMinute ?? 600,
      windowMs: 60_000,
    }
    this.budget_ =
      options.budget ?? getSharedRateLimiter(`${this.apiRoot_}|${options.clientId}`, limit)
    this.http_ = createHttp(this.apiRoot_, options.timeoutMs ?? 30_000)
  }

  /** The API root calls go to (environment root or `baseUrl`). */
  get apiRoot(): string {
    return this.apiRoot_
  }

  get environment(): ScalexpertEnvironment {
    return this.options_.environment
  }

  /**
   * A valid access token for the scopes (default `e-financing:rw`), from the shared cache or from
   * one token request shared by concurrent callers.
   */
  async getAccessToken(
    scopes: readonly string[] = [SCOPES.eFinancing],
    options: CallOptions = {}
  ): Promise<string> {
    return (await this.token_(scopes, this.lane_(options))).accessToken
  }

  /** The `ScalexpertError` of a non-2xx answer (see `buildAnswerError`). */
  buildError(method: string, path: string, raw: RawAnswer): ScalexpertError {
    return buildAnswerError(method, path, raw)
  }

  protected lane_(options?: CallOptions): RequestLane {
    return options?.lane ?? this.defaultLane_
  }

  protected credential_(scopes: readonly string[]): TokenCredential {
    return {
      apiRoot: this.apiRoot_,
      clientId: this.options_.clientId,
      clientSecret: this.options_.clientSecret,
      scopes,
    }
  }

  /** A token for the scopes; `forceRefresh` asks the lender for a new one whatever is cached. */
  protected token_(
    scopes: readonly string[],
    lane: RequestLane,
    forceRefresh = false
  ): Promise<CachedToken> {
    return this.tokenCache_.getToken(
      this.credential_(scopes),
      (credential) => this.fetchToken_(credential, lane, false),
      { forceRefresh, marginSeconds: this.options_.tokenRefreshMarginSeconds }
    )
  }

  /** The token request; `slotHeld`: the caller already holds a budget slot for its first send. */
  private async fetchToken_(credential: TokenCredential, lane: RequestLane, slotHeld: boolean) {
    const res = await this.execute_(tokenRequest(credential.scopes), lane, slotHeld)
    const token = parseAnswer(TokenResponseSchema, res, "POST", TOKEN_PATH)
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in }
  }

  /** Validates a request against the contract (unless disabled), or throws. */
  protected check_<S extends z.ZodType>(
    schema: S,
    input: unknown,
    method: HttpMethod,
    path: string
  ): z.output<S> {
    return this.validate_ ? checkRequest(schema, input, method, path) : (input as z.output<S>)
  }

  /**
   * Sends a request of any Scalexpert API through this transport (same token cache, budget,
   * retries and errors as the endpoint methods); the insurance client rides on it.
   */
  send(spec: RequestSpec & CallOptions): Promise<JsonAnswer> {
    const { lane, ...request } = spec
    return this.execute_(request, lane ?? this.defaultLane_)
  }

  /**
   * Sends a request with the retry policy (see the file comment). Returns the 2xx answer with its
   * parsed JSON, or throws a `ScalexpertError`.
   */
  protected async execute_(
    spec: RequestSpec,
    lane: RequestLane,
    slotHeld = false
  ): Promise<JsonAnswer> {
    const state = { attempt: 0, rateLimitedMs: 0, refused: undefined as string | undefined }
    let held = slotHeld
    for (;;) {
      state.attempt++
      const exchange = await this.exchange_(spec, lane, held, state.refused)
      held = false
      if (
        exchange.raw?.status === 401 &&
        spec.auth.type === "bearer" &&
        state.refused === undefined
      ) {
        state.refused = exchange.bearer ?? ""
        this.tokenCache_.invalidate(this.credential_(spec.auth.scopes), exchange.bearer)
        this.warn_("scalexpert token refused, refreshing once", {
          method: spec.method,
          path: spec.path,
        })
        state.attempt--
        continue
      }
      const decision = decideNext(spec, exchange, state, {
        retry: this.retry_,
        backoffDelay: (attempt) => backoffDelay(this.retry_, attempt),
        warn: (message, meta) => this.warn_(message, meta),
      })
      if ("done" in decision) return decision.done
      if ("error" in decision) throw decision.error
      if (!decision.attempt) state.attempt--
      await sleep(decision.waitMs)
    }
  }

  /**
   * One exchange: a budget slot (unless held), then the token (after the wait), then the send.
   * A token request needed now takes the slot; the call then waits for another one.
   */
  private async exchange_(
    spec: RequestSpec,
    lane: RequestLane,
    slotHeld: boolean,
    refused: string | undefined
  ): Promise<Exchange> {
    for (let held = slotHeld; ; held = false) {
      const slot = held ? undefined : await this.budget_.acquire(lane)
      // The budget counts the request until its answer (see `SlotDone`).
      const answered = () => (typeof slot === "function" ? slot() : undefined)
      const grantedAt = Date.now()
      if (spec.auth.type !== "bearer") return this.sendWith_(spec, undefined, answered)
      const credential = this.credential_(spec.auth.scopes)
      const cached = this.tokenCache_.peek(credential, { refused })
      if (cached) return this.sendWith_(spec, cached.accessToken, answered)
      let tookSlot = false
      let carried = false
      let token: CachedToken
      try {
        token = await this.tokenCache_.getToken(
          credential,
          (c) => {
            tookSlot = true
            // The slot is the token request's only while fresh: a slot stamped long before the
            // send (a shared token lock waited on) would let a later window hold one request more.
            carried = Date.now() - grantedAt <= SLOT_FRESH_MS
            return this.fetchToken_(c, lane, carried)
          },
          { refused, marginSeconds: this.options_.tokenRefreshMarginSeconds }
        )
      } finally {
        // The token request that this slot carried has been answered.
        if (carried) answered()
      }
      if (!tookSlot && Date.now() - grantedAt <= SLOT_FRESH_MS) {
        return this.sendWith_(spec, token.accessToken, answered)
      }
    }
  }

  /** Sends, then tells the budget the slot's request was answered (or failed). */
  private async sendWith_(
    spec: RequestSpec,
    bearer: string | undefined,
    answered: () => void
  ): Promise<Exchange> {
    try {
      return await this.send_(spec, bearer)
    } finally {
      answered()
    }
  }

  private async send_(spec: RequestSpec, bearer: string | undefined): Promise<Exchange> {
    try {
      const raw = await sendHttp(this.http_, spec, {
        bearer,
        clientId: this.options_.clientId,
        clientSecret: this.options_.clientSecret,
        timeoutMs: this.options_.timeoutMs ?? 30_000,
        log: (meta) => this.logger_?.debug("scalexpert http", meta),
      })
      return { raw, bearer }
    } catch (error) {
      return { failure: error as ScalexpertError, bearer }
    }
  }

  protected warn_(message: string, meta: object): void {
    if (this.logger_?.warn) {
      this.logger_.warn(message, meta)
    } else {
      this.logger_?.debug(message, meta)
    }
  }
}
