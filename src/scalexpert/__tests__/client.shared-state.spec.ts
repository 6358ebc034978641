/**
 * State shared by several processes (#14), with in-memory fakes of the shared store and lock:
 * each "process" is a client with its own token cache and budget object, as two Medusa instances
 * would have, and only the store and the lock are common. Against the sandbox.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { RequestBudget, RequestLane } from "../request-budget"
import { SharedRequestBudget } from "../shared-budget"
import { MemoryLock, MemorySharedStore, type SharedState } from "../shared-store"
import { TokenCache } from "../token-cache"
import { ELIGIBLE } from "./fixtures"
import { control, makeClient, sandboxPerTestFile } from "./helpers"

let sandbox: SandboxHandle
let state: SharedState & { store: MemorySharedStore }
const shared = sandboxPerTestFile()
beforeEach(() => {
  sandbox = shared.sandbox
  state = { store: new MemorySharedStore(), lock: new MemoryLock() }
})

/** A client as one Medusa instance builds it: own token cache, own budget object. */
function instance(budget?: RequestBudget) {
  return makeClient(sandbox, { tokenCache: new TokenCache(() => state), budget })
}

describe("the access token, shared", () => {
  it("two instances, 100 concurrent calls on a cold cache: one token request", async () => {
    const [a, b] = [instance(), instance()]
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).getEligibleSolutions(ELIGIBLE))
    )
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
  })

  it("is stored sealed: the shared store never holds the token in clear", async () => {
    await instance().getEligibleSolutions(ELIGIBLE)
    const token = sandbox.state.tokens.keys().next().value as string
    expect(state.store.size).toBe(1)
    const [key] = [
      ...(state.store as unknown as { entries_: Map<string, unknown> }).entries_.keys(),
    ]
    expect(key).toMatch(/^scalexpert:token:[0-9a-f]{32}$/)
    const json = JSON.stringify(await state.store.get(key))
    expect(json).not.toContain(token)
    expect(json).not.toContain(sandbox.credentials.clientSecret)
  })

  it("a token refused on one instance is renewed once for all of them", async () => {
    const [a, b] = [instance(), instance()]
    await a.getEligibleSolutions(ELIGIBLE)
    await b.getEligibleSolutions(ELIGIBLE)
    await control(sandbox, "POST", "/tokens/expire", {})
    await a.getEligibleSolutions(ELIGIBLE)
    // b still holds the refused token: its 401 leads it to a's new one, not to a third request.
    await b.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
  })
})

describe("the request budget, shared", () => {
  // The margin covers sends that reach the in-process sandbox late on a loaded machine.
  const limit = { maxRequests: 5, windowMs: 1000, marginMs: 500 }
  const budget = () => new SharedRequestBudget(state, { key: "scalexpert:budget:test", ...limit })

  it("two instances together stay under the limit in every window, queueing, not failing", async () => {
    const [a, b] = [instance(budget()), instance(budget())]
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).getEligibleSolutions(ELIGIBLE))
    )
    expect(results.every((r) => r.status === "fulfilled")).toBe(true)
    const times = sandbox.requests().map((r) => Date.parse(r.at))
    // 1 token request + 12 calls at 5 per second.
    expect(times).toHaveLength(13)
    for (const t of times) {
      expect(times.filter((u) => u >= t && u < t + 950).length).toBeLessThanOrEqual(5)
    }
  })
})

describe("SharedRequestBudget", () => {
  const order: string[] = []
  const grantedAt: Record<string, number> = {}
  const take = (b: SharedRequestBudget, lane: RequestLane, name: string) =>
    b.acquire(lane).then(() => {
      order.push(name)
      grantedAt[name] = Date.now()
    })

  beforeEach(() => order.splice(0))

  it("grants the checkout lane first, and background work only its share", async () => {
    const b = new SharedRequestBudget(state, {
      key: "k",
      maxRequests: 4,
      windowMs: 400,
      marginMs: 0,
    })
    await Promise.all([1, 2, 3, 4].map((i) => take(b, "storefront", `s${i}`)))
    const waiting = [
      take(b, "background", "bg1"),
      take(b, "background", "bg2"),
      take(b, "background", "bg3"),
      take(b, "checkout", "c1"),
    ]
    await Promise.all(waiting)
    // Next window: the checkout first, then two background (half of 4); the third waits.
    expect(order.slice(4)).toEqual(["c1", "bg1", "bg2", "bg3"])
    expect(grantedAt.bg3 - grantedAt.bg1).toBeGreaterThanOrEqual(400)
  })

  it("hands the callers to the instance's own budget when the shared state fails", async () => {
    const broken: SharedState = {
      store: state.store,
      lock: { run: () => Promise.reject(new Error("Redis is down")) },
    }
    const lanes: RequestLane[] = []
    const fallback: RequestBudget = { acquire: async (lane) => void lanes.push(lane) }
    const errors: unknown[] = []
    const b = new SharedRequestBudget(
      broken,
      { key: "k", maxRequests: 4, windowMs: 400, onSharedStateError: (e) => errors.push(e) },
      fallback
    )
    await Promise.all([b.acquire("checkout"), b.acquire("background")])
    expect(lanes.sort()).toEqual(["background", "checkout"])
    expect(errors.length).toBeGreaterThan(0)
  })

  it("an aborted caller leaves the queue without taking a slot", async () => {
    const b = new SharedRequestBudget(state, { key: "k", maxRequests: 1, windowMs: 300 })
    await b.acquire("storefront")
    const controller = new AbortController()
    const aborted = b.acquire("storefront", controller.signal)
    controller.abort(new Error("gone"))
    await expect(aborted).rejects.toThrow("gone")
    await b.acquire("storefront")
    const log = await state.store.get<{ all: number[] }>("k:log")
    expect(log?.all.length).toBe(1)
  })
})
