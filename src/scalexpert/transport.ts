/**
 * The HTTP transport of the Scalexpert client: OAuth2 token, request budget, retries, errors and
 * logging. The endpoint methods (`e-financing.ts`, `client.ts`) describe requests; this sends them.
 *
 * - Options and their defaults: `transport-settings.ts`.
 * - Every request (token requests and retries included) first waits for the request budget in
 *   its lane, and only then reads the token (`slot-exchange.ts`).
 * - A 401 on an API call refreshes the token once and retries once (`request-execution.ts`).
 * - GETs (and the token request) are retried on network errors, timeouts, 5xx and unreadable
 *   bodies with bounded exponential backoff and jitter. A 429 is not an attempt: it waits for
 *   `Retry-After` (or a backoff), bounded by time (`retry-policy.ts`).
 * - Every HTTP call is logged at debug level (method, path, status, duration, requestId), never a
 *   body, a token or a secret.
 */
import type { AxiosInstance } from "axios"
import type { z } from "zod"

import {
  TOKEN_PATH,
  type CallOptions,
  type RetryOptions,
  type ScalexpertClientOptions,
  type ScalexpertEnvironment,
  type ScalexpertLogger,
} from "./client-options"
import { buildAnswerError } from "./answer-errors"
import { ScalexpertError } from "./errors"
import { checkRequest, parseAnswer, type JsonAnswer, type RawAnswer } from "./http-answers"
import {
  createHttp,
  sendHttp,
  tokenRequest,
  type HttpMethod,
  type RequestSpec,
} from "./http-exchange"
import type { RequestBudget, RequestLane } from "./request-budget"
import { executeRequest, type ExecutionContext } from "./request-execution"
import type { Exchange } from "./retry-policy"
import { SCOPES, TokenResponseSchema } from "./schemas"
import type { CachedToken, FetchedToken, TokenCache, TokenCredential } from "./token-cache"
import { transportSettings, type TransportSettings } from "./transport-settings"

export type { HttpMethod, RequestSpec } from "./http-exchange"
export { sleep } from "./request-execution"

export class ScalexpertTransport {
  protected readonly options_: ScalexpertClientOptions
  protected readonly apiRoot_: string
  protected readonly retry_: RetryOptions
  protected readonly budget_: RequestBudget
  protected readonly tokenCache_: TokenCache
  protected readonly defaultLane_: RequestLane
  private readonly settings_: TransportSettings
  private readonly http_: AxiosInstance
  private readonly logger_?: ScalexpertLogger
  private readonly execution_: ExecutionContext

  constructor(options: ScalexpertClientOptions) {
    const settings = transportSettings(options)
    this.options_ = options
    this.settings_ = settings
    this.apiRoot_ = settings.apiRoot
    this.retry_ = settings.retry
    this.budget_ = settings.budget
    this.tokenCache_ = settings.tokenCache
    this.defaultLane_ = settings.defaultLane
    this.logger_ = options.logger
    this.http_ = createHttp(settings.apiRoot, settings.timeoutMs)
    this.execution_ = {
      budget: settings.budget,
      tokenCache: settings.tokenCache,
      tokenRefreshMarginSeconds: options.tokenRefreshMarginSeconds,
      retry: settings.retry,
      credential: (scopes) => this.credential_(scopes),
      fetchToken: (credential, lane, slotHeld) => this.fetchToken_(credential, lane, slotHeld),
      send: (spec, bearer) => this.send_(spec, bearer),
      warn: (message, meta) => this.warn_(message, meta),
    }
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

  /**
   * Sends a request of any Scalexpert API through this transport (same token cache, budget,
   * retries and errors as the endpoint methods); the insurance client rides on it.
   */
  send(spec: RequestSpec & CallOptions): Promise<JsonAnswer> {
    const { lane, ...request } = spec
    return this.execute_(request, lane ?? this.defaultLane_)
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

  /** Validates a request against the contract (unless disabled), or throws. */
  protected check_<S extends z.ZodType>(
    schema: S,
    input: unknown,
    method: HttpMethod,
    path: string
  ): z.output<S> {
    if (!this.settings_.validate) return input as z.output<S>
    return checkRequest(schema, input, method, path)
  }

  /**
   * Sends a request with the retry policy (see the file comment). Returns the 2xx answer with its
   * parsed JSON, or throws a `ScalexpertError`.
   */
  protected execute_(spec: RequestSpec, lane: RequestLane, slotHeld = false): Promise<JsonAnswer> {
    return executeRequest(this.execution_, spec, lane, slotHeld)
  }

  protected warn_(message: string, meta: object): void {
    if (this.logger_?.warn) {
      this.logger_.warn(message, meta)
    } else {
      this.logger_?.debug(message, meta)
    }
  }

  /** The token request; `slotHeld`: the caller already holds a budget slot for its first send. */
  private async fetchToken_(
    credential: TokenCredential,
    lane: RequestLane,
    slotHeld: boolean
  ): Promise<FetchedToken> {
    const res = await this.execute_(tokenRequest(credential.scopes), lane, slotHeld)
    const token = parseAnswer(TokenResponseSchema, res, "POST", TOKEN_PATH)
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in }
  }

  /** One HTTP send; a network failure comes back in the exchange, never thrown. */
  private async send_(spec: RequestSpec, bearer: string | undefined): Promise<Exchange> {
    try {
      const raw = await sendHttp(this.http_, spec, {
        bearer,
        clientId: this.options_.clientId,
        clientSecret: this.options_.clientSecret,
        timeoutMs: this.settings_.timeoutMs,
        log: (meta) => this.logger_?.debug("scalexpert http", meta),
      })
      return { raw, bearer }
    } catch (error) {
      return { failure: error as ScalexpertError, bearer }
    }
  }
}
