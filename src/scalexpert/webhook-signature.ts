/**
 * Signature of Scalexpert webhook deliveries.
 *
 * When the merchant configured a `keyForSignature`, every delivery carries
 * - `X-BAAS-SIGNATURE-TIMESTAMP`: an ISO-8601 instant (`2023-06-27T13:20:30.456Z`), and
 * - `X-BAAS-SIGNATURE`: hex HMAC-SHA256, keyed with the UTF-8 bytes of the key, of
 *   `"{timestamp header}.{raw request body}"`.
 * Scalexpert's reference verifier compares the hex case-insensitively and refuses a timestamp older
 * than 5 minutes. Verify on the raw body exactly as received, before parsing it.
 *
 * Pure Node crypto, no Medusa: the plugin verifies with it and the sandbox signs with it.
 */
import { createHmac, timingSafeEqual } from "node:crypto"

export const SIGNATURE_HEADER = "x-baas-signature"
export const SIGNATURE_TIMESTAMP_HEADER = "x-baas-signature-timestamp"
/** Scalexpert's reference verifier accepts events signed within the last 5 minutes. */
export const DEFAULT_SIGNATURE_MAX_AGE_SECONDS = 300
/** Tolerated clock skew for timestamps slightly in the future. */
const FUTURE_SKEW_MS = 60_000

/** Hex HMAC-SHA256 of `"{timestamp}.{rawBody}"`. */
export function computeWebhookSignature(
  signatureKey: string,
  timestamp: string,
  rawBody: string | Buffer
): string {
  const hmac = createHmac("sha256", Buffer.from(signatureKey, "utf8"))
  hmac.update(`${timestamp}.`, "utf8")
  hmac.update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody)
  return hmac.digest("hex")
}

export interface SignedWebhook {
  timestamp: string
  signature: string
  /** Headers to send with the body (lower-case names). */
  headers: Record<string, string>
}

/** Signs a body the way Scalexpert does; `now` is for tests. */
export function signWebhook(
  signatureKey: string,
  rawBody: string | Buffer,
  now: Date = new Date()
): SignedWebhook {
  const timestamp = now.toISOString()
  const signature = computeWebhookSignature(signatureKey, timestamp, rawBody)
  return {
    timestamp,
    signature,
    headers: { [SIGNATURE_HEADER]: signature, [SIGNATURE_TIMESTAMP_HEADER]: timestamp },
  }
}

export type WebhookSignatureFailure =
  | "missing_signature"
  | "missing_timestamp"
  | "invalid_timestamp"
  | "expired"
  | "timestamp_in_future"
  | "mismatch"

export type WebhookSignatureResult =
  { valid: true; timestamp: Date } | { valid: false; reason: WebhookSignatureFailure }

export interface VerifyWebhookSignatureInput {
  signatureKey: string
  /** The request body exactly as received (bytes or the undecoded string). */
  rawBody: string | Buffer
  /** `X-BAAS-SIGNATURE` value. */
  signature: string | string[] | undefined | null
  /** `X-BAAS-SIGNATURE-TIMESTAMP` value. */
  timestamp: string | string[] | undefined | null
  /** Refuse signatures older than this (default 300 s). */
  maxAgeSeconds?: number
  now?: Date
}

function single(value: string | string[] | undefined | null): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return v === undefined || v === null || v.trim() === "" ? undefined : v.trim()
}

/** Parses the timestamp header: ISO-8601, or epoch seconds / milliseconds as a fallback. */
export function parseSignatureTimestamp(value: string): Date | undefined {
  if (/^\d+$/.test(value)) {
    const n = Number(value)
    const date = new Date(value.length <= 10 ? n * 1000 : n)
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** Timing-safe verification of a delivery's signature and freshness. */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): WebhookSignatureResult {
  const signature = single(input.signature)
  if (!signature) {
    return { valid: false, reason: "missing_signature" }
  }
  const timestampText = single(input.timestamp)
  if (!timestampText) {
    return { valid: false, reason: "missing_timestamp" }
  }
  const timestamp = parseSignatureTimestamp(timestampText)
  if (!timestamp) {
    return { valid: false, reason: "invalid_timestamp" }
  }
  const now = (input.now ?? new Date()).getTime()
  const maxAgeMs = (input.maxAgeSeconds ?? DEFAULT_SIGNATURE_MAX_AGE_SECONDS) * 1000
  if (now - timestamp.getTime() > maxAgeMs) {
    return { valid: false, reason: "expired" }
  }
  if (timestamp.getTime() - now > FUTURE_SKEW_MS) {
    return { valid: false, reason: "timestamp_in_future" }
  }
  const expected = Buffer.from(
    computeWebhookSignature(input.signatureKey, timestampText, input.rawBody),
    "hex"
  )
  if (!/^[0-9a-fA-F]+$/.test(signature) || signature.length !== expected.length * 2) {
    return { valid: false, reason: "mismatch" }
  }
  const received = Buffer.from(signature, "hex")
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return { valid: false, reason: "mismatch" }
  }
  return { valid: true, timestamp }
}
