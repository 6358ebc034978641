/**
 * The ambiguous creation of a file (`subscription-creation.ts`), through the client, against the
 * sandbox: a lost answer is looked up by `merchantGlobalOrderId` before anything is sent again.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertClient } from "../client"
import type { ScalexpertError } from "../errors"
import { SUBSCRIPTIONS_PATH, clientPerTest, injectFault } from "./fixtures"
import { caught, makeClient, sampleSubscriptionRequest } from "./helpers"

let sandbox: SandboxHandle
let client: ScalexpertClient
clientPerTest((s, c) => ([sandbox, client] = [s, c]))

describe("ambiguous subscription creation", () => {
  it("500 after the lender created the file: found by merchantGlobalOrderId, no second file", async () => {
    const request = sampleSubscriptionRequest()
    await injectFault(sandbox, { method: "POST", path: SUBSCRIPTIONS_PATH, afterCreate: true })
    const result = await client.createSubscription(request)
    const files = sandbox.subscriptions()
    expect(files).toHaveLength(1)
    expect(result).toMatchObject({ id: files[0].id, recovered: true, redirect: undefined })
    expect(result.subscription?.merchantGlobalOrderId).toBe(request.merchantGlobalOrderId)
    const calls = sandbox.requests({ path: SUBSCRIPTIONS_PATH })
    expect(calls.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 500", "GET 200"])
    expect(calls[1].query).toMatchObject({ merchantGlobalOrderId: request.merchantGlobalOrderId })
  })

  it("a timeout after the lender created the file", async () => {
    const quick = makeClient(sandbox, { timeoutMs: 200 })
    await injectFault(sandbox, { method: "POST", path: SUBSCRIPTIONS_PATH, delayMs: 800 })
    const result = await quick.createSubscription(sampleSubscriptionRequest())
    expect(result.recovered).toBe(true)
    expect(sandbox.subscriptions()).toHaveLength(1)
    expect(sandbox.requests({ path: SUBSCRIPTIONS_PATH, method: "POST" })).toHaveLength(1)
  })

  it("an unreadable 201 body", async () => {
    await injectFault(sandbox, { method: "POST", path: SUBSCRIPTIONS_PATH, malformedBody: true })
    const result = await client.createSubscription(sampleSubscriptionRequest())
    expect(result.recovered).toBe(true)
    expect(result.id).toBe(sandbox.subscriptions()[0].id)
    expect(sandbox.subscriptions()).toHaveLength(1)
  })

  it("a 503 before anything was created: looked up, then sent again", async () => {
    await injectFault(sandbox, { method: "POST", path: SUBSCRIPTIONS_PATH, status: 503 })
    const result = await client.createSubscription(sampleSubscriptionRequest())
    expect(result.recovered).toBe(false)
    expect(result.redirect?.value).toBe(`${sandbox.url}/journey/${result.id}`)
    expect(sandbox.subscriptions()).toHaveLength(1)
    expect(
      sandbox.requests({ path: SUBSCRIPTIONS_PATH }).map((r) => `${r.method} ${r.status}`)
    ).toEqual(["POST 503", "GET 200", "POST 201"])
  })

  it("when the lookup itself fails, the original error is thrown and nothing is sent again", async () => {
    await injectFault(sandbox, { method: "POST", path: SUBSCRIPTIONS_PATH, afterCreate: true })
    await injectFault(sandbox, { method: "GET", path: SUBSCRIPTIONS_PATH, status: 500, count: 3 })
    const error = await caught<ScalexpertError>(() =>
      client.createSubscription(sampleSubscriptionRequest())
    )
    expect(error).toMatchObject({ status: 500, method: "POST" })
    expect(sandbox.requests({ path: SUBSCRIPTIONS_PATH, method: "POST" })).toHaveLength(1)
    expect(sandbox.subscriptions()).toHaveLength(1)
  })
})
