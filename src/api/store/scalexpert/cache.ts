/**
 * A small in-memory cache of Scalexpert's answers for the storefront routes, so that a busy
 * product page asks Scalexpert once per (country, amount) and time-to-live, not once per visitor.
 *
 * - Entries live `ttlMs` from the moment they are asked for; `ttlMs <= 0` disables the cache.
 * - Concurrent requests for the same key share one call (the pending promise is cached).
 * - Failures are not kept: the next request asks again.
 * - At most `maxEntries` keys; the oldest goes first.
 *
 * Behind it, with Medusa's caching module (Redis), the answers are shared by every instance:
 * one call per key and TTL for the whole deployment (see `providers/scalexpert/shared-state.ts`).
 */
import { sharedStorefrontValue } from "../../../providers/scalexpert/shared-state"

export class TtlCache<V> {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<V> }>()

  constructor(
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now
  ) {}

  get size(): number {
    return this.entries.size
  }

  get(key: string, ttlMs: number, load: () => Promise<V>): Promise<V> {
    if (!(ttlMs > 0)) return load()
    const now = this.now()
    const hit = this.entries.get(key)
    if (hit && hit.expiresAt > now) return hit.value
    if (hit) this.entries.delete(key)
    this.sweep(now)

    // Shared by every Medusa instance when Medusa's caching module is configured.
    const value = sharedStorefrontValue(key, ttlMs, load)
    this.entries.set(key, { expiresAt: now + ttlMs, value })
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key)
    })
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
    return value
  }

  clear(): void {
    this.entries.clear()
  }

  /** Drops expired entries once the cache is full, so that live ones are not evicted first. */
  private sweep(now: number) {
    if (this.entries.size < this.maxEntries) return
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key)
    }
  }
}
