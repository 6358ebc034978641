/**
 * The merchant-webhooks configuration endpoints (`GET /webhooks`, `PUT /webhooks`, OpenAPI
 * merchant-webhooks 1.0.6), against a local stub of the lender that records what it receives.
 */
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"

import { ScalexpertClient } from "../client"
import type { ScalexpertError } from "../errors"
import { resetRateLimiters } from "../rate-limiter"
import { clearTokenCache } from "../token-cache"
import { caught, recordingLogger } from "./helpers"

type Received = { method: string; url: string; body: string; authorization?: string }

const KEY = "e5399af3ebcde0f3ead45086e13e932f36b1e5a1db002c8bb6a2870a1d22a7b6"
const stored = {
  eventTypeCode: "ANY",
  active: true,
  url: "https://shop.example/hooks/payment/scalexpert_scalexpert",
  authMethod: null,
  keyForSignature: KEY,
  emailForAlerts: "ops@shop.example",
  activeEventCodes: ["SC_SUBSCRIPTION_ACCEPTED"],
}

jest.setTimeout(30_000)

let server: Server
let root: string
const received: Received[] = []

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = ""
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")))
    req.on("end", () => resolve(body))
  })

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req)
    received.push({
      method: req.method ?? "",
      url: req.url ?? "",
      body,
      authorization: req.headers.authorization,
    })
    res.setHeader("content-type", "application/json")
    if (req.url?.startsWith("/auth-server/")) {
      res.end(
        JSON.stringify({ access_token: "stub-token", token_type: "Bearer", expires_in: 3600 })
      )
    } else if (req.method === "GET" && req.url?.startsWith("/merchant-webhooks/api/v1/webhooks")) {
      res.end(JSON.stringify(stored))
    } else if (req.method === "PUT" && req.url === "/merchant-webhooks/api/v1/webhooks") {
      res.end("{}")
    } else {
      res.statusCode = 404
      res.end(JSON.stringify({ errorCode: "NOT_FOUND", errorMessage: "no such route" }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  received.splice(0)
  clearTokenCache()
  resetRateLimiters()
})

const client = (logger?: ReturnType<typeof recordingLogger>["logger"]) =>
  new ScalexpertClient({
    clientId: "stub-client",
    clientSecret: "stub-secret",
    environment: "test",
    baseUrl: root,
    logger,
  })

describe("GET /webhooks", () => {
  it("reads the configuration of every event type (ANY) with the webhooks scope", async () => {
    const config = await client().getWebhookConfiguration()
    expect(config).toMatchObject(stored)
    const [token, get] = received
    expect(new URLSearchParams(token.body).get("scope")).toBe("common-services:rw")
    expect(get).toMatchObject({
      method: "GET",
      url: "/merchant-webhooks/api/v1/webhooks?eventTypeCode=ANY",
      authorization: "Bearer stub-token",
    })
  })

  it("reads one event type's when asked", async () => {
    await client().getWebhookConfiguration("SC_SUBSCRIPTION")
    expect(received[1].url).toBe("/merchant-webhooks/api/v1/webhooks?eventTypeCode=SC_SUBSCRIPTION")
  })
})

describe("PUT /webhooks", () => {
  it("sends the URL, signature key, alert e-mail and event codes, active, for ANY", async () => {
    const { lines, logger } = recordingLogger()
    await client(logger).putWebhookConfiguration({
      url: stored.url,
      keyForSignature: KEY,
      emailForAlerts: stored.emailForAlerts,
      activeEventCodes: ["SC_SUBSCRIPTION_ACCEPTED", "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED"],
    })
    const put = received[1]
    expect(put.method).toBe("PUT")
    expect(JSON.parse(put.body)).toEqual({
      eventTypeCode: "ANY",
      active: true,
      url: stored.url,
      keyForSignature: KEY,
      emailForAlerts: stored.emailForAlerts,
      activeEventCodes: ["SC_SUBSCRIPTION_ACCEPTED", "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED"],
    })
    // Neither the key nor the e-mail reach the logs.
    const logged = JSON.stringify(lines)
    expect(logged).not.toContain(KEY)
    expect(logged).not.toContain(stored.emailForAlerts)
  })

  it("refuses a configuration without a URL or a key before sending it", async () => {
    const error = await caught<ScalexpertError>(() =>
      client().putWebhookConfiguration({ url: "not a url", keyForSignature: KEY })
    )
    expect(error).toMatchObject({ kind: "client_validation", field: "url" })
    const noKey = await caught<ScalexpertError>(() =>
      client().putWebhookConfiguration({ url: stored.url, keyForSignature: "" })
    )
    expect(noKey).toMatchObject({ kind: "client_validation", field: "keyForSignature" })
    expect(received).toHaveLength(0)
  })
})
