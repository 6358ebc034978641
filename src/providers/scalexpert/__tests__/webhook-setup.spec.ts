import { MemorySharedStore } from "../../../scalexpert/shared-store"
import { signWebhook } from "../../../scalexpert/webhook-signature"
import type { WebhookConfiguration } from "../../../scalexpert/webhook-config"
import {
  compareWebhookConfiguration,
  lastWebhookTest,
  PLUGIN_WEBHOOK_EVENT_CODES,
  recordTestArrival,
  recordTestSent,
} from "../webhook-setup"

const URL_ = "https://api.shop.example/hooks/payment/scalexpert_scalexpert"
const KEY = "the-shop-signature-key"

const registered = (overrides: Partial<WebhookConfiguration> = {}): WebhookConfiguration => ({
  eventTypeCode: "ANY",
  active: true,
  url: URL_,
  keyForSignature: KEY,
  activeEventCodes: [...PLUGIN_WEBHOOK_EVENT_CODES],
  ...overrides,
})

describe("compareWebhookConfiguration", () => {
  const expected = { url: URL_, signatureKey: KEY }

  it("is ok when the lender points at this shop, active, signed with its key, every code", () => {
    const result = compareWebhookConfiguration(registered(), expected)
    expect(result).toMatchObject({ ok: true, problems: [], missing_event_codes: [] })
    expect(result.lender).toEqual({
      url: URL_,
      active: true,
      event_codes: [...PLUGIN_WEBHOOK_EVENT_CODES],
      signed: true,
      signature_key_matches: true,
    })
    // Null codes mean every code, current and future; a trailing slash is the same URL.
    expect(
      compareWebhookConfiguration(registered({ activeEventCodes: null, url: `${URL_}/` }), expected)
        .ok
    ).toBe(true)
  })

  it("says not configured when there is no configuration or no URL", () => {
    for (const config of [null, registered({ url: null, active: false })]) {
      const result = compareWebhookConfiguration(config, expected)
      expect(result).toMatchObject({ ok: false, problems: ["not_configured"], lender: null })
    }
  })

  it("names each difference", () => {
    const result = compareWebhookConfiguration(
      registered({
        url: "https://elsewhere.example/hook",
        active: false,
        activeEventCodes: ["SC_SUBSCRIPTION_ACCEPTED"],
        keyForSignature: "another-key",
      }),
      expected
    )
    expect(result.problems).toEqual([
      "url_differs",
      "inactive",
      "event_codes_missing",
      "signature_key_differs",
    ])
    expect(result.missing_event_codes).toContain("HELLO_WORLD")
    expect(result.missing_event_codes).not.toContain("SC_SUBSCRIPTION_ACCEPTED")
    expect(
      compareWebhookConfiguration(registered({ keyForSignature: null }), expected).problems
    ).toEqual(["unsigned"])
  })

  it("flags a shop without signature key, and never returns a key", () => {
    const result = compareWebhookConfiguration(registered(), { url: URL_ })
    expect(result.problems).toEqual(["no_signature_key"])
    expect(result.lender?.signature_key_matches).toBeNull()
    expect(JSON.stringify(compareWebhookConfiguration(registered(), expected))).not.toContain(KEY)
  })
})

describe("the HELLO_WORLD test", () => {
  const delivery = (key: string, eventId = "evt-1", eventCode = "HELLO_WORLD") => {
    const data = {
      timestamp: new Date().toISOString(),
      id: eventId,
      correlationId: "c-1",
      eventTypeCode: eventCode === "HELLO_WORLD" ? "HELLO_WORLD" : "SC_SUBSCRIPTION",
      eventCode,
      data: { eventTypeCode: "HELLO_WORLD", helloWorldMessage: "Hello World !" },
      replayCount: null,
    }
    const body = JSON.stringify(data)
    const signed = signWebhook(key, body)
    // As the event bus may carry the raw body: a serialized Buffer.
    return { data, rawData: Buffer.from(body).toJSON(), headers: signed.headers }
  }

  it("shows a test sent and not arrived, then arrived with a valid signature", async () => {
    const store = new MemorySharedStore()
    expect(await lastWebhookTest(store)).toBeNull()
    await recordTestSent(store, "evt-1")
    expect(await lastWebhookTest(store)).toMatchObject({
      event_id: "evt-1",
      arrived_at: null,
      signature_valid: null,
    })
    expect(await recordTestArrival(store, delivery(KEY), KEY)).toBe("evt-1")
    const test = await lastWebhookTest(store)
    expect(test).toMatchObject({
      event_id: "evt-1",
      signature_valid: true,
      signature_problem: null,
    })
    expect(test?.arrived_at).not.toBeNull()
  })

  it("records a signature that does not check out, and why", async () => {
    const store = new MemorySharedStore()
    await recordTestSent(store, "evt-1")
    await recordTestArrival(store, delivery("another-key"), KEY)
    expect(await lastWebhookTest(store)).toMatchObject({
      signature_valid: false,
      signature_problem: "mismatch",
    })
    await recordTestArrival(store, delivery(KEY), undefined)
    expect(await lastWebhookTest(store)).toMatchObject({ signature_problem: "no_signature_key" })
  })

  it("ignores other events and an older test's arrival", async () => {
    const store = new MemorySharedStore()
    await recordTestSent(store, "evt-2")
    expect(
      await recordTestArrival(store, delivery(KEY, "x", "SC_SUBSCRIPTION_ACCEPTED"), KEY)
    ).toBe(undefined)
    await recordTestArrival(store, delivery(KEY, "evt-1"), KEY)
    expect(await lastWebhookTest(store)).toMatchObject({ event_id: "evt-2", arrived_at: null })
  })
})
