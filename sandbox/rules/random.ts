/** A seeded pseudo-random generator (mulberry32): the same seed replays the same misbehaviour. */
export class SeededRandom {
  private state_: number

  constructor(readonly seed: number) {
    this.state_ = seed >>> 0
  }

  /** In [0, 1). */
  next(): number {
    this.state_ = (this.state_ + 0x6d2b79f5) >>> 0
    let t = this.state_
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p >= 1 || (p > 0 && this.next() < p)
  }

  /** An integer in [0, max]. */
  upTo(max: number): number {
    return Math.floor(this.next() * (max + 1))
  }
}
