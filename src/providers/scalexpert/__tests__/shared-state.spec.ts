/**
 * The plugin's shared state on Medusa's modules (#14), with Medusa's own in-memory caching and
 * locking providers standing in for the Redis ones (see `shared-state.redis.spec.ts` for Redis).
 */
import { MemoryCachingProvider } from "@medusajs/caching/dist/providers/memory-cache"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { Modules } from "@medusajs/framework/utils"

import { currentSharedState, offerSharedModules } from "../shared-module-lookup"
import {
  deploymentBudget,
  deploymentTokenCache,
  resetSharedState,
  sharedStorefrontValue,
} from "../shared-state"

const credential = {
  apiRoot: "http://127.0.0.1:1/baas/uatc",
  clientId: "shared-state-client",
  clientSecret: "shared-state-secret",
  scopes: ["e-financing:rw"],
}

function medusaModules() {
  const caching = new MemoryCachingProvider({ hasher: (key: string) => key })
  const locking = new InMemoryLockingProvider()
  return { caching, locking }
}

afterEach(() => resetSharedState())

describe("without Medusa's caching module", () => {
  it("keeps everything in the process: the storefront loads every time it is asked", async () => {
    offerSharedModules({ resolve: () => undefined })
    expect(currentSharedState()).toBeUndefined()
    const load = jest.fn(async () => ({ solutions: [] }))
    await sharedStorefrontValue("FR:100000", 60_000, load)
    await sharedStorefrontValue("FR:100000", 60_000, load)
    expect(load).toHaveBeenCalledTimes(2)
  })
})

describe("with Medusa's caching and locking modules", () => {
  beforeEach(() => {
    const { caching, locking } = medusaModules()
    // A module provider's cradle: properties named after the modules.
    offerSharedModules({ [Modules.CACHING]: caching, [Modules.LOCKING]: locking })
  })

  it("resolves them lazily from the containers offered", () => {
    expect(currentSharedState()).toBeDefined()
  })

  it("one storefront call per key and TTL, however many ask at once", async () => {
    const load = jest.fn(async () => ({ solutions: [{ solutionCode: "SCFRSP-3XTS" }] }))
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sharedStorefrontValue("FR:100000", 60_000, load))
    )
    expect(load).toHaveBeenCalledTimes(1)
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    await sharedStorefrontValue("FR:100000", 60_000, load)
    expect(load).toHaveBeenCalledTimes(1)
    // Failures are not kept.
    const failing = jest.fn(async () => Promise.reject(new Error("Scalexpert is down")))
    await expect(sharedStorefrontValue("DE:5000", 60_000, failing)).rejects.toThrow("down")
    await expect(sharedStorefrontValue("DE:5000", 60_000, failing)).rejects.toThrow("down")
    expect(failing).toHaveBeenCalledTimes(2)
  })

  it("one token request for the credential, kept sealed in the caching module", async () => {
    const fetcher = jest.fn(async () => ({ accessToken: "the-token", expiresInSeconds: 3600 }))
    await Promise.all(
      Array.from({ length: 20 }, () => deploymentTokenCache.getToken(credential, fetcher))
    )
    deploymentTokenCache.clear() // as another instance: nothing in its memory
    const again = await deploymentTokenCache.getToken(credential, fetcher)
    expect(again.accessToken).toBe("the-token")
    expect(fetcher).toHaveBeenCalledTimes(1)
  })

  it("the budget paces callers through the shared log", async () => {
    const budget = deploymentBudget(credential.apiRoot, credential.clientId, {
      maxRequests: 3,
      windowMs: 300,
      marginMs: 0,
    })
    const started = Date.now()
    const times: number[] = []
    await Promise.all(
      Array.from({ length: 6 }, () =>
        budget.acquire("storefront").then(() => times.push(Date.now()))
      )
    )
    times.sort((a, b) => a - b)
    expect(times[2] - started).toBeLessThan(300)
    // The fourth is stamped a full window after the first (stamped after `started`).
    expect(times[3] - started).toBeGreaterThanOrEqual(300)
  })
})

describe("a caching module without a locking module", () => {
  it("shares the values, and says that instances are not locked against each other", () => {
    const { caching } = medusaModules()
    const warn = jest.fn()
    offerSharedModules(
      { resolve: (key: string) => (key === Modules.CACHING ? caching : undefined) },
      { warn } as never
    )
    expect(currentSharedState()).toBeDefined()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("no locking module"))
  })
})

describe("a provider's container first, the application's later", () => {
  it("takes the locking module as soon as a container that has it is offered", async () => {
    const { caching, locking } = medusaModules()
    const execute = jest.spyOn(locking, "execute")
    // A payment provider's cradle: the caching module is there, the locking module is not.
    offerSharedModules({ [Modules.CACHING]: caching })
    const state = currentSharedState()
    await state?.lock.run("k", async () => undefined)
    expect(execute).not.toHaveBeenCalled()
    // The application's container, offered by `getScalexpert`.
    offerSharedModules({
      resolve: (key: string) => (key === Modules.LOCKING ? locking : undefined),
    })
    await state?.lock.run("k", async () => undefined)
    expect(execute).toHaveBeenCalledTimes(1)
  })
})
