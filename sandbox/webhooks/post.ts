/** One delivery attempt of an event to the merchant's URL. */
import { signatureHeaders } from "../signer"
import type { WebhookConfig } from "./config"
import type { DeliveryRecord, StoredEvent } from "./events"

function authHeaders(config: WebhookConfig): Record<string, string> {
  const headers: Record<string, string> = {}
  if (config.authMethod === "BASIC_AUTH" && config.authLogin) {
    const basic = Buffer.from(`${config.authLogin}:${config.authPassword ?? ""}`).toString("base64")
    headers.authorization = `Basic ${basic}`
  }
  // "If the authentication method is API_KEY, the header Authorization will contain the secret."
  if (config.secret) {
    if (config.authMethod === "API_KEY") headers.authorization = config.secret
    else headers["x-baas-secret"] = config.secret
  }
  return headers
}

export async function postEvent(
  event: StoredEvent,
  replayCount: number | null,
  config: WebhookConfig,
  timeoutMs: number,
  seq: number,
  closing: AbortSignal
): Promise<DeliveryRecord> {
  const url = config.url as string
  const body = JSON.stringify({
    timestamp: event.timestamp,
    id: event.id,
    correlationId: event.correlationId,
    eventTypeCode: event.eventTypeCode,
    eventCode: event.eventCode,
    data: event.data,
    replayCount,
  })
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "scalexpert-sandbox-webhooks",
    ...authHeaders(config),
    ...(config.keyForSignature ? signatureHeaders(config.keyForSignature, body) : {}),
  }
  const started = Date.now()
  const record: DeliveryRecord = {
    seq,
    eventId: event.id,
    eventCode: event.eventCode,
    url,
    replayCount,
    at: new Date(started).toISOString(),
    durationMs: 0,
    requestHeaders: headers,
    requestBody: body,
    ok: false,
  }
  try {
    const res = await fetch(url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing]),
    })
    // Drained and ignored, as Scalexpert does.
    await res.arrayBuffer().catch(() => undefined)
    record.responseStatus = res.status
    record.ok = res.status === 200 || res.status === 201
  } catch (error) {
    const name = (error as Error)?.name
    record.error = name === "TimeoutError" ? "timeout" : String((error as Error)?.message ?? error)
  }
  record.durationMs = Date.now() - started
  return record
}
