/**
 * The transport's use of the request budget (#13): lanes per call, the token read after the
 * wait, 429 answers that are not attempts but bounded by time, waits that keep the process alive,
 * and the client-side rate limiter. Against the sandbox, with a recording budget where the test
 * needs to hold calls.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertError } from "../errors"
import type { RequestBudget, RequestLane } from "../request-budget"
import { ELIGIBILITY_PATH, ELIGIBLE, configureSandbox, rateLimitEligibility } from "./fixtures"
import { caught, makeClient, sampleSubscriptionRequest, sandboxPerTestFile } from "./helpers"

/** Records the lane of every slot asked for; can hold the next callers until released. */
class GateBudget implements RequestBudget {
  readonly lanes: RequestLane[] = []
  private open_ = true
  private readonly held_: Array<() => void> = []

  acquire(lane: RequestLane): Promise<void> {
    this.lanes.push(lane)
    if (this.open_) return Promise.resolve()
    return new Promise((resolve) => this.held_.push(resolve))
  }
  close() {
    this.open_ = false
  }
  get holding() {
    return this.held_.length
  }
  release() {
    this.open_ = true
    this.held_.splice(0).forEach((resolve) => resolve())
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time")
    await new Promise((resolve) => setImmediate(resolve))
  }
}

let sandbox: SandboxHandle
const shared = sandboxPerTestFile()
beforeEach(() => {
  sandbox = shared.sandbox
})

describe("lanes", () => {
  it("checkout for the file's creation, storefront by default, the lane asked for otherwise", async () => {
    const budget = new GateBudget()
    const client = makeClient(sandbox, { budget })
    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    // The token request of a call waits in the call's lane.
    expect(budget.lanes).toEqual(["checkout", "checkout"])
    await client.getEligibleSolutions(ELIGIBLE)
    await client.getSubscription(id, { lane: "checkout" })
    await client.listEvents({}, { lane: "background" })
    expect(budget.lanes.slice(2)).toEqual(["storefront", "checkout", "background", "background"])
  })

  it("a client-level default lane for a job's client", async () => {
    const budget = new GateBudget()
    const job = makeClient(sandbox, { budget, defaultLane: "background" })
    await job.getEligibleSolutions(ELIGIBLE)
    expect(budget.lanes).toEqual(["background", "background"])
  })
})

describe("the token is read after the budget's wait", () => {
  it("a call that queued past the token's life gets a fresh one, not a 401", async () => {
    await configureSandbox(sandbox, { tokenTtlSeconds: 1 })
    const budget = new GateBudget()
    const client = makeClient(sandbox, { budget, tokenRefreshMarginSeconds: 0 })
    await client.getEligibleSolutions(ELIGIBLE)
    const firstTokenAt = Date.parse(sandbox.requests({ kind: "token" })[0].at)

    budget.close()
    const queued = client.getEligibleSolutions(ELIGIBLE)
    await until(() => budget.holding === 1)
    await until(() => Date.now() > firstTokenAt + 1_100)
    budget.release()
    await queued

    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH }).map((r) => r.status)).toEqual([200, 200])
  })

  it("a token request needed after the wait takes the slot; the call asks for another", async () => {
    const budget = new GateBudget()
    const client = makeClient(sandbox, { budget })
    await client.getEligibleSolutions(ELIGIBLE)
    // One slot for the call, which went to the token request, then one for the call itself.
    expect(budget.lanes).toHaveLength(2)
    expect(sandbox.requests()).toHaveLength(2)
  })
})

describe("429 answers", () => {
  it("are not attempts: more 429s than maxAttempts still end in success", async () => {
    await rateLimitEligibility(sandbox, 0, 5)
    const client = makeClient(sandbox, {
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    })
    await client.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH }).map((r) => r.status)).toEqual([
      429, 429, 429, 429, 429, 200,
    ])
  })

  it("are bounded by time: past maxRateLimitedMs the 429 is thrown", async () => {
    await rateLimitEligibility(sandbox, 0.2, 0)
    const client = makeClient(sandbox, { retry: { maxRateLimitedMs: 500 } })
    const error = await caught<ScalexpertError>(() => client.getEligibleSolutions(ELIGIBLE))
    expect(error.isRateLimited).toBe(true)
    // Waits of 200 ms while they fit in 500 ms: two waits, three answers.
    expect(sandbox.requests({ path: ELIGIBILITY_PATH })).toHaveLength(3)
  })

  it("are waited for with a timer that keeps the process alive", async () => {
    await rateLimitEligibility(sandbox, 1)
    const timers: NodeJS.Timeout[] = []
    const realSetTimeout = global.setTimeout
    const spy = jest.spyOn(global, "setTimeout").mockImplementation(((
      callback: () => void,
      ms?: number
    ) => {
      const timer = realSetTimeout(callback, ms)
      if (ms === 1000) timers.push(timer)
      return timer
    }) as typeof setTimeout)
    try {
      const call = makeClient(sandbox).getEligibleSolutions(ELIGIBLE)
      await until(() => timers.length > 0)
      expect(timers.every((t) => t.hasRef())).toBe(true)
      await call
    } finally {
      spy.mockRestore()
    }
  })

  it("wait for Retry-After before the call goes again", async () => {
    await rateLimitEligibility(sandbox, 1)
    const started = Date.now()
    await makeClient(sandbox).getEligibleSolutions(ELIGIBLE)
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(950)
    const calls = sandbox.requests({ path: ELIGIBILITY_PATH })
    expect(calls.map((r) => r.status)).toEqual([429, 200])
    expect(Date.parse(calls[1].at) - Date.parse(calls[0].at)).toBeGreaterThanOrEqual(950)
  })

  it("with a Retry-After longer than maxRetryAfterMs are thrown at once", async () => {
    await rateLimitEligibility(sandbox, 120)
    const error = await caught<ScalexpertError>(() =>
      makeClient(sandbox).getEligibleSolutions(ELIGIBLE)
    )
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120 })
    expect(error.isRateLimited).toBe(true)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH })).toHaveLength(1)
  })
})

describe("client-side rate limiter", () => {
  it("keeps a credential under the configured limit by queueing, not failing", async () => {
    const limited = makeClient(sandbox, { rateLimit: { maxRequests: 5, windowMs: 1000 } })
    const started = Date.now()
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        limited.getEligibleSolutions({ buyerBillingCountry: "DE", financedAmount: 500 })
      )
    )
    const elapsed = Date.now() - started
    expect(results.every((r) => r.status === "fulfilled")).toBe(true)
    // 13 requests (1 token + 12 calls) at 5 per second: at least two full windows of waiting.
    expect(elapsed).toBeGreaterThanOrEqual(1900)
    const times = sandbox.requests().map((r) => Date.parse(r.at))
    expect(times).toHaveLength(13)
    for (const t of times) {
      // Allow a few ms of network jitter between the client's clock and the sandbox's log.
      expect(times.filter((u) => u >= t && u < t + 950).length).toBeLessThanOrEqual(5)
    }
  })

  it("is shared by clients of the same credential", async () => {
    const a = makeClient(sandbox, { rateLimit: { maxRequests: 3, windowMs: 600 } })
    const b = makeClient(sandbox, { rateLimit: { maxRequests: 3, windowMs: 600 } })
    const started = Date.now()
    await Promise.all([
      a.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 100 }),
      b.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 100 }),
      a.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 100 }),
      b.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 100 }),
    ])
    // 5 requests with 3 per 600 ms: the last two wait for the next window.
    expect(Date.now() - started).toBeGreaterThanOrEqual(550)
  })
})
