/**
 * What the lender sees (#13): the most requests that reach the sandbox in any window of the
 * budget's length, token requests included, never exceeds the budget. Measured on the sandbox's
 * own request log (arrival times), through the real client and its in-memory limiter.
 */
import { MemoryLock, MemorySharedStore, type SharedState } from "../shared-store"
import { TokenCache } from "../token-cache"
import { ELIGIBLE } from "./fixtures"
import { makeClient, sandboxPerTestFile } from "./helpers"

const WINDOW_MS = 1000

const shared = sandboxPerTestFile()

/** Most requests the sandbox received in any window of `windowMs` (all kinds: token and API). */
function maxInWindow(windowMs: number): number {
  const times = shared.sandbox
    .requests()
    .filter((r) => r.kind === "token" || r.kind === "api")
    .map((r) => Date.parse(r.at))
    .sort((a, b) => a - b)
  let best = 0
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

/** A shared store whose first read is slow (a remote store, or a lock another process holds). */
class SlowFirstReadStore extends MemorySharedStore {
  private slow_ = true
  constructor(private readonly delayMs: number) {
    super()
  }
  override async get<T>(key: string): Promise<T | undefined> {
    if (this.slow_) {
      this.slow_ = false
      await new Promise((resolve) => setTimeout(resolve, this.delayMs))
    }
    return super.get<T>(key)
  }
}

describe("the budget as the lender counts it", () => {
  it("a cold burst: never more than the budget in any window, the token request included", async () => {
    // Sends leave a loaded process (and reach the in-process sandbox) up to about a second after
    // their grant: the margin covers that lag, as the default 3 s covers it for 60 s windows.
    const limit = { maxRequests: 8, windowMs: 2 * WINDOW_MS, marginMs: 1500 }
    const client = makeClient(shared.sandbox, { rateLimit: limit })
    await Promise.all(Array.from({ length: 20 }, () => client.getEligibleSolutions(ELIGIBLE)))
    expect(shared.sandbox.requests({ kind: "token" })).toHaveLength(1)
    expect(shared.sandbox.requests({ kind: "api" })).toHaveLength(20)
    expect(maxInWindow(2 * WINDOW_MS)).toBeLessThanOrEqual(8)
  })

  it("a token request sent long after its slot was granted takes a fresh slot", async () => {
    // The first caller's slot is granted, then the shared token cache keeps it waiting 2 s: its
    // token request must not go out on that old slot, which the budget has forgotten by then
    // and granted again to the callers that waited for the token.
    const state: SharedState = { store: new SlowFirstReadStore(2000), lock: new MemoryLock() }
    const client = makeClient(shared.sandbox, {
      rateLimit: { maxRequests: 5, windowMs: WINDOW_MS, marginMs: 800, burst: 5 },
      tokenCache: new TokenCache(() => state),
    })
    await Promise.all(Array.from({ length: 5 }, () => client.getEligibleSolutions(ELIGIBLE)))
    expect(shared.sandbox.requests({ kind: "token" })).toHaveLength(1)
    expect(shared.sandbox.requests({ kind: "api" })).toHaveLength(5)
    expect(maxInWindow(WINDOW_MS)).toBeLessThanOrEqual(5)
  })
})
