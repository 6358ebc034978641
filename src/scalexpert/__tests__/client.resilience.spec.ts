/**
 * Tokens, retries, the ambiguous creation, the rate limiter and logging, through the client,
 * against the sandbox (faults injected with its control API, calls counted in its request log).
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertClient } from "../client"
import type { ScalexpertError } from "../errors"
import {
  caught,
  control,
  makeClient,
  recordingLogger,
  sampleSubscriptionRequest,
  sandboxPerTestFile,
  startTestSandbox,
} from "./helpers"

const SUBSCRIPTIONS = "/e-financing/api/v1/subscriptions"
const ELIGIBILITY = "/e-financing/api/v1/eligible-solutions"
const TOKEN = "/auth-server/api/v1/oauth2/token"

let sandbox: SandboxHandle
let client: ScalexpertClient

const shared = sandboxPerTestFile()

beforeEach(() => {
  sandbox = shared.sandbox
  client = makeClient(sandbox)
})

const fault = (body: Record<string, unknown>) => control(sandbox, "POST", "/faults", body)

describe("OAuth2 token", () => {
  it("200 concurrent calls on a cold cache make exactly one token request", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
      )
    )
    expect(results).toHaveLength(200)
    expect(results.every((r) => r.solutions.length > 0)).toBe(true)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
    expect(sandbox.requests({ path: ELIGIBILITY })).toHaveLength(200)
  })

  it("is shared by client instances with the same credential, not across credentials or scopes", async () => {
    const other = makeClient(sandbox)
    await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    await other.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
    await other.listEvents()
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
    await control(sandbox, "PUT", "/config", {
      credentials: { clientId: "other", clientSecret: "pw" },
    })
    const third = makeClient(sandbox, { clientId: "other", clientSecret: "pw" })
    await third.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    expect(sandbox.requests({ kind: "token" })).toHaveLength(3)
  })

  it("a 401 on an API call refreshes the token once and retries once", async () => {
    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    await control(sandbox, "POST", "/tokens/expire", {})
    const sub = await client.getSubscription(id)
    expect(sub.creditSubscriptionId).toBe(id)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
    expect(sandbox.requests({ path: `${SUBSCRIPTIONS}/${id}` }).map((r) => r.status)).toEqual([
      401, 200,
    ])
  })

  it("many calls failing with 401 at once cause a single refresh", async () => {
    await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    await control(sandbox, "POST", "/tokens/expire", {})
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
      )
    )
    expect(results.every((r) => r.status === "fulfilled")).toBe(true)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
  })

  it("a second 401 after the refresh is thrown", async () => {
    await fault({ method: "GET", path: ELIGIBILITY, status: 401, count: 2 })
    const error = await caught<ScalexpertError>(() =>
      client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    )
    expect(error.status).toBe(401)
    expect(sandbox.requests({ path: ELIGIBILITY }).map((r) => r.status)).toEqual([401, 401])
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
  })

  it("renews the token before expires_in, without a 401", async () => {
    await control(sandbox, "PUT", "/config", { tokenTtlSeconds: 2 })
    const short = makeClient(sandbox, { tokenRefreshMarginSeconds: 1 })
    await short.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    await short.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 1100))
    await short.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
    expect(sandbox.requests({ path: ELIGIBILITY }).every((r) => r.status === 200)).toBe(true)
  })

  it("retries a token request that failed with a 5xx", async () => {
    await fault({ method: "POST", path: TOKEN, status: 503 })
    await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    expect(sandbox.requests({ kind: "token" }).map((r) => r.status)).toEqual([503, 200])
  })
})

describe("retries", () => {
  it("a GET is retried on 5xx with backoff, up to maxAttempts", async () => {
    await fault({ method: "GET", path: ELIGIBILITY, status: 503, count: 2 })
    await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    expect(sandbox.requests({ path: ELIGIBILITY }).map((r) => r.status)).toEqual([503, 503, 200])

    sandbox.state.requestLog = []
    await fault({ method: "GET", path: ELIGIBILITY, status: 500, count: 3 })
    const error = await caught<ScalexpertError>(() =>
      client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    )
    expect(error).toMatchObject({ status: 500, kind: "http" })
    expect(error.isAmbiguous).toBe(true)
    expect(sandbox.requests({ path: ELIGIBILITY })).toHaveLength(3)
  })

  it("a GET is retried after a timeout and after a malformed body", async () => {
    const quick = makeClient(sandbox, { timeoutMs: 150 })
    await fault({ method: "GET", path: ELIGIBILITY, delayMs: 600 })
    await expect(
      quick.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    ).resolves.toBeDefined()
    expect(sandbox.requests({ path: ELIGIBILITY })).toHaveLength(2)

    sandbox.state.requestLog = []
    await fault({ method: "GET", path: ELIGIBILITY, malformedBody: true })
    await expect(
      client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    ).resolves.toBeDefined()
    expect(sandbox.requests({ path: ELIGIBILITY })).toHaveLength(2)
  })

  it("a slow endpoint (latency control) makes a GET time out and retry, then succeed", async () => {
    const quick = makeClient(sandbox, { timeoutMs: 300 })
    await control(sandbox, "POST", "/latency", { method: "GET", path: ELIGIBILITY, ms: 900 })
    const error = await caught<ScalexpertError>(() =>
      quick.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    )
    expect(error).toMatchObject({ kind: "timeout" })
    await control(sandbox, "DELETE", "/latency")
    await expect(
      quick.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    ).resolves.toBeDefined()
  })

  it("a fault on every 2nd call, or drawn with a probability, is absorbed by GET retries", async () => {
    const hits = async () =>
      (await control<{ faults: Array<{ hits: number }> }>(sandbox, "GET", "/faults")).body.faults[0]
        .hits
    await fault({ method: "GET", path: ELIGIBILITY, status: 503, nth: 2, count: 0 })
    for (let i = 0; i < 4; i++) {
      await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    }
    expect(await hits()).toBeGreaterThanOrEqual(2)
    await control(sandbox, "DELETE", "/faults")

    await fault({ method: "GET", path: ELIGIBILITY, status: 500, probability: 1, count: 1 })
    await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    expect(await hits()).toBe(1)
  })

  it("network errors are retried for idempotent requests, then surface as kind network", async () => {
    const gone = await startTestSandbox()
    await gone.close()
    const { lines, logger } = recordingLogger()
    const unreachable = makeClient(gone, { logger })
    const error = await caught<ScalexpertError>(() =>
      unreachable.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    )
    expect(error).toMatchObject({ kind: "network", errorCode: "ECONNREFUSED", status: undefined })
    expect(error.isAmbiguous).toBe(true)
    // The token request (idempotent) was attempted maxAttempts = 3 times.
    expect(lines.filter((l) => l.message === "scalexpert http")).toHaveLength(3)
  })

  it("a 429 waits for Retry-After", async () => {
    await fault({ method: "GET", path: ELIGIBILITY, status: 429, retryAfterSeconds: 1 })
    const started = Date.now()
    await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(950)
    const calls = sandbox.requests({ path: ELIGIBILITY })
    expect(calls.map((r) => r.status)).toEqual([429, 200])
    expect(Date.parse(calls[1].at) - Date.parse(calls[0].at)).toBeGreaterThanOrEqual(950)
  })

  it("a Retry-After longer than maxRetryAfterMs is thrown at once", async () => {
    await fault({ method: "GET", path: ELIGIBILITY, status: 429, retryAfterSeconds: 120 })
    const error = await caught<ScalexpertError>(() =>
      client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })
    )
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120 })
    expect(error.isRateLimited).toBe(true)
    expect(sandbox.requests({ path: ELIGIBILITY })).toHaveLength(1)
  })

  it("a POST is never blindly retried", async () => {
    await fault({ method: "POST", path: "/e-financing/api/v1/_simulate-solutions", status: 503 })
    const error = await caught<ScalexpertError>(() =>
      client.simulateSolutions({ financedAmount: 1000, buyerBillingCountry: "FR" })
    )
    expect(error.status).toBe(503)
    expect(sandbox.requests({ path: "/e-financing/api/v1/_simulate-solutions" })).toHaveLength(1)

    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    await fault({ method: "POST", path: `${SUBSCRIPTIONS}/*/_cancel`, status: 502 })
    const cancel = await caught<ScalexpertError>(() => client.cancelSubscription(id))
    expect(cancel.status).toBe(502)
    expect(sandbox.requests({ path: `${SUBSCRIPTIONS}/${id}/_cancel` })).toHaveLength(1)
  })
})

describe("ambiguous subscription creation", () => {
  it("500 after the lender created the file: found by merchantGlobalOrderId, no second file", async () => {
    const request = sampleSubscriptionRequest()
    await fault({ method: "POST", path: SUBSCRIPTIONS, afterCreate: true })
    const result = await client.createSubscription(request)
    const files = sandbox.subscriptions()
    expect(files).toHaveLength(1)
    expect(result).toMatchObject({ id: files[0].id, recovered: true, redirect: undefined })
    expect(result.subscription?.merchantGlobalOrderId).toBe(request.merchantGlobalOrderId)
    const calls = sandbox.requests({ path: SUBSCRIPTIONS })
    expect(calls.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 500", "GET 200"])
    expect(calls[1].query).toMatchObject({ merchantGlobalOrderId: request.merchantGlobalOrderId })
  })

  it("a timeout after the lender created the file", async () => {
    const quick = makeClient(sandbox, { timeoutMs: 200 })
    await fault({ method: "POST", path: SUBSCRIPTIONS, delayMs: 800 })
    const result = await quick.createSubscription(sampleSubscriptionRequest())
    expect(result.recovered).toBe(true)
    expect(sandbox.subscriptions()).toHaveLength(1)
    expect(sandbox.requests({ path: SUBSCRIPTIONS, method: "POST" })).toHaveLength(1)
  })

  it("an unreadable 201 body", async () => {
    await fault({ method: "POST", path: SUBSCRIPTIONS, malformedBody: true })
    const result = await client.createSubscription(sampleSubscriptionRequest())
    expect(result.recovered).toBe(true)
    expect(result.id).toBe(sandbox.subscriptions()[0].id)
    expect(sandbox.subscriptions()).toHaveLength(1)
  })

  it("a 503 before anything was created: looked up, then sent again", async () => {
    await fault({ method: "POST", path: SUBSCRIPTIONS, status: 503 })
    const result = await client.createSubscription(sampleSubscriptionRequest())
    expect(result.recovered).toBe(false)
    expect(result.redirect?.value).toBe(`${sandbox.url}/journey/${result.id}`)
    expect(sandbox.subscriptions()).toHaveLength(1)
    expect(sandbox.requests({ path: SUBSCRIPTIONS }).map((r) => `${r.method} ${r.status}`)).toEqual(
      ["POST 503", "GET 200", "POST 201"]
    )
  })

  it("when the lookup itself fails, the original error is thrown and nothing is sent again", async () => {
    await fault({ method: "POST", path: SUBSCRIPTIONS, afterCreate: true })
    await fault({ method: "GET", path: SUBSCRIPTIONS, status: 500, count: 3 })
    const error = await caught<ScalexpertError>(() =>
      client.createSubscription(sampleSubscriptionRequest())
    )
    expect(error).toMatchObject({ status: 500, method: "POST" })
    expect(sandbox.requests({ path: SUBSCRIPTIONS, method: "POST" })).toHaveLength(1)
    expect(sandbox.subscriptions()).toHaveLength(1)
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

describe("logging", () => {
  it("logs method, path, status, duration and requestId; never bodies, tokens or secrets", async () => {
    const { lines, logger } = recordingLogger()
    const logged = makeClient(sandbox, { logger })
    const request = sampleSubscriptionRequest()
    const { id } = await logged.createSubscription(request)
    await logged.getSubscription(id)
    await fault({ method: "GET", path: ELIGIBILITY, status: 503 })
    await logged.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 })

    const http = lines.filter((l) => l.message === "scalexpert http")
    expect(
      http.map(
        (l) => `${(l.meta as { method: string }).method} ${(l.meta as { path: string }).path}`
      )
    ).toEqual([
      "POST /auth-server/api/v1/oauth2/token",
      "POST /e-financing/api/v1/subscriptions",
      `GET /e-financing/api/v1/subscriptions/${id}`,
      "GET /e-financing/api/v1/eligible-solutions",
      "GET /e-financing/api/v1/eligible-solutions",
    ])
    for (const line of http) {
      expect(line.level).toBe("debug")
      expect(line.meta).toEqual({
        method: expect.any(String),
        path: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      })
    }
    expect(lines.some((l) => l.level === "warn" && l.message === "scalexpert retry")).toBe(true)

    const everything = JSON.stringify(lines)
    const token = sandbox.state.tokens.keys().next().value as string
    for (const secret of [
      sandbox.credentials.clientSecret,
      token,
      Buffer.from(`${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`).toString(
        "base64"
      ),
      request.buyers[0].contact.email,
      request.buyers[0].contact.mobilePhoneNumber,
      request.buyers[0].contact.lastName,
      request.merchantGlobalOrderId,
      "buyerBillingCountry",
    ]) {
      expect(everything).not.toContain(secret)
    }
  })
})
