/**
 * Contract test on the wire (runs where `../shared/reference/scalexpert-openapi/` exists, as in CI;
 * skipped with its reason elsewhere):
 * - the sandbox's committed JSON Schemas (`sandbox/contract/`) are what the generator makes of the
 *   OpenAPI documents today;
 * - every request the plugin's client sends passes the OpenAPI schemas (the sandbox answers the
 *   gateway's 422 otherwise), and every answer the sandbox gives fits them (`validateResponses`).
 * The sandbox's own tests check their answers the same way (`sandbox/__tests__/setup.ts`).
 */
import { createHmac } from "node:crypto"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import path from "node:path"

import { apiName, contractOf, SOURCE } from "../../../scripts/generate-sandbox-contract"
import { hasValidSignature } from "../../../sandbox/signer"
import { startSandbox, type SandboxHandle } from "../../../sandbox/server"
import { control, makeClient, sampleSubscriptionRequest } from "./helpers"

const available = existsSync(SOURCE)
const suite = available ? describe : describe.skip
if (!available) {
  console.warn(
    `contract.wire.spec skipped: ${SOURCE} is absent (the OpenAPI documents are not shipped)`
  )
}

suite("sandbox contract files", () => {
  it("are current with the OpenAPI documents and carry their version", () => {
    for (const file of readdirSync(SOURCE).filter((f) => f.endsWith(".yaml"))) {
      const committed = path.resolve(
        __dirname,
        "../../../sandbox/contract",
        `${apiName(file)}.json`
      )
      const json = JSON.parse(readFileSync(committed, "utf8"))
      expect(json).toEqual(contractOf(file))
      expect(json["x-spec-version"]).toMatch(/^\d+\.\d+\.\d+/)
    }
  })
})

suite("the plugin's client against the OpenAPI", () => {
  let sandbox: SandboxHandle
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, validateResponses: true })
  })
  afterAll(() => sandbox.close())

  it("sends requests the OpenAPI accepts and gets answers that fit it", async () => {
    const client = makeClient(sandbox)
    await client.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1500 })
    await client.simulateSolutions({ buyerBillingCountry: "DE", financedAmount: 900 })
    const split = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XTS", financedAmount: 300 })
    )
    const credit = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCFRLT-TXNO", financedAmount: 2000 })
    )
    const german = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCDELT-DXCO", financedAmount: 900 })
    )
    for (const { id } of [split, credit, german]) {
      await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    }
    await client.listSubscriptions({
      merchantGlobalOrderId: sandbox.subscription(split.id)?.merchantGlobalOrderId,
    })
    await client.getSubscription(credit.id)
    await client.confirmDelivery(credit.id, {
      isDelivered: true,
      trackingNumber: "6A1",
      operator: "LA_POSTE",
    })
    await client.confirmReturn(credit.id, { isReturned: true })
    await client.cancelSubscription(credit.id, { cancelledAmount: 100 })
    await client.cancelSubscription(split.id, {})
    await client.cancelSubscription(german.id, { cancelledAmount: 100 })
    await client.putWebhookConfiguration({ url: "http://127.0.0.1:9/hooks", keyForSignature: "k" })
    await client.getWebhookConfiguration()
    await client.triggerHelloWorldEvent()
    await client.listEvents({ page: 1, pageSize: 5 })

    const refused = sandbox.requests().filter((r) => r.status === 422)
    expect(refused).toEqual([])
    expect(sandbox.contractViolations()).toEqual([])
  }, 30_000)

  it("signs deliveries the way the documents say (the sandbox's own signer)", () => {
    const body = '{"id":"1"}'
    const headers = { "x-baas-signature-timestamp": "2023-06-27T13:20:30.456Z" }
    // HMAC-SHA256 hex of "{timestamp}.{body}" keyed with the signature key.
    const signature = createHmac("sha256", "key")
      .update(`${headers["x-baas-signature-timestamp"]}.${body}`)
      .digest("hex")
    expect(hasValidSignature("key", body, { ...headers, "x-baas-signature": signature })).toBe(true)
  })
})
