/**
 * The sandbox on the wire: token server, strictness, journey, life cycle, webhooks, control API.
 */
import { verifyWebhookSignature } from "../../src/scalexpert/webhook-signature"
import { sampleSubscriptionRequest } from "../fixtures"
import { startSandbox, type SandboxHandle } from "../server"
import { api, control, http, parseReturnForm, startReceiver, token, waitFor } from "./http"

const EF = "/e-financing/api/v1"

let sandbox: SandboxHandle
let bearer: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})

afterAll(async () => {
  await sandbox.close()
})

beforeEach(async () => {
  sandbox.reset()
  bearer = await token(sandbox)
})

async function create(
  options: Parameters<typeof sampleSubscriptionRequest>[0] = {}
): Promise<{ id: string; journey: string }> {
  const body = sampleSubscriptionRequest(options)
  const language = body.solutionCode.startsWith("SCDE") ? "de-DE" : "fr-FR"
  const res = await api<{ id: string; redirect: { type: string; value: string } }>(
    sandbox,
    bearer,
    "POST",
    `${EF}/subscriptions?language=${language}`,
    body
  )
  expect(res.status).toBe(201)
  return { id: res.json.id, journey: res.json.redirect.value }
}

describe("token server", () => {
  const tokenUrl = () => `${sandbox.apiRoot}/auth-server/api/v1/oauth2/token`
  const form = (scope?: string) =>
    new URLSearchParams({
      grant_type: "client_credentials",
      ...(scope ? { scope } : {}),
    }).toString()
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`

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
    expect(
      (
        await api(
          sandbox,
          bearer,
          "GET",
          `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
        )
      ).status
    ).toBe(401)
    expect(sandbox.credentials).toEqual({ clientId: "merchant-1", clientSecret: "s3cret" })
    const fresh = await token(sandbox)
    expect(
      (
        await api(
          sandbox,
          fresh,
          "GET",
          `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
        )
      ).status
    ).toBe(200)
  })
})

describe("bearer tokens and scopes", () => {
  it("401 without, with an unknown or an expired token; 403 without the scope", async () => {
    const path = `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
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
    const path = `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
    expect((await api(sandbox, short, "GET", path)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1050))
    expect((await api(sandbox, short, "GET", path)).status).toBe(401)
  })
})

describe("strict validation", () => {
  it("422 in the gateway's shape for a body breaking the schema", async () => {
    const body = sampleSubscriptionRequest() as unknown as Record<string, unknown>
    delete body.merchantUrls
    ;(body.buyers as Array<{ contact: { email: string } }>)[0].contact.email = "Not@Lower.case"
    const res = await api<{ message: string; requestId: string; traceId: string }>(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions?language=fr-FR`,
      body
    )
    expect(res.status).toBe(422)
    expect(Object.keys(res.json).sort()).toEqual(["message", "requestId", "traceId"])
    expect(res.json.message).toMatch(/^\[Code: 1028 \| Message: .*\]$/)
    expect(res.json.message).toContain("$.merchantUrls: is missing but it is required")
    expect(res.json.message).toContain(
      "$.buyers[0].contact.email: does not match the regex pattern"
    )
    expect(sandbox.subscriptions()).toHaveLength(0)
  })

  it("422 without the required language, 400 for malformed JSON", async () => {
    const missing = await api<{ message: string }>(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions`,
      sampleSubscriptionRequest()
    )
    expect(missing.status).toBe(422)
    expect(missing.json.message).toContain("$.language: is missing but it is required")
    const malformed = await api<{ errorCode: string }>(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions?language=fr-FR`,
      "{oops"
    )
    expect(malformed.status).toBe(400)
    expect(malformed.json.errorCode).toBe("REQUEST_VALIDATION_ERROR")
  })

  it("business errors carry errorCode, errorMessage and errors[]", async () => {
    const body = sampleSubscriptionRequest({ solutionCode: "SCFRLT-TXNO", financedAmount: 500 })
    const res = await api<Record<string, unknown>>(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions?language=fr-FR`,
      body
    )
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({
      httpStatusCode: 400,
      httpStatusMessage: "Bad Request",
      errorCode: "FORBIDDEN",
      errors: [{ code: "FORBIDDEN" }],
      requestMethod: "POST",
      requestURI: "/v1/subscriptions",
    })
  })

  it("400 INVALID_PAGE_INDEX for page 0", async () => {
    const res = await api<{ errorCode: string }>(
      sandbox,
      bearer,
      "GET",
      `${EF}/subscriptions?page=0`
    )
    expect(res).toMatchObject({ status: 400, json: { errorCode: "INVALID_PAGE_INDEX" } })
  })
})

describe("eligibility and simulation", () => {
  it("answers {} when nothing is eligible", async () => {
    const res = await api(
      sandbox,
      bearer,
      "GET",
      `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=50`
    )
    expect(res.status).toBe(200)
    expect(res.json).toEqual({})
  })

  it("serves the communication kit's logo, icon and documents locally", async () => {
    const res = await api<{ solutions: Array<{ communicationKit: Record<string, string> }> }>(
      sandbox,
      bearer,
      "GET",
      `${EF}/eligible-solutions?buyerBillingCountry=DE&financedAmount=2500`
    )
    for (const s of res.json.solutions) {
      const kit = s.communicationKit
      expect(kit.visualTitle).toBeTruthy()
      expect(kit.visualLegalText).toMatch(/Hanseatic Bank/)
      for (const url of [
        kit.visualLogo,
        kit.visualInformationIcon,
        kit.visualInformationNoticeURL,
        kit.visualProductTermsURL,
      ]) {
        expect(url.startsWith(sandbox.url)).toBe(true)
        expect((await http(url)).status).toBe(200)
      }
      expect((await http(kit.visualLogo)).text).toContain("<svg")
    }
  })
})

describe("the lender's journey", () => {
  it("shows the buyer, the amount and the plan with stable test ids", async () => {
    const split = await create({ solutionCode: "SCFRSP-3XPS", financedAmount: 450 })
    expect(split.journey).toBe(`${sandbox.url}/journey/${split.id}`)
    const page = await http(split.journey)
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toContain("text/html")
    for (const id of [
      "journey-buyer",
      "journey-amount",
      "journey-plan",
      "journey-accept",
      "journey-refuse",
      "journey-abandon",
    ]) {
      expect(page.text).toContain(`data-testid="${id}"`)
    }
    expect(page.text).not.toContain('data-testid="journey-preaccept"')
    expect(page.text).toContain("Paul Dupont")
    expect(page.text).toContain(">Accept<")

    const long = await create({ solutionCode: "SCFRLT-TXNO", financedAmount: 4000 })
    const longPage = await http(long.journey)
    expect(longPage.text).toContain('data-testid="journey-preaccept"')
    expect(longPage.text).toContain('data-testid="journey-duration"')
  })

  it("a decision returns the shopper by an auto-submitted POST carrying id to the confirmation URL, verbatim", async () => {
    const merchant = await startReceiver()
    try {
      const confirmation = `${merchant.url}/scalexpert/return?session=ps_01&cart=a%20b&x=1`
      const { id, journey } = await create({
        solutionCode: "SCFRSP-4XTS",
        financedAmount: 700,
        confirmationUrl: confirmation,
      })
      const res = await http(`${journey}/decision`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "decision=accept",
      })
      expect(res.status).toBe(200)
      expect(res.text).toContain("<script>")
      const form = parseReturnForm(res.text)
      expect(form).toEqual({ method: "POST", action: confirmation, fields: { id } })
      expect(sandbox.subscription(id)?.consolidatedStatus).toBe("ACCEPTED")

      // What the browser does with the form.
      await http(form?.action as string, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form?.fields).toString(),
      })
      expect(merchant.received[0]).toMatchObject({
        method: "POST",
        url: "/scalexpert/return?session=ps_01&cart=a%20b&x=1",
        body: `id=${id}`,
      })

      const again = await http(`${journey}/decision`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "decision=refuse",
      })
      expect(again.status).toBe(409)
      expect(sandbox.subscription(id)?.consolidatedStatus).toBe("ACCEPTED")
    } finally {
      await merchant.close()
    }
  })

  it("refuse → REJECTED, pre-accept → PRE_ACCEPTED with the chosen duration", async () => {
    const refused = await create({ solutionCode: "SCDELT-DXCO", financedAmount: 900 })
    await http(`${refused.journey}/decision`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "decision=refuse",
    })
    expect(sandbox.subscription(refused.id)).toMatchObject({
      consolidatedStatus: "REJECTED",
      consolidatedSubstatus: "SUBSCRIPTION REJECTED BY PRODUCER",
    })
    const pre = await create({ solutionCode: "SCFRLT-TXPS", financedAmount: 5000 })
    await http(`${pre.journey}/decision`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "decision=preaccept&duration=36",
    })
    expect(sandbox.subscription(pre.id)).toMatchObject({
      consolidatedStatus: "PRE_ACCEPTED",
      consolidatedSubstatus:
        "SUBSCRIPTION PRE-APPROVED BY PRODUCER - WAITING FOR CONTRACT SIGNATURE",
      implementationCode: "36X",
    })
    const split = await create({ solutionCode: "SCFRSP-3XTS" })
    const res = await http(`${split.journey}/decision`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "decision=preaccept",
    })
    expect(res.status).toBe(409)
    expect(sandbox.subscription(split.id)?.consolidatedStatus).toBe("INITIALIZED")
  })

  it("abandon is a GET link: ABORTED, then a redirect to the confirmation URL verbatim", async () => {
    const confirmation = "https://shop.example.com/return?ref=abc&lang=fr"
    const { id, journey } = await create({ confirmationUrl: confirmation })
    const res = await http(`${journey}/abandon`)
    expect(res.status).toBe(302)
    expect(res.headers.get("location")).toBe(confirmation)
    expect(sandbox.subscription(id)).toMatchObject({
      consolidatedStatus: "ABORTED",
      consolidatedSubstatus: "ABORTED BY CUSTOMER",
    })
  })

  it("an unknown application is a 404 page", async () => {
    expect((await http(`${sandbox.url}/journey/3f1c2a7e-1d0b-4c56-9a55-0f4f3b1f9a10`)).status).toBe(
      404
    )
  })
})

describe("life cycle through the control API", () => {
  it("moves only along the documented transitions", async () => {
    const { id } = await create({ solutionCode: "SCFRSP-3XTS" })
    const bad = await control<{ error: string }>(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "CANCELLED",
    })
    expect(bad.status).toBe(409)
    const pre = await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "PRE_ACCEPTED",
    })
    expect(pre.status).toBe(409)
    const ok = await control<{ consolidatedStatus: string; consolidatedSubstatus: string }>(
      sandbox,
      "POST",
      `/subscriptions/${id}/status`,
      { consolidatedStatus: "ACCEPTED" }
    )
    expect(ok.status).toBe(200)
    expect(ok.json).toMatchObject({
      consolidatedStatus: "ACCEPTED",
      consolidatedSubstatus: "SUBSCRIPTION APPROVED BY PRODUCER",
    })
    const back = await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "INITIALIZED",
    })
    expect(back.status).toBe(409)
    const unknown = await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "ON_HOLD",
    })
    expect(unknown.status).toBe(400)
    expect(
      (
        await control(sandbox, "POST", "/subscriptions/nope/status", {
          consolidatedStatus: "ACCEPTED",
        })
      ).status
    ).toBe(404)
  })

  it("a pre-accepted file expires (REJECTED / EXPIRED); an unanswered journey expires (ABORTED)", async () => {
    const long = await create({ solutionCode: "SCFRLT-TXNO", financedAmount: 3000 })
    await control(sandbox, "POST", `/subscriptions/${long.id}/decision`, { decision: "preaccept" })
    await control(sandbox, "POST", `/subscriptions/${long.id}/decision`, { decision: "expire" })
    expect(sandbox.subscription(long.id)).toMatchObject({
      consolidatedStatus: "REJECTED",
      consolidatedSubstatus: "EXPIRED",
    })
    const split = await create()
    await control(sandbox, "POST", `/subscriptions/${split.id}/decision`, { decision: "expire" })
    expect(sandbox.subscription(split.id)?.consolidatedStatus).toBe("ABORTED")
  })

  it("a cancellation made in Scalexpert's back office", async () => {
    const { id } = await create({ solutionCode: "SCFRSP-4XTS", financedAmount: 1000 })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    const partial = await control<{ financedAmount: number; cancellationStatus: string }>(
      sandbox,
      "POST",
      `/subscriptions/${id}/back-office-cancel`,
      { cancelledAmount: 250 }
    )
    expect(partial.json).toMatchObject({
      financedAmount: 750,
      cancellationStatus: "PARTIAL_CANCELLATION_ACCEPTED",
    })
    const full = await control<{ consolidatedStatus: string }>(
      sandbox,
      "POST",
      `/subscriptions/${id}/back-office-cancel`,
      {}
    )
    expect(full.json.consolidatedStatus).toBe("CANCELLED")
    expect(sandbox.events().map((e) => e.eventCode)).toEqual([
      "SC_SUBSCRIPTION_INITIALIZED",
      "SC_SUBSCRIPTION_ACCEPTED",
      "SC_CANCEL_REQUEST_PARTIAL_CANCELLATION_ACCEPTED",
      "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED",
      "SC_SUBSCRIPTION_CANCELLED",
    ])
  })

  it("a PRE_ACCEPTED file cancelled by the customer", async () => {
    const { id } = await create({ solutionCode: "SCDELT-DXTS", financedAmount: 1500 })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "preaccept" })
    await control(sandbox, "POST", `/subscriptions/${id}/back-office-cancel`, {})
    expect(sandbox.subscription(id)).toMatchObject({
      consolidatedStatus: "CANCELLED",
      consolidatedSubstatus: "CANCELED BY CUSTOMER",
    })
  })
})

describe("webhooks", () => {
  it("delivers each status change signed, with the documented envelope and no subscription id", async () => {
    const receiver = await startReceiver()
    try {
      const key = "merchant-signature-key"
      await control(sandbox, "PUT", "/config", {
        webhook: { url: `${receiver.url}/hooks/scalexpert`, signatureKey: key },
      })
      const request = sampleSubscriptionRequest({
        solutionCode: "SCFRSP-3XTS",
        financedAmount: 321.5,
      })
      const res = await api<{ id: string }>(
        sandbox,
        bearer,
        "POST",
        `${EF}/subscriptions?language=fr-FR`,
        request
      )
      const id = res.json.id
      await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
      await sandbox.webhooksIdle()
      expect(receiver.received).toHaveLength(2)
      for (const delivery of receiver.received) {
        expect(delivery.method).toBe("POST")
        expect(delivery.url).toBe("/hooks/scalexpert")
        expect(delivery.headers["content-type"]).toBe("application/json")
        const verified = verifyWebhookSignature({
          signatureKey: key,
          rawBody: delivery.body,
          signature: delivery.headers["x-baas-signature"],
          timestamp: delivery.headers["x-baas-signature-timestamp"],
        })
        expect(verified.valid).toBe(true)
        expect(delivery.body).not.toContain(id)
      }
      const envelope = JSON.parse(receiver.received[1].body)
      expect(Object.keys(envelope)).toEqual([
        "timestamp",
        "id",
        "correlationId",
        "eventTypeCode",
        "eventCode",
        "data",
        "replayCount",
      ])
      expect(envelope).toMatchObject({
        eventTypeCode: "SC_SUBSCRIPTION",
        eventCode: "SC_SUBSCRIPTION_ACCEPTED",
        replayCount: null,
        data: {
          eventTypeCode: "SC_SUBSCRIPTION",
          eventCode: "SC_SUBSCRIPTION_ACCEPTED",
          merchantGlobalOrderId: request.merchantGlobalOrderId,
          financedAmount: 321.5,
          consolidatedStatus: "ACCEPTED",
        },
      })
      const events = await api<{
        events: Array<{ status: string; httpStatusCodeOfLastDeliveryAttempt: number }>
      }>(sandbox, bearer, "GET", "/merchant-webhooks/api/v1/events?status=OK")
      expect(events.json.events).toHaveLength(2)
      expect(events.json.events[0].httpStatusCodeOfLastDeliveryAttempt).toBe(200)
    } finally {
      await receiver.close()
    }
  })

  it("replays after a non-2xx answer (204 included, as Scalexpert wants 200/201), with replayCount", async () => {
    const receiver = await startReceiver([500, 204, 201])
    try {
      await control(sandbox, "PUT", "/config", {
        webhook: { url: receiver.url, signatureKey: "k" },
        webhookReplayIntervalMs: 30,
      })
      await create()
      await waitFor(() => receiver.received.length >= 3)
      await new Promise((r) => setTimeout(r, 100))
      expect(receiver.received).toHaveLength(3)
      expect(receiver.received.map((r) => JSON.parse(r.body).replayCount)).toEqual([null, 1, 2])
      const ids = new Set(receiver.received.map((r) => JSON.parse(r.body).id))
      expect(ids.size).toBe(1)
      const timestamps = new Set(
        receiver.received.map((r) => r.headers["x-baas-signature-timestamp"])
      )
      expect(timestamps.size).toBe(3)
      const [event] = sandbox.events()
      expect(event).toMatchObject({
        status: "OK",
        replayCount: 2,
        httpStatusCodeOfLastDeliveryAttempt: 201,
      })
      expect(sandbox.deliveries().map((d) => d.responseStatus)).toEqual([500, 204, 201])
    } finally {
      await receiver.close()
    }
  })

  it("gives up after webhookMaxReplays and records the event as ERROR; an unreachable URL too", async () => {
    const receiver = await startReceiver([503, 503, 503, 503])
    try {
      await control(sandbox, "PUT", "/config", {
        webhook: { url: receiver.url },
        webhookReplayIntervalMs: 20,
        webhookMaxReplays: 2,
      })
      await create()
      await waitFor(() => receiver.received.length >= 3)
      await new Promise((r) => setTimeout(r, 120))
      expect(receiver.received).toHaveLength(3)
      expect(receiver.received[0].headers["x-baas-signature"]).toBeUndefined()
      expect(sandbox.events()[0]).toMatchObject({ status: "ERROR", replayCount: 2 })
    } finally {
      await receiver.close()
    }
    await control(sandbox, "PUT", "/config", {
      webhook: { url: "http://127.0.0.1:9/unreachable" },
      webhookMaxReplays: 0,
    })
    await create()
    await sandbox.webhooksIdle()
    const last = sandbox.deliveries()[sandbox.deliveries().length - 1]
    expect(last.ok).toBe(false)
    expect(last.error).toBeTruthy()
  })

  it("resends an event on demand (a replay) and lists deliveries", async () => {
    const receiver = await startReceiver()
    try {
      await control(sandbox, "PUT", "/config", {
        webhook: { url: receiver.url, signatureKey: "k" },
      })
      await create()
      await sandbox.webhooksIdle()
      const [event] = sandbox.events()
      const resent = await control<{ replayCount: number; ok: boolean; requestBody: string }>(
        sandbox,
        "POST",
        `/webhooks/events/${event.id}/resend`
      )
      expect(resent.json).toMatchObject({ replayCount: 1, ok: true })
      expect(JSON.parse(resent.json.requestBody).replayCount).toBe(1)
      expect(receiver.received).toHaveLength(2)
      const deliveries = await control<{ deliveries: unknown[] }>(
        sandbox,
        "GET",
        `/webhooks/deliveries?eventId=${event.id}`
      )
      expect(deliveries.json.deliveries).toHaveLength(2)
    } finally {
      await receiver.close()
    }
  })

  it("records events as NO_CONFIG or INACTIVE when nothing is delivered", async () => {
    await create()
    expect(sandbox.events()[0].status).toBe("NO_CONFIG")
    await control(sandbox, "PUT", "/config", {
      webhook: { url: "http://127.0.0.1:9/x", active: false },
    })
    await create()
    expect(sandbox.events()[1].status).toBe("INACTIVE")
    await sandbox.webhooksIdle()
    expect(sandbox.deliveries()).toHaveLength(0)
  })

  it("German cancellation outcomes arrive as SC_CANCEL_REQUEST events", async () => {
    const { id } = await create({ solutionCode: "SCDELT-DXCO", financedAmount: 2000 })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    const req = await api<{ status: string }>(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions/${id}/_cancel`,
      {}
    )
    expect(req.json.status).toBe("REQUEST_CANCELLATION")
    const twice = await api<{ errorCode: string }>(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions/${id}/_cancel`,
      {}
    )
    expect(twice.json.errorCode).toBe("INVALID_STATUS")
    await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, { accepted: true })
    const cancel = sandbox.events().find((e) => e.eventTypeCode === "SC_CANCEL_REQUEST")
    expect(cancel).toMatchObject({
      eventCode: "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED",
      data: {
        cancelledAmount: 2000,
        financedAmount: 0,
        cancellationStatus: "CANCELLATION_ACCEPTED",
      },
    })
    expect(sandbox.subscription(id)?.consolidatedStatus).toBe("CANCELLED")
    expect(
      (
        await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, {
          accepted: true,
        })
      ).status
    ).toBe(409)
  })
})

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
    const limited = await api(
      sandbox,
      bearer,
      "GET",
      `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
    )
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("3")
    await control(sandbox, "POST", "/faults", {
      method: "*",
      path: "**/eligible-solutions",
      delayMs: 150,
    })
    const started = Date.now()
    await api(
      sandbox,
      bearer,
      "GET",
      `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    await control(sandbox, "POST", "/faults", {
      method: "GET",
      path: `${EF}/eligible-solutions`,
      malformedBody: true,
    })
    const broken = await api(
      sandbox,
      bearer,
      "GET",
      `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
    )
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

  it("logs Scalexpert calls (not control calls), filterable and clearable", async () => {
    await api(
      sandbox,
      bearer,
      "GET",
      `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
    )
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
    const path = `${EF}/eligible-solutions?buyerBillingCountry=FR&financedAmount=100`
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
    expect(sandbox.state.faults).toHaveLength(0)
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
