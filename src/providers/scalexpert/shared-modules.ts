/**
 * Medusa's caching and locking modules as the plugin's `SharedStore` and `SharedLock` (the
 * interfaces of `src/scalexpert/shared-store.ts`), so that the Scalexpert code can share state
 * between instances without knowing Medusa.
 */
import type { SharedLock, SharedStore } from "../../scalexpert/shared-store"

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
