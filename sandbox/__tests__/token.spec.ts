/**
 * Token server, bearer tokens, scopes and the rate limit.
 */
import { type SandboxHandle } from "../server"
import { api, control, http, token } from "./http"
import { EF, eligiblePath, useSandbox } from "./setup"

let sandbox: SandboxHandle, bearer: string
const create = useSandbox((s, b) => ([sandbox, bearer] = [s, b]))

const tokenUrl = () => `${sandbox.apiRoot}/auth-server/api/v1/oauth2/token`
const form = (scope?: string) =>
  new URLSearchParams({
    grant_type: "client_credentials",
    ...(scope ? { scope } : {}),
  }).toString()
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`

describe("token server", () => {
  it("checks Basic credentials against the configured pair", async () => {
    const headers = { "content-type": "application/x-www-form-urlencoded" }
    const none = await http(tokenUrl(), { method: "POST", headers, body: form() })
    expect(none.status).toBe(401)
    expect(none.json).toMatchObject({ error: "invalid_client" })
    const wrong = await http(tokenUrl(), {
      method: "POST",
      headers: { ...headers, authorization: basic("sandbox-client", "nope") },
      body: form(),
    })
    expect(wrong.status).toBe(401)
    const ok = await http<{
      access_token: string
      token_type: string
      expires_in: number
      scope: string
    }>(tokenUrl(), {
      method: "POST",
      headers: { ...headers, authorization: basic("sandbox-client", "sandbox-secret") },
      body: form("e-financing:rw"),
    })
    expect(ok.status).toBe(200)
    expect(ok.json).toMatchObject({
      token_type: "Bearer",
      expires_in: 900,
      scope: "e-financing:rw",
    })
    expect(ok.json.access_token.length).toBeGreaterThan(20)
  })

  it("refuses other grants and unknown scopes", async () => {
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      authorization: basic("sandbox-client", "sandbox-secret"),
    }
    const grant = await http(tokenUrl(), { method: "POST", headers, body: "grant_type=password" })
    expect(grant).toMatchObject({ status: 400, json: { error: "unsupported_grant_type" } })
    const scope = await http(tokenUrl(), { method: "POST", headers, body: form("admin:rw") })
    expect(scope).toMatchObject({ status: 400, json: { error: "invalid_scope" } })
  })

  it("uses the credentials configured through the control API and revokes the old tokens", async () => {
    await control(sandbox, "PUT", "/config", {
      credentials: { clientId: "merchant-1", clientSecret: "s3cret" },
    })
    expect((await api(sandbox, bearer, "GET", eligiblePath(100))).status).toBe(401)
    expect(sandbox.credentials).toEqual({ clientId: "merchant-1", clientSecret: "s3cret" })
    const fresh = await token(sandbox)
    expect((await api(sandbox, fresh, "GET", eligiblePath(100))).status).toBe(200)
  })
})

describe("bearer tokens and scopes", () => {
  it("401 without, with an unknown or an expired token; 403 without the scope", async () => {
    const path = eligiblePath(100)
    expect((await api(sandbox, undefined, "GET", path)).status).toBe(401)
    expect((await api(sandbox, "made-up", "GET", path)).status).toBe(401)
    const res = await control<{ expired: number }>(sandbox, "POST", "/tokens/expire", {})
    expect(res.json.expired).toBe(1)
    const expired = await api(sandbox, bearer, "GET", path)
    expect(expired.status).toBe(401)
    expect(expired.json).toMatchObject({ httpStatusCode: 401, httpStatusMessage: "Unauthorized" })
    const webhooksOnly = await token(sandbox, "common-services:rw")
    expect((await api(sandbox, webhooksOnly, "GET", path)).status).toBe(403)
    expect(
      (await api(sandbox, webhooksOnly, "GET", "/merchant-webhooks/api/v1/events")).status
    ).toBe(200)
  })

  it("tokens expire after tokenTtlSeconds", async () => {
    await control(sandbox, "PUT", "/config", { tokenTtlSeconds: 1 })
    const short = await token(sandbox)
    const path = eligiblePath(100)
    expect((await api(sandbox, short, "GET", path)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1050))
    expect((await api(sandbox, short, "GET", path)).status).toBe(401)
  })
})

describe("revocation, insurance scope and the rate limit", () => {
  it("a revoked token answers 401 while a new one works", async () => {
    const { id } = await create()
    const path = `${EF}/subscriptions/${id}`
    const res = await control<{ revoked: number }>(sandbox, "POST", "/tokens/revoke", {
      accessToken: bearer,
    })
    expect(res.json.revoked).toBe(1)
    expect((await api(sandbox, bearer, "GET", path)).status).toBe(401)
    expect((await api(sandbox, await token(sandbox), "GET", path)).status).toBe(200)
  })

  it("grants insurance:rw and common-services:rw too", async () => {
    const res = await http<{ scope: string }>(tokenUrl(), {
      method: "POST",
      headers: {
        authorization: basic("sandbox-client", "sandbox-secret"),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form("insurance:rw common-services:rw"),
    })
    expect(res.status).toBe(200)
    expect(res.json.scope).toBe("insurance:rw common-services:rw")
  })

  it("answers 429 with Retry-After past the per-credential budget", async () => {
    await control(sandbox, "PUT", "/config", { rateLimitPerMinute: 3 })
    const path = eligiblePath(500)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await api(sandbox, bearer, "GET", path)).status)
    // The token request of beforeEach counted too ("for all APIs together").
    expect(statuses).toEqual([200, 200, 429, 429])
    const limited = await api(sandbox, bearer, "GET", path)
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1)
  })
})
