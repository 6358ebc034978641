/**
 * Webhooks set up from the admin: what the lender's configuration (`GET /webhooks`) should say
 * for this shop, how it differs, and the `HELLO_WORLD` test event's round trip (sent by the
 * admin, received by any instance's webhook route, checked against the signature key).
 *
 * The signature key is the provider option `webhookSignatureKey` (from the deployment's secrets,
 * like the client secret): it is needed by every instance to verify every webhook, it never goes
 * to the database nor to a browser, and the register button sends that same key to the lender.
 */
import { createHash, timingSafeEqual } from "node:crypto"
import type { WebhookComparison, WebhookProblem, WebhookTest } from "../../admin/lib/types"
import { WEBHOOK_EVENT_CODES, WebhookEnvelopeSchema } from "../../scalexpert/schemas"
import type { SharedStore } from "../../scalexpert/shared-store"
import type { WebhookConfiguration } from "../../scalexpert/webhook-config"
import { checkWebhookSignature, type WebhookDelivery } from "./webhook-check"

/** The event codes the plugin handles (file events, cancellation outcomes, the test event). */
export const PLUGIN_WEBHOOK_EVENT_CODES: readonly string[] = WEBHOOK_EVENT_CODES

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest()
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b))
const trimSlash = (url: string) => url.replace(/\/+$/, "")

/** Compares the lender's configuration (null: none) with what this shop needs. */
export function compareWebhookConfiguration(
  config: WebhookConfiguration | null,
  expected: { url: string; signatureKey?: string; eventCodes?: readonly string[] }
): WebhookComparison {
  const wanted = expected.eventCodes ?? PLUGIN_WEBHOOK_EVENT_CODES
  const problems: WebhookProblem[] = []
  if (!expected.signatureKey) problems.push("no_signature_key")
  if (!config?.url) {
    return {
      ok: false,
      problems: ["not_configured", ...problems],
      missing_event_codes: [...wanted],
      lender: null,
    }
  }
  const codes = config.activeEventCodes ?? null
  const missing = codes ? wanted.filter((code) => !codes.includes(code)) : []
  const key = config.keyForSignature ?? undefined
  const matches = key && expected.signatureKey ? sameSecret(key, expected.signatureKey) : null
  if (trimSlash(config.url) !== trimSlash(expected.url)) problems.push("url_differs")
  if (config.active === false) problems.push("inactive")
  if (missing.length > 0) problems.push("event_codes_missing")
  if (!key) problems.push("unsigned")
  else if (matches === false) problems.push("signature_key_differs")
  return {
    ok: problems.length === 0,
    problems,
    missing_event_codes: missing,
    lender: {
      url: config.url,
      active: config.active !== false,
      event_codes: codes,
      signed: !!key,
      signature_key_matches: matches,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// The HELLO_WORLD test event
// ---------------------------------------------------------------------------------------------

type Arrival = { event_id: string; arrived_at: string; valid: boolean; problem: string | null }

const SENT_KEY = "scalexpert:webhook-test:sent"
const arrivalKey = (eventId: string) => `scalexpert:webhook-test:arrival:${eventId}`
/** A test is worth showing for a day. */
const TEST_TTL_MS = 24 * 3600 * 1000

export async function recordTestSent(store: SharedStore, eventId: string): Promise<WebhookTest> {
  const sent = { event_id: eventId, sent_at: new Date().toISOString() }
  await store.set(SENT_KEY, sent, TEST_TTL_MS)
  return { ...sent, arrived_at: null, signature_valid: null, signature_problem: null }
}

/** The last test event sent from the admin, and whether it arrived. */
export async function lastWebhookTest(store: SharedStore): Promise<WebhookTest | null> {
  const sent = await store.get<{ event_id: string; sent_at: string }>(SENT_KEY)
  if (!sent) return null
  const arrival = await store.get<Arrival>(arrivalKey(sent.event_id))
  return {
    ...sent,
    arrived_at: arrival?.arrived_at ?? null,
    signature_valid: arrival ? arrival.valid : null,
    signature_problem: arrival?.problem ?? null,
  }
}

/**
 * Records a delivered `HELLO_WORLD` event and whether its signature checks out (the webhooks'
 * one check, `webhook-check.ts`); other events are left to the plugin's webhook subscriber.
 * Returns the event id when it was one.
 */
export async function recordTestArrival(
  store: SharedStore,
  payload: WebhookDelivery,
  signatureKey: string | undefined
): Promise<string | undefined> {
  const envelope = WebhookEnvelopeSchema.safeParse(payload.data)
  if (!envelope.success) return undefined
  const { id, eventCode, eventTypeCode } = envelope.data
  if (eventCode !== "HELLO_WORLD" && eventTypeCode !== "HELLO_WORLD") return undefined
  const check = checkWebhookSignature(payload, signatureKey)
  const arrival: Arrival = {
    event_id: id,
    arrived_at: new Date().toISOString(),
    valid: check.valid,
    problem: check.valid ? null : check.reason,
  }
  await store.set(arrivalKey(id), arrival, TEST_TTL_MS)
  return id
}
