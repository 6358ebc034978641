/**
 * The shared state on a real Redis, through Medusa's own Redis caching and locking providers
 * (`@medusajs/caching-redis`, `@medusajs/locking-redis`): two "instances", each with its own
 * Redis connections, providers, token cache and budget, as two Medusa processes would have.
 * Starts `redis-server` on a free port and stops it; skipped when the binary is absent.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer } from "node:net"

import { RedisCachingProvider } from "@medusajs/caching-redis/dist/services/redis-cache"
import { RedisLockingProvider } from "@medusajs/locking-redis/dist/services/redis-lock"
import Redis from "ioredis"

import { SharedRequestBudget } from "../../../scalexpert/shared-budget"
import { produceOnce, type SharedState } from "../../../scalexpert/shared-store"
import { TokenCache, sharedTokenKey } from "../../../scalexpert/token-cache"
import { cachingStore, lockingLock } from "../shared-modules"

const REDIS_SERVER = "/usr/bin/redis-server"
const available = existsSync(REDIS_SERVER)
if (!available) {
  console.warn(`Skipping the Redis shared-state tests: ${REDIS_SERVER} is not installed`)
}
const describeRedis = available ? describe : describe.skip

jest.setTimeout(30_000)

const credential = {
  apiRoot: "http://127.0.0.1:1/baas/uatc",
  clientId: "redis-client",
  clientSecret: "redis-secret",
  scopes: ["e-financing:rw"],
}
const quietLogger = { warn: () => undefined, info: () => undefined, error: () => undefined }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

let redis: ChildProcess | undefined
let url = ""
const connections: Redis[] = []

async function startRedis(): Promise<void> {
  const port = await freePort()
  redis = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", ""], {
    stdio: "ignore",
  })
  url = `redis://127.0.0.1:${port}`
  const started = Date.now()
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null })
    try {
      await probe.connect()
      await probe.ping()
      return
    } catch (error) {
      if (Date.now() - started > 10_000) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      probe.disconnect()
    }
  }
}

/** One Medusa instance's view of Redis: its own connections and Medusa's providers. */
function instance(): SharedState & { raw: Redis } {
  const cacheClient = new Redis(url)
  const lockClient = new Redis(url)
  connections.push(cacheClient, lockClient)
  const caching = new RedisCachingProvider(
    {
      redisClient: cacheClient,
      prefix: "mc:",
      hasher: (key: string) => key,
      logger: quietLogger as never,
    },
    {}
  )
  const locking = new RedisLockingProvider(
    { redisClient: lockClient as never, prefix: "ml:", logger: quietLogger as never },
    {}
  )
  return { store: cachingStore(caching), lock: lockingLock(locking), raw: cacheClient }
}

describeRedis("shared state on redis-server through Medusa's Redis providers", () => {
  beforeAll(startRedis)
  afterAll(async () => {
    connections.forEach((c) => c.disconnect())
    if (redis?.pid) process.kill(redis.pid)
    // Medusa's Redis locking leaves each lock's wait timer running for its full timeout (5 s):
    // let them end, so that Jest exits cleanly.
    const started = Date.now()
    while (process.getActiveResourcesInfo().includes("Timeout") && Date.now() - started < 8_000) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })

  it("one token request for two instances asking at once; sealed in Redis", async () => {
    const [a, b] = [instance(), instance()]
    const caches = [new TokenCache(() => a), new TokenCache(() => b)]
    const fetcher = jest.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50))
      return { accessToken: "redis-shared-token", expiresInSeconds: 3600 }
    })
    const tokens = await Promise.all(
      Array.from({ length: 40 }, (_, i) => caches[i % 2].getToken(credential, fetcher))
    )
    expect(fetcher).toHaveBeenCalledTimes(1)
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(["redis-shared-token"]))
    const stored = await a.raw.hget(`mc:${sharedTokenKey(credential)}`, "data")
    expect(stored).toBeTruthy()
    expect(stored).not.toContain("redis-shared-token")
    expect(await a.raw.ttl(`mc:${sharedTokenKey(credential)}`)).toBeGreaterThan(3000)
  })

  it("the budget of both instances together stays under the limit", async () => {
    const [a, b] = [instance(), instance()]
    const limit = { key: "scalexpert:budget:redis-test", maxRequests: 5, windowMs: 500 }
    const budgets = [new SharedRequestBudget(a, limit), new SharedRequestBudget(b, limit)]
    const started = Date.now()
    const times: number[] = []
    await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        budgets[i % 2].acquire("storefront").then(() => times.push(Date.now()))
      )
    )
    times.sort((x, y) => x - y)
    // Three windows' worth: the last five could not start before two windows had passed.
    expect(times[14] - started).toBeGreaterThanOrEqual(1_000)
    expect(times[4] - started).toBeLessThan(500)
    for (const t of times) {
      // A little less than the window: a grant is seen a few ms after its stamp.
      expect(times.filter((u) => u >= t && u < t + 450).length).toBeLessThanOrEqual(5)
    }
  })

  it("a storefront answer is loaded once for both instances", async () => {
    const [a, b] = [instance(), instance()]
    const load = jest.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50))
      return { solutions: [{ solutionCode: "SCFRSP-3XTS" }] }
    })
    const key = "scalexpert:storefront:FR:100000"
    const steps = (state: SharedState) => ({
      read: () => state.store.get<{ solutions: unknown[] }>(key),
      produce: load,
      write: (value: { solutions: unknown[] }) => state.store.set(key, value, 60_000),
    })
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const state = i % 2 ? a : b
        return produceOnce(state, `${key}:lock`, steps(state))
      })
    )
    expect(load).toHaveBeenCalledTimes(1)
    expect(await b.store.get(key)).toEqual({ solutions: [{ solutionCode: "SCFRSP-3XTS" }] })
  })
})
