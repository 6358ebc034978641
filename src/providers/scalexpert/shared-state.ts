/**
 * State the plugin shares between Medusa instances (servers and worker on one credential), kept
 * in Medusa's own modules: values in the caching module (`Modules.CACHING`, the Redis provider
 * `@medusajs/medusa/caching-redis` in production) and mutual exclusion in the locking module
 * (`Modules.LOCKING`, the `locking-redis` provider). Without a caching module everything stays in
 * the process's memory, as with a single instance.
 *
 * Shared through it (keys are those of the caching and locking modules, before their prefix):
 * - the access token: `scalexpert:token:<digest>` (sealed with the client secret), lock
 *   `scalexpert:token:<digest>:lock`;
 * - the request budget: `scalexpert:budget:<apiRoot>|<clientId>:log` (send times), lock
 *   `scalexpert:budget:<apiRoot>|<clientId>:lock`;
 * - the storefront cache: `scalexpert:storefront:<country>:<cents>[:<codes>]`, lock `...:lock`.
 *
 * The modules are resolved lazily, at the first call after boot, from the containers offered
 * (the application's container through `getScalexpert`, the payment provider's own container).
 */
import { Modules } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { getSharedRateLimiter, type RateLimit } from "../../scalexpert/rate-limiter"
import type { RequestBudget, RequestLane } from "../../scalexpert/request-budget"
import { SharedRequestBudget, sharedBudgetKey } from "../../scalexpert/shared-budget"
import {
  MemoryLock,
  produceOnce,
  type SharedLock,
  type SharedState,
  type SharedStore,
} from "../../scalexpert/shared-store"
import { sharedTokenCache, type TokenCache } from "../../scalexpert/token-cache"

/** What the plugin uses of Medusa's caching module (`ICachingModuleService` fits). */
export type CachingLike = {
  get(args: { key: string }): Promise<unknown>
  set(args: {
    key: string
    data: object
    ttl?: number
    tags?: string[]
    options?: { autoInvalidate?: boolean }
  }): Promise<unknown>
  clear(args: { key: string }): Promise<unknown>
}

/** What the plugin uses of Medusa's locking module (`ILockingModule` fits). */
export type LockingLike = {
  execute<T>(
    keys: string | string[],
    job: () => Promise<T>,
    args?: { timeout?: number }
  ): Promise<T>
}

/**
 * How long a caller waits for a shared lock (seconds), then goes on without it (Medusa's Redis
 * locking keeps a timer of this length per lock taken, so it stays short).
 */
const LOCK_WAIT_SECONDS = 5

/** Medusa's caching module as a `SharedStore` (values wrapped: the module stores objects). */
export function cachingStore(caching: CachingLike): SharedStore {
  return {
    async get<T>(key: string) {
      const entry = (await caching.get({ key })) as { value?: T } | null | undefined
      return entry?.value ?? undefined
    },
    async set<T>(key: string, value: T, ttlMs: number) {
      await caching.set({
        key,
        data: { value },
        ttl: Math.max(1, Math.ceil(ttlMs / 1000)),
        tags: [],
        options: { autoInvalidate: false },
      })
    },
    async delete(key: string) {
      await caching.clear({ key })
    },
  }
}

/** Medusa's locking module as a `SharedLock`. */
export function lockingLock(locking: LockingLike): SharedLock {
  return { run: (key, job) => locking.execute(key, job, { timeout: LOCK_WAIT_SECONDS }) }
}

type ModuleSource = object

const sources: ModuleSource[] = []
const found: { caching?: CachingLike; locking?: LockingLike } = {}
let current: SharedState | undefined
/** When the modules were last looked for in vain (looked for again after a while). */
let missedAt = -Infinity
const RECHECK_MS = 10_000
let logger: Logger | undefined
const processLock = new MemoryLock()

function lookup<T>(key: string): T | undefined {
  for (const source of sources) {
    try {
      const container = source as { resolve?: (k: string, o: object) => unknown }
      const value =
        "resolve" in source && typeof container.resolve === "function"
          ? container.resolve(key, { allowUnregistered: true })
          : (source as Record<string, unknown>)[key]
      if (value) return value as T
    } catch {
      // Not registered in this container.
    }
  }
  return undefined
}

/**
 * Offers a container (the application's, or a module provider's cradle) where Medusa's caching
 * and locking modules may be resolved. Idempotent.
 */
export function offerSharedModules(source: ModuleSource, log?: Logger): void {
  if (!sources.includes(source)) {
    sources.push(source)
    missedAt = -Infinity
    lockMissedAt = -Infinity
  }
  logger ??= log
}

/** When the locking module was last looked for in vain. */
let lockMissedAt = -Infinity
let warnedNoLock = false
let lockingOf: SharedLock | undefined

/**
 * The locking module, looked for again (at most every few seconds) until found: a provider's
 * own container may not have it, the application's container (offered later) does.
 */
function currentLock(): SharedLock {
  if (!found.locking && Date.now() - lockMissedAt >= RECHECK_MS) {
    found.locking = lookup<LockingLike>(Modules.LOCKING)
    if (!found.locking) lockMissedAt = Date.now()
  }
  if (found.locking) return (lockingOf ??= lockingLock(found.locking))
  const appContainerOffered = sources.some((source) => "resolve" in source)
  if (appContainerOffered && !warnedNoLock) {
    warnedNoLock = true
    logger?.warn(
      "Scalexpert: Medusa's caching module is configured but no locking module was found: the access token and the request budget are shared, but not locked across instances"
    )
  }
  return processLock
}

/** The shared state in use now, or undefined when Medusa has no caching module. */
export function currentSharedState(): SharedState | undefined {
  if (current) return current
  if (Date.now() - missedAt < RECHECK_MS) return undefined
  found.caching ??= lookup<CachingLike>(Modules.CACHING)
  if (!found.caching) {
    missedAt = Date.now()
    return undefined
  }
  current = {
    store: cachingStore(found.caching),
    lock: { run: (key, job) => currentLock().run(key, job) },
  }
  currentLock()
  return current
}

/**
 * The access tokens of this process (the process-wide cache every client uses), shared with the
 * other instances when Medusa's caching module is there.
 */
export const deploymentTokenCache: TokenCache = sharedTokenCache
sharedTokenCache.shareWith(currentSharedState)

const budgets = new Map<string, RequestBudget>()

/**
 * The request budget of a credential for the whole deployment: the shared sliding log when
 * Medusa's caching module is there, else the process's own limiter (also the fallback when the
 * shared state fails).
 */
export function deploymentBudget(
  apiRoot: string,
  clientId: string,
  limit: RateLimit
): RequestBudget {
  const key = sharedBudgetKey(apiRoot, clientId)
  const local = getSharedRateLimiter(`${apiRoot}|${clientId}`, limit)
  let shared: SharedRequestBudget | undefined
  return {
    acquire(lane: RequestLane, signal?: AbortSignal) {
      const state = currentSharedState()
      if (!state) return local.acquire(lane, signal)
      shared ??= cachedBudget(state, key, limit, local)
      return shared.acquire(lane, signal)
    },
  }
}

function cachedBudget(
  state: SharedState,
  key: string,
  limit: RateLimit,
  fallback: RequestBudget
): SharedRequestBudget {
  const id = [key, limit.maxRequests, limit.windowMs, limit.backgroundShare, limit.marginMs].join(
    "|"
  )
  let budget = budgets.get(id) as SharedRequestBudget | undefined
  if (!budget) {
    budget = new SharedRequestBudget(
      state,
      { key, ...limit, onSharedStateError: (error) => warnShared("request budget", error) },
      fallback
    )
    budgets.set(id, budget)
  }
  return budget
}

function warnShared(what: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error)
  logger?.warn(`Scalexpert: shared ${what} unavailable, using this instance's own (${reason})`)
}

/**
 * The storefront's cached answer for `key`, shared by every instance for `ttlMs`: one call to
 * Scalexpert per key and TTL for the whole deployment. Without shared state, just `load()`.
 */
export function sharedStorefrontValue<V>(
  key: string,
  ttlMs: number,
  load: () => Promise<V>
): Promise<V> {
  const state = currentSharedState()
  if (!state) return load()
  const fullKey = `scalexpert:storefront:${key}`
  return produceOnce(state, `${fullKey}:lock`, {
    read: () => state.store.get<V>(fullKey),
    produce: load,
    write: (value) => state.store.set(fullKey, value, ttlMs),
  })
}

/** Forgets the modules found and the shared budgets (tests). */
export function resetSharedState(): void {
  sources.splice(0)
  delete found.caching
  delete found.locking
  current = undefined
  missedAt = -Infinity
  lockMissedAt = -Infinity
  warnedNoLock = false
  lockingOf = undefined
  logger = undefined
  budgets.clear()
  deploymentTokenCache.clear()
}
