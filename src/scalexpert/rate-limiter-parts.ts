/** Pieces of the request budget (`rate-limiter.ts`): its clock, its send log and its pacer. */

/** Time source; tests pass a fake one. */
export interface LimiterClock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realClock: LimiterClock = {
  now: () => Date.now(),
  // Not unref'd: a script whose calls wait for the budget must not exit before they are sent.
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

/** One request counted in the window, from `at` (its grant, then its answer once it came). */
export type Stamp = { at: number }

/** The requests counted in the window (a stamp moves later when its request is answered). */
export class SendLog {
  private stamps_: Stamp[] = []

  get size(): number {
    return this.stamps_.length
  }
  /** The earliest stamp (Infinity when empty). */
  get oldest(): number {
    let oldest = Infinity
    for (const stamp of this.stamps_) oldest = Math.min(oldest, stamp.at)
    return oldest
  }
  push(at: number): Stamp {
    const stamp = { at }
    this.stamps_.push(stamp)
    return stamp
  }
  forgetUpTo(limit: number): void {
    if (this.stamps_.some((stamp) => stamp.at <= limit)) {
      this.stamps_ = this.stamps_.filter((stamp) => stamp.at > limit)
    }
  }
}

/** A token bucket: `capacity` sends at once, then one every `intervalMs`. */
export class Pacer {
  private tokens_: number
  private at_: number

  constructor(
    private readonly capacity: number,
    private readonly intervalMs: number,
    now: number
  ) {
    this.tokens_ = capacity
    this.at_ = now
  }

  private refill_(now: number): void {
    this.tokens_ = Math.min(this.capacity, this.tokens_ + (now - this.at_) / this.intervalMs)
    this.at_ = now
  }
  ready(now: number): boolean {
    this.refill_(now)
    return this.tokens_ >= 1 - 1e-9
  }
  take(): void {
    this.tokens_ -= 1
  }
  /** When the next send is allowed. */
  nextAt(now: number): number {
    this.refill_(now)
    return now + Math.max(0, 1 - this.tokens_) * this.intervalMs
  }
}
