/**
 * Signs webhook deliveries as the merchant-webhooks documents describe: `X-BAAS-SIGNATURE` is the
 * hex HMAC-SHA256 (keyed with `keyForSignature`) of `"{X-BAAS-SIGNATURE-TIMESTAMP}.{raw body}"`.
 * The sandbox's own implementation (node:crypto), independent from the plugin's verifier.
 */
import { createHmac, timingSafeEqual } from "node:crypto"

export function signatureOf(key: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", key).update(`${timestamp}.${rawBody}`, "utf8").digest("hex")
}

/** Headers of a signed delivery (lower-case names). */
export function signatureHeaders(
  key: string,
  rawBody: string,
  now = new Date()
): Record<string, string> {
  const timestamp = now.toISOString()
  return {
    "x-baas-signature": signatureOf(key, timestamp, rawBody),
    "x-baas-signature-timestamp": timestamp,
  }
}

/** For tests: does `headers` carry a valid signature of `rawBody`? */
export function hasValidSignature(
  key: string,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>
): boolean {
  const signature = headers["x-baas-signature"]
  const timestamp = headers["x-baas-signature-timestamp"]
  if (Array.isArray(signature) || Array.isArray(timestamp)) return false
  if (!signature || !timestamp) return false
  const expected = Buffer.from(signatureOf(key, timestamp, rawBody), "hex")
  const given = Buffer.from(signature, "hex")
  return given.length === expected.length && timingSafeEqual(given, expected)
}
