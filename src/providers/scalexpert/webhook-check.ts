/**
 * The one check of a Scalexpert webhook delivery: its signature and age, with the provider's
 * `webhookSignatureKey`, on the raw body exactly as received. The gateway applies it to every
 * webhook (financing and insurance events, `verifiedEnvelope`); the admin's `HELLO_WORLD` test
 * applies it too, and records why a delivery failed it.
 */
import {
  SIGNATURE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
  verifyWebhookSignature,
  type WebhookSignatureFailure,
} from "../../scalexpert/webhook-signature"

/** A delivery as Medusa hands it over (`ProviderWebhookPayload["payload"]` fits). */
export type WebhookDelivery = {
  data?: unknown
  rawData?: unknown
  headers?: Record<string, unknown>
}

export type WebhookCheck =
  { valid: true } | { valid: false; reason: WebhookSignatureFailure | "no_signature_key" }

/** The raw body as received (the event bus may carry a Buffer as `{type: "Buffer", data}`). */
function rawBodyOf(payload: WebhookDelivery): string {
  const raw = payload.rawData as { type?: string; data?: number[] } | Buffer | string | undefined
  if (Buffer.isBuffer(raw)) return raw.toString("utf8")
  if (raw && typeof raw === "object" && raw.type === "Buffer" && Array.isArray(raw.data)) {
    return Buffer.from(raw.data).toString("utf8")
  }
  return String(raw ?? "")
}

/** Whether a delivery is signed with `signatureKey` (none: never), recently enough. */
export function checkWebhookSignature(
  payload: WebhookDelivery,
  signatureKey: string | undefined
): WebhookCheck {
  if (!signatureKey) return { valid: false, reason: "no_signature_key" }
  const header = (name: string) => {
    const value = payload.headers?.[name] ?? payload.headers?.[name.toUpperCase()]
    return (Array.isArray(value) ? value[0] : value) as string | undefined
  }
  const check = verifyWebhookSignature({
    signatureKey,
    rawBody: rawBodyOf(payload),
    signature: header(SIGNATURE_HEADER),
    timestamp: header(SIGNATURE_TIMESTAMP_HEADER),
  })
  return check.valid ? { valid: true } : { valid: false, reason: check.reason }
}
