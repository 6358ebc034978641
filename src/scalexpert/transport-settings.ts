/**
 * What a transport is built from: the client options checked, with their defaults filled in
 * (API root, retry policy, request budget, token cache, default lane, timeout).
 */
import {
  DEFAULT_RETRY,
  apiRootOf,
  type RetryOptions,
  type ScalexpertClientOptions,
} from "./client-options"
import { getSharedRateLimiter, type RateLimit } from "./rate-limiter"
import type { RequestBudget, RequestLane } from "./request-budget"
import { sharedTokenCache, type TokenCache } from "./token-cache"

/** Scalexpert's limit for all its APIs together, per credential. */
const DEFAULT_REQUESTS_PER_MINUTE = 600
const DEFAULT_TIMEOUT_MS = 30_000

export interface TransportSettings {
  apiRoot: string
  retry: RetryOptions
  budget: RequestBudget
  tokenCache: TokenCache
  defaultLane: RequestLane
  validate: boolean
  timeoutMs: number
}

/** The settings of a transport, or a `TypeError` for options no transport can work with. */
export function transportSettings(options: ScalexpertClientOptions): TransportSettings {
  if (!options.clientId || !options.clientSecret) {
    throw new TypeError("ScalexpertClient needs a clientId and a clientSecret")
  }
  if (options.environment !== "test" && options.environment !== "production") {
    throw new TypeError(`Unknown Scalexpert environment "${String(options.environment)}"`)
  }
  const apiRoot = apiRootOf(options)
  const retry = { ...DEFAULT_RETRY, ...(options.retry ?? {}) }
  retry.maxAttempts = Math.max(1, Math.floor(retry.maxAttempts))
  const limit: RateLimit = options.rateLimit ?? {
    maxRequests: options.maxRequestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
    windowMs: 60_000,
  }
  return {
    apiRoot,
    retry,
    // One limiter per API root and client id: every client of the credential in the process.
    budget: options.budget ?? getSharedRateLimiter(`${apiRoot}|${options.clientId}`, limit),
    tokenCache: options.tokenCache ?? sharedTokenCache,
    defaultLane: options.defaultLane ?? "storefront",
    validate: options.validateRequests ?? true,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  }
}
