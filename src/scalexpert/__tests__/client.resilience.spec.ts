/**
 * Tokens, retries and logging, through the client, against the sandbox (faults injected with its
 * control API, calls counted in its request log). The ambiguous creation:
 * `client.creation-recovery.spec.ts`; 429 answers and the rate limiter: `client.transport.spec.ts`.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertClient } from "../client"
import type { ScalexpertError } from "../errors"
import {
  ELIGIBILITY_PATH,
  ELIGIBLE,
  SUBSCRIPTIONS_PATH,
  TOKEN_PATH,
  clientPerTest,
  configureSandbox,
  injectFault,
} from "./fixtures"
import {
  caught,
  control,
  makeClient,
  recordingLogger,
  sampleSubscriptionRequest,
  startTestSandbox,
} from "./helpers"

let sandbox: SandboxHandle
let client: ScalexpertClient
clientPerTest((s, c) => ([sandbox, client] = [s, c]))

const fault = (body: Record<string, unknown>) => injectFault(sandbox, body)

describe("OAuth2 token", () => {
  it("200 concurrent calls on a cold cache make exactly one token request", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => client.getEligibleSolutions(ELIGIBLE))
    )
    expect(results).toHaveLength(200)
    expect(results.every((r) => r.solutions.length > 0)).toBe(true)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH })).toHaveLength(200)
  })

  it("is shared by client instances with the same credential, not across credentials or scopes", async () => {
    const other = makeClient(sandbox)
    await client.getEligibleSolutions(ELIGIBLE)
    await other.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
    await other.listEvents()
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
    await configureSandbox(sandbox, {
      credentials: { clientId: "other", clientSecret: "pw" },
    })
    const third = makeClient(sandbox, { clientId: "other", clientSecret: "pw" })
    await third.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(3)
  })

  it("a 401 on an API call refreshes the token once and retries once", async () => {
    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    await control(sandbox, "POST", "/tokens/expire", {})
    const sub = await client.getSubscription(id)
    expect(sub.creditSubscriptionId).toBe(id)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
    expect(sandbox.requests({ path: `${SUBSCRIPTIONS_PATH}/${id}` }).map((r) => r.status)).toEqual([
      401, 200,
    ])
  })

  it("many calls failing with 401 at once cause a single refresh", async () => {
    await client.getEligibleSolutions(ELIGIBLE)
    await control(sandbox, "POST", "/tokens/expire", {})
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => client.getEligibleSolutions(ELIGIBLE))
    )
    expect(results.every((r) => r.status === "fulfilled")).toBe(true)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
  })

  it("a second 401 after the refresh is thrown", async () => {
    await fault({ method: "GET", path: ELIGIBILITY_PATH, status: 401, count: 2 })
    const error = await caught<ScalexpertError>(() => client.getEligibleSolutions(ELIGIBLE))
    expect(error.status).toBe(401)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH }).map((r) => r.status)).toEqual([401, 401])
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
  })

  it("renews the token before expires_in, without a 401", async () => {
    await configureSandbox(sandbox, { tokenTtlSeconds: 2 })
    const short = makeClient(sandbox, { tokenRefreshMarginSeconds: 1 })
    await short.getEligibleSolutions(ELIGIBLE)
    await short.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 1100))
    await short.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(2)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH }).every((r) => r.status === 200)).toBe(true)
  })

  it("retries a token request that failed with a 5xx", async () => {
    await fault({ method: "POST", path: TOKEN_PATH, status: 503 })
    await client.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ kind: "token" }).map((r) => r.status)).toEqual([503, 200])
  })
})

describe("retries", () => {
  it("a GET is retried on 5xx with backoff, up to maxAttempts", async () => {
    await fault({ method: "GET", path: ELIGIBILITY_PATH, status: 503, count: 2 })
    await client.getEligibleSolutions(ELIGIBLE)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH }).map((r) => r.status)).toEqual([
      503, 503, 200,
    ])

    sandbox.state.requestLog = []
    await fault({ method: "GET", path: ELIGIBILITY_PATH, status: 500, count: 3 })
    const error = await caught<ScalexpertError>(() => client.getEligibleSolutions(ELIGIBLE))
    expect(error).toMatchObject({ status: 500, kind: "http" })
    expect(error.isAmbiguous).toBe(true)
    expect(sandbox.requests({ path: ELIGIBILITY_PATH })).toHaveLength(3)
  })

  it("a GET is retried after a timeout and after a malformed body", async () => {
    const quick = makeClient(sandbox, { timeoutMs: 150 })
    await fault({ method: "GET", path: ELIGIBILITY_PATH, delayMs: 600 })
    await expect(quick.getEligibleSolutions(ELIGIBLE)).resolves.toBeDefined()
    expect(sandbox.requests({ path: ELIGIBILITY_PATH })).toHaveLength(2)

    sandbox.state.requestLog = []
    await fault({ method: "GET", path: ELIGIBILITY_PATH, malformedBody: true })
    await expect(client.getEligibleSolutions(ELIGIBLE)).resolves.toBeDefined()
    expect(sandbox.requests({ path: ELIGIBILITY_PATH })).toHaveLength(2)
  })

  it("a slow endpoint (latency control) makes a GET time out and retry, then succeed", async () => {
    const quick = makeClient(sandbox, { timeoutMs: 300 })
    await control(sandbox, "POST", "/latency", { method: "GET", path: ELIGIBILITY_PATH, ms: 900 })
    const error = await caught<ScalexpertError>(() => quick.getEligibleSolutions(ELIGIBLE))
    expect(error).toMatchObject({ kind: "timeout" })
    await control(sandbox, "DELETE", "/latency")
    await expect(quick.getEligibleSolutions(ELIGIBLE)).resolves.toBeDefined()
  })

  it("a fault on every 2nd call, or drawn with a probability, is absorbed by GET retries", async () => {
    const hits = async () =>
      (await control<{ faults: Array<{ hits: number }> }>(sandbox, "GET", "/faults")).body.faults[0]
        .hits
    await fault({ method: "GET", path: ELIGIBILITY_PATH, status: 503, nth: 2, count: 0 })
    for (let i = 0; i < 4; i++) {
      await client.getEligibleSolutions(ELIGIBLE)
    }
    expect(await hits()).toBeGreaterThanOrEqual(2)
    await control(sandbox, "DELETE", "/faults")

    await fault({ method: "GET", path: ELIGIBILITY_PATH, status: 500, probability: 1, count: 1 })
    await client.getEligibleSolutions(ELIGIBLE)
    expect(await hits()).toBe(1)
  })

  it("network errors are retried for idempotent requests, then surface as kind network", async () => {
    const gone = await startTestSandbox()
    await gone.close()
    const { lines, logger } = recordingLogger()
    const unreachable = makeClient(gone, { logger })
    const error = await caught<ScalexpertError>(() => unreachable.getEligibleSolutions(ELIGIBLE))
    expect(error).toMatchObject({ kind: "network", errorCode: "ECONNREFUSED", status: undefined })
    expect(error.isAmbiguous).toBe(true)
    // The token request (idempotent) was attempted maxAttempts = 3 times.
    expect(lines.filter((l) => l.message === "scalexpert http")).toHaveLength(3)
  })

  it("a POST is never blindly retried", async () => {
    await fault({ method: "POST", path: "/e-financing/api/v1/_simulate-solutions", status: 503 })
    const error = await caught<ScalexpertError>(() =>
      client.simulateSolutions({ financedAmount: 1000, buyerBillingCountry: "FR" })
    )
    expect(error.status).toBe(503)
    expect(sandbox.requests({ path: "/e-financing/api/v1/_simulate-solutions" })).toHaveLength(1)

    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    await fault({ method: "POST", path: `${SUBSCRIPTIONS_PATH}/*/_cancel`, status: 502 })
    const cancel = await caught<ScalexpertError>(() => client.cancelSubscription(id))
    expect(cancel.status).toBe(502)
    expect(sandbox.requests({ path: `${SUBSCRIPTIONS_PATH}/${id}/_cancel` })).toHaveLength(1)
  })
})

describe("logging", () => {
  it("logs method, path, status, duration and requestId; never bodies, tokens or secrets", async () => {
    const { lines, logger } = recordingLogger()
    const logged = makeClient(sandbox, { logger })
    const request = sampleSubscriptionRequest()
    const { id } = await logged.createSubscription(request)
    await logged.getSubscription(id)
    await fault({ method: "GET", path: ELIGIBILITY_PATH, status: 503 })
    await logged.getEligibleSolutions(ELIGIBLE)

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
