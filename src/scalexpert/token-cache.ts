/**
 * OAuth2 client-credentials tokens, cached per (API root, client id, secret, scopes).
 *
 * The cache is module-level: several `ScalexpertClient` instances built with the same credential
 * (the payment provider, a scheduled job, the admin route) share one token. Concurrent callers on a
 * cold or expired cache share one in-flight token request. A token is reused until `expires_in`
 * minus a margin (10 % of its life, at most 60 s, overridable).
 *
 * The secret is part of the key only as a SHA-256 digest, so that a corrected secret never reuses a
 * token obtained with the old one; it is never stored in clear here, never logged.
 */
import { createHash } from "node:crypto"

export interface TokenCredential {
  apiRoot: string
  clientId: string
  clientSecret: string
  scopes: readonly string[]
}

export interface FetchedToken {
  accessToken: string
  expiresInSeconds: number
}

export interface CachedToken {
  accessToken: string
  /** Epoch ms at which Scalexpert says the token expires (measured from the request start). */
  expiresAt: number
  /** Epoch ms after which the cache no longer hands it out. */
  refreshAt: number
  obtainedAt: number
}

export type TokenFetcher = (credential: TokenCredential) => Promise<FetchedToken>

export interface GetTokenOptions {
  /** Ignore the cached token (an in-flight request is still shared). */
  forceRefresh?: boolean
  /** Margin before `expires_in` at which a token is renewed; default min(60 s, 10 % of its life). */
  marginSeconds?: number
  now?: () => number
}

/** Cache key; the secret only as a digest. */
export function tokenCacheKey(credential: TokenCredential): string {
  const secretDigest = createHash("sha256")
    .update(credential.clientSecret)
    .digest("hex")
    .slice(0, 16)
  const scopes = [...new Set(credential.scopes)].sort().join(" ")
  return `${credential.apiRoot.replace(/\/+$/, "")}|${credential.clientId}|${secretDigest}|${scopes}`
}

export class TokenCache {
  private readonly tokens_ = new Map<string, CachedToken>()
  private readonly inFlight_ = new Map<string, Promise<CachedToken>>()

  /** A valid token for the credential, from the cache or from one shared request. */
  async getToken(
    credential: TokenCredential,
    fetcher: TokenFetcher,
    options: GetTokenOptions = {}
  ): Promise<CachedToken> {
    const now = options.now ?? Date.now
    const key = tokenCacheKey(credential)
    if (!options.forceRefresh) {
      const cached = this.tokens_.get(key)
      if (cached && now() < cached.refreshAt) {
        return cached
      }
    }
    const pending = this.inFlight_.get(key)
    if (pending) {
      return pending
    }
    const request = (async () => {
      const startedAt = now()
      const fetched = await fetcher(credential)
      const lifeMs = Math.max(0, fetched.expiresInSeconds * 1000)
      const marginMs =
        options.marginSeconds !== undefined
          ? options.marginSeconds * 1000
          : Math.min(60_000, lifeMs * 0.1)
      const token: CachedToken = {
        accessToken: fetched.accessToken,
        obtainedAt: startedAt,
        expiresAt: startedAt + lifeMs,
        refreshAt: startedAt + Math.max(0, lifeMs - marginMs),
      }
      this.tokens_.set(key, token)
      return token
    })()
    this.inFlight_.set(key, request)
    try {
      return await request
    } finally {
      this.inFlight_.delete(key)
    }
  }

  /**
   * Forgets the cached token of a credential, only if it is still `accessToken` (when given): many
   * calls failing with 401 on the same token cause a single refresh.
   */
  invalidate(credential: TokenCredential, accessToken?: string): void {
    const key = tokenCacheKey(credential)
    const cached = this.tokens_.get(key)
    if (cached && (accessToken === undefined || cached.accessToken === accessToken)) {
      this.tokens_.delete(key)
    }
  }

  clear(): void {
    this.tokens_.clear()
  }

  get size(): number {
    return this.tokens_.size
  }
}

/** The process-wide cache every client uses unless given another one. */
export const sharedTokenCache = new TokenCache()

/** Empties the process-wide cache (tests, credential rotation). */
export function clearTokenCache(): void {
  sharedTokenCache.clear()
}
