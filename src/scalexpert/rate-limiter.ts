/**
 * Client-side request budget: a sliding log of send times per credential. A request is sent only
 * when fewer than `maxRequests` were sent in the last `windowMs + marginMs`, so the lender never
 * counts more than its limit in any window even with some network jitter. A request is counted
 * from its grant and, once the caller says it was answered (`SlotDone`), from its answer: a
 * request the process sent late, or the network delivered late, still counts when it arrives.
 * Scalexpert allows 600 requests per minute for all its APIs together: token requests and
 * retries take a slot too.
 * Sends are also paced (a token bucket of `burst` sends refilled at the budget's rate): a backlog
 * leaves at an even pace instead of a whole window at once, whose requests would reach the lender
 * late and still count in its next window.
 *
 * Callers queue instead of failing, per lane and in priority order: checkout, then storefront,
 * then background; background work never holds more than `backgroundShare` of the window, so a
 * shopper always finds room. While a caller waits, a timer keeps the process alive.
 */
import { Pacer, realClock, SendLog, type LimiterClock } from "./rate-limiter-parts"
import {
  REQUEST_LANES,
  type RequestBudget,
  type RequestLane,
  type SlotDone,
} from "./request-budget"

export type { LimiterClock } from "./rate-limiter-parts"

export interface RateLimit {
  maxRequests: number
  windowMs: number
  /** Share of `maxRequests` background work may use in one window (default 0.5). */
  backgroundShare?: number
  /** Sends allowed at once before pacing starts (default 10 % of `maxRequests`, at least 10). */
  burst?: number
  /**
   * Added to the window (default 5 % of it, between 100 ms and 3 s): covers the lender's clock and
   * the requests' latency (a loaded process may send a granted request a second or two late).
   */
  marginMs?: number
}

type Waiter = { grant: (done: SlotDone) => void; lane: RequestLane }

type LimiterOptions = Omit<RateLimit, "maxRequests" | "windowMs"> & { clock?: LimiterClock }

export class SlidingWindowRateLimiter implements RequestBudget {
  readonly backgroundMax: number
  readonly spanMs: number
  private readonly all_ = new SendLog()
  private readonly background_ = new SendLog()
  private readonly queues_: Record<RequestLane, Waiter[]> = {
    checkout: [],
    storefront: [],
    background: [],
  }
  private readonly clock_: LimiterClock
  private readonly pacer_: Pacer
  private timer_: unknown
  private timerAt_ = Infinity

  constructor(
    readonly maxRequests: number,
    readonly windowMs: number,
    options: LimiterOptions = {}
  ) {
    if (!Number.isInteger(maxRequests) || maxRequests < 1) {
      throw new RangeError(`maxRequests must be a positive integer, got ${maxRequests}`)
    }
    if (!(windowMs > 0)) {
      throw new RangeError(`windowMs must be positive, got ${windowMs}`)
    }
    const share = options.backgroundShare ?? 0.5
    if (!(share > 0 && share <= 1)) {
      throw new RangeError(`backgroundShare must be in (0, 1], got ${share}`)
    }
    const margin = options.marginMs ?? Math.min(3000, Math.max(100, windowMs * 0.05))
    if (!(margin >= 0)) throw new RangeError(`marginMs must not be negative, got ${margin}`)
    this.backgroundMax = Math.max(1, Math.floor(maxRequests * share))
    this.spanMs = windowMs + margin
    this.clock_ = options.clock ?? realClock
    const burst = options.burst ?? Math.min(maxRequests, Math.max(10, Math.ceil(maxRequests / 10)))
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`)
    this.pacer_ = new Pacer(burst, this.spanMs / maxRequests, this.clock_.now())
  }

  /** Resolves when the caller may send one request (default lane: storefront). */
  acquire(lane: RequestLane = "storefront", signal?: AbortSignal): Promise<SlotDone> {
    if (!REQUEST_LANES.includes(lane)) {
      return Promise.reject(new TypeError(`Unknown request lane "${String(lane)}"`))
    }
    if (signal?.aborted) return Promise.reject(abortReason(signal))
    return new Promise<SlotDone>((resolve, reject) => {
      const onAbort = () => {
        const queue = this.queues_[lane]
        const index = queue.indexOf(waiter)
        if (index >= 0) queue.splice(index, 1)
        reject(abortReason(signal as AbortSignal))
        this.drain_()
      }
      const waiter: Waiter = {
        lane,
        grant: (done) => {
          signal?.removeEventListener("abort", onAbort)
          resolve(done)
        },
      }
      signal?.addEventListener("abort", onAbort, { once: true })
      this.queues_[lane].push(waiter)
      this.drain_()
    })
  }

  /** Callers waiting, all lanes together or for one lane. */
  pendingIn(lane?: RequestLane): number {
    if (lane) return this.queues_[lane].length
    return REQUEST_LANES.reduce((sum, l) => sum + this.queues_[l].length, 0)
  }

  get pending(): number {
    return this.pendingIn()
  }

  /** Requests counted in the current window. */
  get inWindow(): number {
    this.forget_(this.clock_.now())
    return this.all_.size
  }

  private forget_(now: number): void {
    this.all_.forgetUpTo(now - this.spanMs)
    this.background_.forgetUpTo(now - this.spanMs)
  }

  /** The lane to serve next, or undefined when nobody may go now. */
  private nextLane_(now: number): RequestLane | undefined {
    if (this.all_.size >= this.maxRequests || !this.pacer_.ready(now)) return undefined
    if (this.queues_.checkout.length) return "checkout"
    if (this.queues_.storefront.length) return "storefront"
    if (this.queues_.background.length && this.background_.size < this.backgroundMax) {
      return "background"
    }
    return undefined
  }

  private drain_(): void {
    const now = this.clock_.now()
    this.forget_(now)
    for (let lane = this.nextLane_(now); lane; lane = this.nextLane_(now)) {
      const waiter = this.queues_[lane].shift() as Waiter
      this.pacer_.take()
      const stamps = [this.all_.push(now)]
      if (lane === "background") stamps.push(this.background_.push(now))
      // Answered: counted from now on (the lender may have received it as late as this).
      waiter.grant(() => {
        const at = this.clock_.now()
        for (const stamp of stamps) stamp.at = Math.max(stamp.at, at)
      })
    }
    this.schedule_(now)
  }

  /** Wakes up when what blocks the next caller may have passed; no timer when nobody waits. */
  private schedule_(now: number): void {
    let wakeAt = Infinity
    if (this.pending > 0) {
      if (this.all_.size >= this.maxRequests) wakeAt = this.all_.oldest + this.spanMs + 1
      else if (!this.pacer_.ready(now)) wakeAt = Math.ceil(this.pacer_.nextAt(now))
      else wakeAt = this.background_.oldest + this.spanMs + 1
    }
    if (wakeAt === this.timerAt_) return
    if (this.timer_ !== undefined) this.clock_.clearTimeout(this.timer_)
    this.timer_ = undefined
    this.timerAt_ = wakeAt
    if (wakeAt === Infinity) return
    this.timer_ = this.clock_.setTimeout(
      () => {
        this.timer_ = undefined
        this.timerAt_ = Infinity
        this.drain_()
      },
      Math.max(1, wakeAt - now)
    )
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The request was aborted", "AbortError")
}

const registry = new Map<string, SlidingWindowRateLimiter>()

/** The process-wide limiter of a key (typically API root + client id) for a given limit. */
export function getSharedRateLimiter(key: string, limit: RateLimit): SlidingWindowRateLimiter {
  const fullKey = [
    key,
    limit.maxRequests,
    limit.windowMs,
    limit.backgroundShare ?? "",
    limit.marginMs ?? "",
    limit.burst ?? "",
  ].join("|")
  let limiter = registry.get(fullKey)
  if (!limiter) {
    limiter = new SlidingWindowRateLimiter(limit.maxRequests, limit.windowMs, {
      backgroundShare: limit.backgroundShare,
      marginMs: limit.marginMs,
      burst: limit.burst,
    })
    registry.set(fullKey, limiter)
  }
  return limiter
}

/** Forgets every shared limiter (tests). */
export function resetRateLimiters(): void {
  registry.clear()
}
