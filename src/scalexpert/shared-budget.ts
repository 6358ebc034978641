/**
 * A request budget shared by every process of a deployment (several Medusa servers and a worker
 * on one credential): a sliding log of send times kept in the shared store and changed only under
 * the shared lock, so that all processes together send at most `maxRequests` per
 * `windowMs + marginMs`. Background work holds at most `backgroundShare` of the window.
 *
 * In each process, callers wait in lanes (checkout, then storefront, then background) and one
 * pump grants them in that order, as many per lock as the log has room for. While callers wait, a
 * timer keeps the process alive. If the shared state fails (Redis down), the waiting callers are
 * handed to the process's own budget (`fallback`) instead of failing.
 *
 * Send times are each process's clock: keep the instances' clocks in sync (NTP), the margin
 * covers small differences.
 */
import { REQUEST_LANES, type RequestBudget, type RequestLane } from "./request-budget"
import type { SharedState } from "./shared-store"

export interface SharedBudgetOptions {
  /** Key of the credential in the shared store (see `sharedBudgetKey`). */
  key: string
  maxRequests: number
  windowMs: number
  /** Share of `maxRequests` background work may use in one window (default 0.5). */
  backgroundShare?: number
  /** Added to the window (default 2 % of it, at most 1 s). */
  marginMs?: number
  now?: () => number
  /** Told when the shared state fails and callers go to the fallback (no secret in it). */
  onSharedStateError?: (error: unknown) => void
}

/** The log as stored: send times, oldest first, all lanes and background only. */
type SendLog = { all: number[]; background: number[] }

type Waiter = {
  lane: RequestLane
  signal?: AbortSignal
  resolve: () => void
  reject: (reason: unknown) => void
}

const rank = (lane: RequestLane) => REQUEST_LANES.indexOf(lane)

export class SharedRequestBudget implements RequestBudget {
  readonly maxRequests: number
  readonly backgroundMax: number
  readonly spanMs: number
  private readonly queues_: Record<RequestLane, Waiter[]> = {
    checkout: [],
    storefront: [],
    background: [],
  }
  private readonly now_: () => number
  private pumping_ = false
  private blockedLane_: RequestLane | undefined
  private wake_: (() => void) | undefined

  constructor(
    private readonly state_: SharedState,
    private readonly options_: SharedBudgetOptions,
    private readonly fallback_?: RequestBudget
  ) {
    if (!Number.isInteger(options_.maxRequests) || options_.maxRequests < 1) {
      throw new RangeError(`maxRequests must be a positive integer, got ${options_.maxRequests}`)
    }
    this.maxRequests = options_.maxRequests
    const share = options_.backgroundShare ?? 0.5
    this.backgroundMax = Math.max(1, Math.floor(this.maxRequests * share))
    this.spanMs =
      options_.windowMs + (options_.marginMs ?? Math.min(1000, options_.windowMs * 0.02))
    this.now_ = options_.now ?? Date.now
  }

  acquire(lane: RequestLane = "storefront", signal?: AbortSignal): Promise<void> {
    if (!REQUEST_LANES.includes(lane)) {
      return Promise.reject(new TypeError(`Unknown request lane "${String(lane)}"`))
    }
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { lane, signal, resolve, reject }
      signal?.addEventListener(
        "abort",
        () => {
          const queue = this.queues_[lane]
          const index = queue.indexOf(waiter)
          if (index >= 0) queue.splice(index, 1)
          reject(signal.reason)
        },
        { once: true }
      )
      this.queues_[lane].push(waiter)
      if (this.blockedLane_ && rank(lane) < rank(this.blockedLane_)) this.wake_?.()
      void this.pump_()
    })
  }

  /** Callers of this process waiting for the shared budget. */
  get pending(): number {
    return REQUEST_LANES.reduce((sum, lane) => sum + this.queues_[lane].length, 0)
  }

  private async pump_(): Promise<void> {
    if (this.pumping_) return
    this.pumping_ = true
    try {
      while (this.pending > 0) {
        let waitMs: number
        try {
          waitMs = await this.grantBatch_()
        } catch (error) {
          this.handOver_(error)
          continue
        }
        if (waitMs > 0) await this.pause_(waitMs)
      }
    } finally {
      this.pumping_ = false
      this.blockedLane_ = undefined
    }
  }

  /** One locked turn: grants what the shared log has room for; returns how long to wait next. */
  private async grantBatch_(): Promise<number> {
    const picked: Waiter[] = []
    let wakeAt = 0
    const logKey = `${this.options_.key}:log`
    try {
      await this.state_.lock.run(`${this.options_.key}:lock`, async () => {
        const now = this.now_()
        const stored = await this.state_.store.get<SendLog>(logKey)
        const log = this.forget_(stored, now)
        wakeAt = this.pick_(log, now, picked)
        if (picked.length > 0) {
          await this.state_.store.set(logKey, log, this.spanMs + 1_000)
        }
      })
    } catch (error) {
      // Not granted: back to the front of their lanes, in order.
      for (const waiter of picked.reverse()) this.queues_[waiter.lane].unshift(waiter)
      throw error
    }
    for (const waiter of picked) waiter.resolve()
    return this.pending > 0 ? Math.max(0, wakeAt - this.now_()) : 0
  }

  private forget_(stored: SendLog | undefined, now: number): SendLog {
    const since = now - this.spanMs
    return {
      all: (stored?.all ?? []).filter((t) => t > since),
      background: (stored?.background ?? []).filter((t) => t > since),
    }
  }

  /** Moves the waiters the log has room for into `picked`, stamping them; returns when to retry. */
  private pick_(log: SendLog, now: number, picked: Waiter[]): number {
    this.blockedLane_ = undefined
    for (const lane of REQUEST_LANES) {
      const queue = this.queues_[lane]
      while (queue.length > 0) {
        if (log.all.length >= this.maxRequests) {
          this.blockedLane_ = lane
          return log.all[0] + this.spanMs + 1
        }
        if (lane === "background" && log.background.length >= this.backgroundMax) {
          this.blockedLane_ = lane
          return log.background[0] + this.spanMs + 1
        }
        picked.push(queue.shift() as Waiter)
        log.all.push(now)
        if (lane === "background") log.background.push(now)
      }
    }
    return 0
  }

  /** The shared state failed: this process's waiting callers go to its own budget. */
  private handOver_(error: unknown): void {
    this.options_.onSharedStateError?.(error)
    for (const lane of REQUEST_LANES) {
      for (const waiter of this.queues_[lane].splice(0)) {
        if (!this.fallback_) {
          waiter.reject(error)
          continue
        }
        this.fallback_.acquire(lane, waiter.signal).then(waiter.resolve, waiter.reject)
      }
    }
  }

  /** Waits `ms` (a timer that keeps the process alive), or less when a higher lane arrives. */
  private pause_(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.wake_ = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.wake_ = done
    })
  }
}

/** Key of a credential's budget in the shared store (no secret in it). */
export function sharedBudgetKey(apiRoot: string, clientId: string): string {
  return `scalexpert:budget:${apiRoot.replace(/\/+$/, "")}|${clientId}`
}
