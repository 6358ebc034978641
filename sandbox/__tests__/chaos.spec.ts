/**
 * Misbehaving on purpose, deterministic from the seed: faults every nth call or with a probability,
 * timeouts, latency, "created then 500", and webhooks duplicated, delayed, out of order or dropped.
 */
import { sampleSubscriptionRequest } from "../fixtures"
import type { SandboxHandle } from "../server"
import { api, control, startReceiver } from "./http"
import { EF, eligiblePath, useSandbox } from "./setup"

let sandbox: SandboxHandle, bearer: string
const create = useSandbox((s, b) => ([sandbox, bearer] = [s, b]))

const eligible = eligiblePath(500)
const statuses = async (n: number) => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await api(sandbox, bearer, "GET", eligible)).status)
  return out
}

describe("API faults", () => {
  it("every nth call answers the fault's status", async () => {
    await control(sandbox, "POST", "/faults", {
      path: "/e-financing/api/v1/eligible-solutions",
      status: 503,
      nth: 3,
      count: 0,
    })
    expect(await statuses(6)).toEqual([200, 200, 503, 200, 200, 503])
  })

  it("a probability replays the same sequence for the same seed", async () => {
    const run = async () => {
      await control(sandbox, "POST", "/seed", { seed: 42 })
      await control(sandbox, "DELETE", "/faults")
      await control(sandbox, "POST", "/faults", {
        path: "**/eligible-solutions",
        status: 500,
        probability: 0.5,
        count: 0,
      })
      return statuses(12)
    }
    const first = await run()
    expect(first).toContain(500)
    expect(first).toContain(200)
    expect(await run()).toEqual(first)
  })

  it("a timeout fault never answers: the connection is cut", async () => {
    await control(sandbox, "POST", "/faults", {
      path: "**/eligible-solutions",
      timeout: true,
      delayMs: 50,
    })
    await expect(api(sandbox, bearer, "GET", eligible)).rejects.toThrow()
    expect((await api(sandbox, bearer, "GET", eligible)).status).toBe(200)
    // The log does not record the cut request as answered: status 0, no answer was completed.
    expect(sandbox.requests({ kind: "api" }).map((r) => r.status)).toEqual([0, 200])
  })

  it("latency per endpoint delays the answer", async () => {
    await control(sandbox, "POST", "/latency", { path: "**/eligible-solutions", ms: 150 })
    const started = Date.now()
    expect((await api(sandbox, bearer, "GET", eligible)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it("POST /subscriptions created then answered 500: the file exists", async () => {
    await control(sandbox, "POST", "/faults", {
      method: "POST",
      path: "/e-financing/api/v1/subscriptions",
      afterCreate: true,
    })
    const body = sampleSubscriptionRequest({ merchantGlobalOrderId: "ORDER-500" })
    const res = await api(sandbox, bearer, "POST", `${EF}/subscriptions?language=fr-FR`, body)
    expect(res.status).toBe(500)
    expect(sandbox.subscriptions().map((s) => s.merchantGlobalOrderId)).toEqual(["ORDER-500"])
  })
})

describe("webhook chaos", () => {
  async function withReceiver(chaos: Record<string, unknown>, run: () => Promise<void>) {
    const receiver = await startReceiver()
    try {
      await control(sandbox, "PUT", "/config", {
        webhook: { url: receiver.url },
        webhookChaos: chaos,
      })
      await run()
      await sandbox.webhooksIdle()
      return receiver.received.map(
        (r) => JSON.parse(r.body) as { id: string; eventCode: string; data: unknown }
      )
    } finally {
      await receiver.close()
    }
  }
  const twoFiles = async () => {
    await create({ merchantGlobalOrderId: "A" })
    await create({ merchantGlobalOrderId: "B" })
  }
  const orders = (bodies: Array<{ data?: unknown }>) =>
    bodies.map((b) => (b.data as { merchantGlobalOrderId: string }).merchantGlobalOrderId)

  it("duplicates every delivery with duplicateProbability 1", async () => {
    const got = await withReceiver({ duplicateProbability: 1 }, twoFiles)
    expect(orders(got)).toEqual(["A", "A", "B", "B"])
  })

  it("drops deliveries with dropProbability 1: events stay ERROR and are not replayed", async () => {
    const got = await withReceiver({ dropProbability: 1 }, twoFiles)
    expect(got).toEqual([])
    expect(sandbox.events().map((e) => e.status)).toEqual(["ERROR", "ERROR"])
  })

  it("delivers out of order", async () => {
    const got = await withReceiver({ outOfOrder: true, holdMs: 30_000 }, twoFiles)
    expect(orders(got)).toEqual(["B", "A"])
  })

  it("delays deliveries up to maxDelayMs", async () => {
    const got = await withReceiver({ maxDelayMs: 100 }, twoFiles)
    expect(orders(got).sort()).toEqual(["A", "B"])
  })
})
