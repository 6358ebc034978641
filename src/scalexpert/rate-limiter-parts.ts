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

/** Send times, oldest first (a queue that forgets stamps older than the window). */
export class SendLog {
  private stamps_: number[] = []
  private head_ = 0

  get size(): number {
    return this.stamps_.length - this.head_
  }
  get oldest(): number {
    return this.stamps_[this.head_]
  }
  push(at: number): void {
    this.stamps_.push(at)
  }
  forgetUpTo(limit: number): void {
    while (this.size > 0 && this.oldest <= limit) this.head_++
    if (this.head_ > 1024 && this.head_ * 2 > this.stamps_.length) {
      this.stamps_ = this.stamps_.slice(this.head_)
      this.head_ = 0
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
