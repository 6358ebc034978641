/**
 * The control API and the server's own life cycle.
 */
import { sampleSubscriptionRequest } from "../fixtures"
import { sandboxControl } from "../control"
import { startSandbox, type SandboxHandle } from "../server"
import { api, control, token } from "./http"
import { EF, eligiblePath, useSandbox } from "./setup"

let sandbox: SandboxHandle, bearer: string
const create = useSandbox((s, b) => ([sandbox, bearer] = [s, b]))

describe("control API", () => {
  it("faults match an exact or glob path and a method, for the next N calls", async () => {
    const created = await create()
    await control(sandbox, "POST", "/faults", {
      method: "GET",
      path: `${EF}/subscriptions/*`,
      status: 503,
      count: 2,
    })
    const path = `${EF}/subscriptions/${created.id}`
    expect((await api(sandbox, bearer, "GET", path)).status).toBe(503)
    expect((await api(sandbox, bearer, "POST", `${path}/_cancel`, {})).status).toBe(400)
    expect((await api(sandbox, bearer, "GET", path)).status).toBe(503)
    expect((await api(sandbox, bearer, "GET", path)).status).toBe(200)
    const faults = await control<{ faults: Array<{ hits: number; remaining: number }> }>(
      sandbox,
      "GET",
      "/faults"
    )
    expect(faults.json.faults[0]).toMatchObject({ hits: 2, remaining: 0 })
    expect((await control(sandbox, "POST", "/faults", { path: "/x" })).status).toBe(400)
  })

  it("a 429 fault carries Retry-After; a delay fault delays; a malformed body is not JSON", async () => {
    await control(sandbox, "POST", "/faults", {
      method: "GET",
      path: "/e-financing/api/v1/eligible-solutions",
      status: 429,
      retryAfterSeconds: 3,
    })
    const limited = await api(sandbox, bearer, "GET", eligiblePath(100))
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("3")
    await control(sandbox, "POST", "/faults", {
      method: "*",
      path: "**/eligible-solutions",
      delayMs: 150,
    })
    const started = Date.now()
    await api(sandbox, bearer, "GET", eligiblePath(100))
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    await control(sandbox, "POST", "/faults", {
      method: "GET",
      path: `${EF}/eligible-solutions`,
      malformedBody: true,
    })
    const broken = await api(sandbox, bearer, "GET", eligiblePath(100))
    expect(broken.status).toBe(200)
    expect(broken.json).toBeUndefined()
  })

  it("afterCreate answers 500 once the file exists", async () => {
    await control(sandbox, "POST", "/faults", {
      method: "POST",
      path: `${EF}/subscriptions`,
      afterCreate: true,
    })
    const res = await api(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions?language=fr-FR`,
      sampleSubscriptionRequest()
    )
    expect(res.status).toBe(500)
    expect(sandbox.subscriptions()).toHaveLength(1)
  })
})

describe("control API: call log, rate limit and reset", () => {
  it("logs Scalexpert calls (not control calls), filterable and clearable", async () => {
    await api(sandbox, bearer, "GET", eligiblePath(100))
    await control(sandbox, "GET", "/config")
    const all = await control<{
      requests: Array<{ kind: string; path: string; query: Record<string, string>; status: number }>
    }>(sandbox, "GET", "/requests")
    expect(all.json.requests.map((r) => r.kind)).toEqual(["token", "api"])
    expect(all.json.requests[1]).toMatchObject({
      path: `/baas/uatc${EF}/eligible-solutions`,
      query: { buyerBillingCountry: "FR", financedAmount: "100" },
      status: 200,
    })
    const filtered = await control<{ requests: unknown[] }>(
      sandbox,
      "GET",
      `/requests?path=${encodeURIComponent(`${EF}/eligible-solutions`)}`
    )
    expect(filtered.json.requests).toHaveLength(1)
    expect((await control(sandbox, "DELETE", "/requests")).status).toBe(204)
    expect(sandbox.requests()).toHaveLength(0)
  })

  it("enforces a server-side rate limit per client id, like the real API", async () => {
    await control(sandbox, "PUT", "/config", { rateLimitPerMinute: 3 })
    const path = eligiblePath(100)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await api(sandbox, bearer, "GET", path)).status)
    // The token request of beforeEach counts too: "600 requests per minute for all APIs together".
    expect(statuses).toEqual([200, 200, 429])
    const limited = await api(sandbox, bearer, "GET", path)
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
  })

  it("reset restores the start-up configuration and empties everything", async () => {
    await control(sandbox, "PUT", "/config", {
      contractedSolutions: ["SCFRSP-3XTS"],
      tokenTtlSeconds: 5,
    })
    await create()
    await control(sandbox, "POST", "/faults", { path: "/x", status: 500 })
    expect((await control(sandbox, "POST", "/reset")).status).toBe(200)
    const config = await control<{ contractedSolutions: string[]; tokenTtlSeconds: number }>(
      sandbox,
      "GET",
      "/config"
    )
    expect(config.json.contractedSolutions).toHaveLength(9)
    expect(config.json.tokenTtlSeconds).toBe(900)
    expect(sandbox.subscriptions()).toHaveLength(0)
    expect(sandbox.state.faults.faults).toHaveLength(0)
    expect(sandbox.events()).toHaveLength(0)
    expect(sandbox.requests()).toHaveLength(0)
  })
})

describe("lifecycle of the server", () => {
  it("closes promptly with replay timers pending and keep-alive connections open", async () => {
    const other = await startSandbox({
      port: 0,
      webhook: { url: "http://127.0.0.1:9/nowhere", signatureKey: "k" },
      webhookReplayIntervalMs: 60_000,
      contractedSolutions: ["SCFRSP-3XTS"],
    })
    const t = await token(other)
    await api(other, t, "POST", `${EF}/subscriptions?language=fr-FR`, sampleSubscriptionRequest())
    await other.webhooksIdle()
    const started = Date.now()
    await other.close()
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(fetch(`${other.url}/__sandbox`)).rejects.toThrow()
  })
})

describe("typed control helpers (sandbox/control.ts)", () => {
  it("drive the same control API from TypeScript", async () => {
    const c = sandboxControl(sandbox.url)
    const { id } = await create()
    await c.fault({ path: "/e-financing/api/v1/subscriptions/*", status: 503, count: 1 })
    expect((await api(sandbox, bearer, "GET", `${EF}/subscriptions/${id}`)).status).toBe(503)
    expect((await c.decide(id, "accept")).consolidatedStatus).toBe("ACCEPTED")
    expect((await c.backOfficeCancel(id, 100)).cancellationStatus).toBe(
      "PARTIAL_CANCELLATION_ACCEPTED"
    )
    expect((await c.revokeTokens()).revoked).toBeGreaterThan(0)
    expect((await c.requests({ kind: "api" })).map((r) => r.status)).toEqual([201, 503])
    await expect(c.decide("nope", "accept")).rejects.toThrow(/404/)
  })
})
