/**
 * Client-side rate limiter: a sliding window per credential that queues callers (FIFO) instead of
 * failing them. Scalexpert allows 600 requests per minute for all its APIs together, so every
 * request of a credential (token requests and retries included) takes a slot.
 *
 * Limiters are shared process-wide per key, so several clients with the same credential respect one
 * budget. Timers are unref'd: a waiting queue never keeps the process alive.
 */

export interface RateLimit {
  maxRequests: number
  windowMs: number
}

export class SlidingWindowRateLimiter {
  private readonly stamps_: number[] = []
  private readonly queue_: Array<() => void> = []
  private timer_: NodeJS.Timeout | undefined

  constructor(
    readonly maxRequests: number,
    readonly windowMs: number,
    private readonly now_: () => number = Date.now
  ) {
    if (!Number.isInteger(maxRequests) || maxRequests < 1) {
      throw new RangeError(`maxRequests must be a positive integer, got ${maxRequests}`)
    }
    if (!(windowMs > 0)) {
      throw new RangeError(`windowMs must be positive, got ${windowMs}`)
    }
  }

  /** Resolves when the caller may send one request. */
  acquire(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.queue_.push(resolve)
      this.drain_()
    })
  }

  /** Callers waiting for a slot. */
  get pending(): number {
    return this.queue_.length
  }

  /** Requests counted in the current window. */
  get inWindow(): number {
    this.prune_(this.now_())
    return this.stamps_.length
  }

  private prune_(now: number): void {
    while (this.stamps_.length > 0 && this.stamps_[0] <= now - this.windowMs) {
      this.stamps_.shift()
    }
  }

  private drain_(): void {
    const now = this.now_()
    this.prune_(now)
    while (this.queue_.length > 0 && this.stamps_.length < this.maxRequests) {
      this.stamps_.push(now)
      const next = this.queue_.shift()
      next?.()
    }
    if (this.queue_.length > 0 && this.timer_ === undefined) {
      const wait = Math.max(1, this.stamps_[0] + this.windowMs - now + 1)
      this.timer_ = setTimeout(() => {
        this.timer_ = undefined
        this.drain_()
      }, wait)
      this.timer_.unref?.()
    }
  }
}

const registry = new Map<string, SlidingWindowRateLimiter>()

/** The process-wide limiter of a key (typically API root + client id) for a given limit. */
export function getSharedRateLimiter(key: string, limit: RateLimit): SlidingWindowRateLimiter {
  const fullKey = `${key}|${limit.maxRequests}/${limit.windowMs}`
  let limiter = registry.get(fullKey)
  if (!limiter) {
    limiter = new SlidingWindowRateLimiter(limit.maxRequests, limit.windowMs)
    registry.set(fullKey, limiter)
  }
  return limiter
}

/** Forgets every shared limiter (tests). */
export function resetRateLimiters(): void {
  registry.clear()
}
