/**
 * The request budget on a fake clock: never more than the budget in any window, a drain close to
 * the floor, lanes in priority order, background held to its share, aborts, live timers.
 */
import { type LimiterClock, SlidingWindowRateLimiter } from "../rate-limiter"
import type { RequestLane } from "../request-budget"

/** A clock whose time moves only when the test runs the next timer. */
class FakeClock implements LimiterClock {
  private time_ = 0
  private timers_ = new Map<number, { at: number; callback: () => void }>()
  private nextId_ = 1

  now(): number {
    return this.time_
  }
  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId_++
    this.timers_.set(id, { at: this.time_ + ms, callback })
    return id
  }
  clearTimeout(handle: unknown): void {
    this.timers_.delete(handle as number)
  }
  get timers(): number {
    return this.timers_.size
  }
  /** Moves to the earliest timer and runs it; false when none is armed. */
  runNext(): boolean {
    const [id, timer] = [...this.timers_.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? []
    if (id === undefined || !timer) return false
    this.timers_.delete(id)
    this.time_ = Math.max(this.time_, timer.at)
    timer.callback()
    return true
  }
  advance(ms: number): void {
    this.time_ += ms
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve))

type Grant = { lane: RequestLane; index: number; at: number }

function setup(max = 600, windowMs = 60_000, backgroundShare?: number) {
  const clock = new FakeClock()
  const limiter = new SlidingWindowRateLimiter(max, windowMs, { clock, backgroundShare })
  const grants: Grant[] = []
  const request = (lane: RequestLane, index = grants.length) =>
    limiter.acquire(lane).then(() => {
      grants.push({ lane, index, at: clock.now() })
    })
  /** Runs timers until every waiter got its slot. */
  const drain = async (promises: Promise<unknown>[]) => {
    await flush()
    while (limiter.pending > 0) {
      expect(clock.runNext()).toBe(true)
      await flush()
    }
    await Promise.all(promises)
  }
  return { clock, limiter, grants, request, drain }
}

/** Most grants in any window of `windowMs` (a window [t, t + windowMs) for each grant t). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

describe("request budget (sliding log of send times)", () => {
  it("2,000 acquires at once: never over 600 in any 60 s window, drained within 1.1× of the floor", async () => {
    const { grants, request, drain } = setup()
    await drain(Array.from({ length: 2000 }, (_, i) => request("storefront", i)))

    const times = grants.map((g) => g.at)
    expect(grants).toHaveLength(2000)
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(600)
    // With the margin, the lender's window also sees at most 600 when its clock is 1 s off.
    expect(maxInWindow(times, 61_000)).toBeLessThanOrEqual(600)
    const floorMs = (2000 / 600) * 60_000
    expect(Math.max(...times)).toBeLessThanOrEqual(1.1 * floorMs)
    // Paced: a burst of a tenth of the budget, then an even pace; never a whole window at once.
    expect(maxInWindow(times, 6_000)).toBeLessThanOrEqual(2 * 60)
  })

  it("serves checkout before storefront before background, first come first served in a lane", async () => {
    const { grants, request, drain } = setup(2, 1000)
    const first = [request("storefront", 1), request("storefront", 2)]
    await flush()
    const waiting = [
      request("background", 10),
      request("storefront", 20),
      request("checkout", 30),
      request("storefront", 21),
      request("checkout", 31),
    ]
    await drain([...first, ...waiting])
    expect(grants.slice(2).map((g) => g.index)).toEqual([30, 31, 20, 21, 10])
  })

  it("keeps background work to its share of the window while shoppers still get through", async () => {
    const { clock, grants, request, drain, limiter } = setup(10, 60_000)
    expect(limiter.backgroundMax).toBe(5)
    const background = Array.from({ length: 20 }, () => request("background"))
    await flush()
    expect(grants).toHaveLength(5)
    clock.advance(1000)
    const shoppers = Array.from({ length: 5 }, () => request("checkout"))
    await flush()
    expect(grants.filter((g) => g.lane === "checkout")).toHaveLength(5)
    await drain([...background, ...shoppers])
    const backgroundTimes = grants.filter((g) => g.lane === "background").map((g) => g.at)
    expect(maxInWindow(backgroundTimes, 60_000)).toBeLessThanOrEqual(5)
  })

  it("counts a request until its answer: one answered late holds its slot from then on", async () => {
    const clock = new FakeClock()
    const limiter = new SlidingWindowRateLimiter(2, 1000, { clock, marginMs: 0, burst: 2 })
    const slots = [await limiter.acquire("storefront"), await limiter.acquire("storefront")]
    // The lender may receive both as late as their answers, 900 ms after the grants.
    clock.advance(900)
    slots.forEach((answered) => answered())
    let grantedAt: number | undefined
    const third = limiter.acquire("storefront").then(() => (grantedAt = clock.now()))
    await flush()
    while (grantedAt === undefined) {
      expect(clock.runNext()).toBe(true)
      await flush()
    }
    await third
    expect(grantedAt).toBeGreaterThanOrEqual(1900)
  })

  it("honours a configured background share", async () => {
    const { grants, request } = setup(10, 60_000, 0.2)
    Array.from({ length: 6 }, () => request("background"))
    await flush()
    expect(grants).toHaveLength(2)
  })

  it("an aborted wait leaves the queue and is not counted; the timer stops when nobody waits", async () => {
    const { clock, limiter, request, grants } = setup(1, 1000)
    await request("checkout")
    const controller = new AbortController()
    const waiting = limiter.acquire("storefront", controller.signal)
    await flush()
    expect(clock.timers).toBe(1)
    controller.abort(new Error("shopper left"))
    await expect(waiting).rejects.toThrow("shopper left")
    expect(limiter.pending).toBe(0)
    expect(clock.timers).toBe(0)
    expect(grants).toHaveLength(1)
    await expect(limiter.acquire("checkout", controller.signal)).rejects.toThrow("shopper left")
  })

  it("keeps the process alive while a call waits (the real timer is not unref'd)", async () => {
    const limiter = new SlidingWindowRateLimiter(1, 50, { marginMs: 0 })
    await limiter.acquire("background")
    const spy = jest.spyOn(global, "setTimeout")
    const waiting = limiter.acquire("background")
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout
    spy.mockRestore()
    expect(timer.hasRef()).toBe(true)
    await waiting
  })

  it("rejects nonsense limits and lanes", async () => {
    expect(() => new SlidingWindowRateLimiter(0, 1000)).toThrow(RangeError)
    expect(() => new SlidingWindowRateLimiter(5, 0)).toThrow(RangeError)
    expect(() => new SlidingWindowRateLimiter(5, 10, { backgroundShare: 0 })).toThrow(RangeError)
    const limiter = new SlidingWindowRateLimiter(5, 10)
    await expect(limiter.acquire("urgent" as RequestLane)).rejects.toThrow(TypeError)
  })
})
