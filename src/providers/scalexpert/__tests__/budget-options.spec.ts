/**
 * The request budget's provider options (#13): `backgroundShare`, `burst` and
 * `rateLimitMarginMs` are checked at boot and reach the client's budget.
 */
import { resetRateLimiters } from "../../../scalexpert/rate-limiter"
import type { RequestBudget } from "../../../scalexpert/request-budget"
import { ScalexpertGateway } from "../gateway"
import { resolveOptions } from "../options"

const credentials = { clientId: "budget-options", clientSecret: "secret" }

beforeEach(() => resetRateLimiters())

describe("request budget options", () => {
  it("default to half the budget for background work, the limiter's burst and margin", () => {
    const options = resolveOptions(credentials)
    expect(options.backgroundShare).toBe(0.5)
    expect(options.burst).toBeUndefined()
    expect(options.rateLimitMarginMs).toBeUndefined()
  })

  it.each([
    [{ backgroundShare: 0 }, "backgroundShare"],
    [{ backgroundShare: 1.5 }, "backgroundShare"],
    [{ burst: 0 }, "burst"],
    [{ burst: 2.5 }, "burst"],
    [{ rateLimitMarginMs: -1 }, "rateLimitMarginMs"],
  ])("refuses %j", (wrong, name) => {
    expect(() => resolveOptions({ ...credentials, ...wrong })).toThrow(`\`${name}\``)
  })

  it("reach the client's budget: background work holds its configured share", async () => {
    const gateway = new ScalexpertGateway({
      ...credentials,
      maxRequestsPerMinute: 10,
      backgroundShare: 0.2,
      burst: 10,
      rateLimitMarginMs: 0,
    })
    const budget = (gateway.client as unknown as { budget_: RequestBudget }).budget_
    let granted = 0
    const stop = new AbortController()
    const background = Array.from({ length: 3 }, () =>
      budget.acquire("background", stop.signal).then(() => granted++)
    )
    await new Promise((resolve) => setImmediate(resolve))
    expect(granted).toBe(2)
    // A shopper's call is not held by the background work waiting.
    await budget.acquire("checkout")
    expect(granted).toBe(2)
    // The third background call would wait for the next minute: it leaves the queue.
    stop.abort(new Error("test over"))
    await expect(Promise.all(background)).rejects.toThrow("test over")
  })
})
