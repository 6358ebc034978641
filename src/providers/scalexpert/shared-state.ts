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
 * (the application's container through `getScalexpert`, the payment provider's own container):
 * see `shared-module-lookup.ts`; `shared-modules.ts` adapts them to the plugin's interfaces.
 */
import { getSharedRateLimiter, type RateLimit } from "../../scalexpert/rate-limiter"
import type { RequestBudget, RequestLane } from "../../scalexpert/request-budget"
import { SharedRequestBudget, sharedBudgetKey } from "../../scalexpert/shared-budget"
import { produceOnce, type SharedState } from "../../scalexpert/shared-store"
import { sharedTokenCache, type TokenCache } from "../../scalexpert/token-cache"
import { currentSharedState, forgetSharedModules, sharedStateLogger } from "./shared-module-lookup"

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
  sharedStateLogger()?.warn(
    `Scalexpert: shared ${what} unavailable, using this instance's own (${reason})`
  )
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
  forgetSharedModules()
  budgets.clear()
  deploymentTokenCache.clear()
}
