/**
 * OAuth2 client-credentials tokens, cached per (API root, client id, secret, scopes).
 *
 * The cache is module-level: several `ScalexpertClient` instances built with the same credential
 * (the payment provider, a scheduled job, the admin route) share one token. Concurrent callers on a
 * cold or expired cache share one in-flight token request. A token is reused until `expires_in`
 * minus a margin (10 % of its life, at most 60 s, overridable).
 *
 * With shared state (several processes, see `shared-store.ts`) the token is also kept in the
 * shared store, sealed with a key derived from the client secret (AES-256-GCM), and fetched under
 * the shared lock, so that the whole deployment holds one token per credential.
 *
 * The secret is part of the key only as a SHA-256 digest, so that a corrected secret never reuses a
 * token obtained with the old one; it is never stored in clear here, never logged.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"

import { produceOnce, type SharedStateSource } from "./shared-store"

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
  /** A token the lender refused (401): never handed out again, here or from the shared store. */
  refused?: string
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

/** Key of a credential's token in the shared store (a digest: no id, no secret in clear). */
export function sharedTokenKey(credential: TokenCredential): string {
  const digest = createHash("sha256").update(tokenCacheKey(credential)).digest("hex").slice(0, 32)
  return `scalexpert:token:${digest}`
}

type SealedToken = Omit<CachedToken, "accessToken"> & { iv: string; tag: string; data: string }

const sealingKey = (secret: string) =>
  createHash("sha256").update(`medusa-payment-scalexpert token|${secret}`).digest()

function seal(token: CachedToken, secret: string): SealedToken {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret), iv)
  const data = Buffer.concat([cipher.update(token.accessToken, "utf8"), cipher.final()])
  const { accessToken: _clear, ...times } = token
  return {
    ...times,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  }
}

function unseal(sealed: SealedToken, secret: string): CachedToken | undefined {
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      sealingKey(secret),
      Buffer.from(sealed.iv, "base64")
    )
    decipher.setAuthTag(Buffer.from(sealed.tag, "base64"))
    const clear = Buffer.concat([
      decipher.update(Buffer.from(sealed.data, "base64")),
      decipher.final(),
    ])
    const { obtainedAt, expiresAt, refreshAt } = sealed
    return { accessToken: clear.toString("utf8"), obtainedAt, expiresAt, refreshAt }
  } catch {
    return undefined
  }
}

export class TokenCache {
  private readonly tokens_ = new Map<string, CachedToken>()
  private readonly inFlight_ = new Map<string, Promise<CachedToken>>()

  /** `shared`: where to find the state shared with other processes (none: this process only). */
  constructor(private shared_?: SharedStateSource) {}

  /** From now on, also keeps tokens in the state `source` gives (the Medusa layer plugs it). */
  shareWith(source: SharedStateSource | undefined): void {
    this.shared_ = source
  }

  /** A valid token for the credential, from the cache or from one shared request. */
  async getToken(
    credential: TokenCredential,
    fetcher: TokenFetcher,
    options: GetTokenOptions = {}
  ): Promise<CachedToken> {
    const key = tokenCacheKey(credential)
    if (!options.forceRefresh) {
      const cached = this.peek(credential, options)
      if (cached) return cached
    }
    const pending = this.inFlight_.get(key)
    if (pending) {
      return pending
    }
    const request = this.obtain_(credential, fetcher, options)
    this.inFlight_.set(key, request)
    try {
      return await request
    } finally {
      this.inFlight_.delete(key)
    }
  }

  /** The token this process holds for the credential, if still good to use (no request). */
  peek(credential: TokenCredential, options: GetTokenOptions = {}): CachedToken | undefined {
    const cached = this.tokens_.get(tokenCacheKey(credential))
    return this.usable_(cached, options) ? cached : undefined
  }

  /**
   * Forgets the cached token of a credential, only if it is still `accessToken` (when given): many
   * calls failing with 401 on the same token cause a single refresh. (The shared copy is skipped
   * by the next `getToken` that names it as `refused`.)
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

  private usable_(token: CachedToken | undefined, options: GetTokenOptions): boolean {
    const now = (options.now ?? Date.now)()
    return !!token && now < token.refreshAt && token.accessToken !== options.refused
  }

  private async obtain_(
    credential: TokenCredential,
    fetcher: TokenFetcher,
    options: GetTokenOptions
  ): Promise<CachedToken> {
    const shared = this.shared_?.()
    const fetch = () => this.fetch_(credential, fetcher, options)
    if (!shared) return fetch()
    const remoteKey = sharedTokenKey(credential)
    return produceOnce(shared, `${remoteKey}:lock`, {
      read: async () => {
        if (options.forceRefresh) return undefined
        const sealed = await shared.store.get<SealedToken>(remoteKey)
        const token = sealed && unseal(sealed, credential.clientSecret)
        if (!token || !this.usable_(token, options)) return undefined
        this.tokens_.set(tokenCacheKey(credential), token)
        return token
      },
      produce: fetch,
      write: (token) =>
        shared.store.set(
          remoteKey,
          seal(token, credential.clientSecret),
          Math.max(1_000, token.expiresAt - Date.now())
        ),
    })
  }

  private async fetch_(
    credential: TokenCredential,
    fetcher: TokenFetcher,
    options: GetTokenOptions
  ): Promise<CachedToken> {
    const now = options.now ?? Date.now
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
    this.tokens_.set(tokenCacheKey(credential), token)
    return token
  }
}

/** The process-wide cache every client uses unless given another one. */
export const sharedTokenCache = new TokenCache()

/** Empties the process-wide cache (tests, credential rotation). */
export function clearTokenCache(): void {
  sharedTokenCache.clear()
}
