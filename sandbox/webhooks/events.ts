/** Webhook events as the merchant-webhooks API records and lists them. */
export type EventDeliveryStatus = "OK" | "ERROR" | "INACTIVE" | "NO_CONFIG"

/** WebhookEventForMerchant. */
export interface StoredEvent {
  timestamp: string
  id: string
  correlationId: string
  eventTypeCode: string
  eventCode: string
  data: Record<string, unknown>
  /** Null until the first replay. */
  replayCount: number | null
  status: EventDeliveryStatus
  timestampOfLastDeliveryAttempt?: string
  httpStatusCodeOfLastDeliveryAttempt?: number
}

export interface DeliveryRecord {
  seq: number
  eventId: string
  eventCode: string
  url: string
  replayCount: number | null
  at: string
  durationMs: number
  /** Headers sent (lower-case). */
  requestHeaders: Record<string, string>
  /** The exact body sent (what the signature covers). */
  requestBody: string
  responseStatus?: number
  error?: string
  ok: boolean
  /** Set on a copy sent twice on purpose (control API `webhookChaos.duplicateProbability`). */
  duplicate?: boolean
}

/** Misbehaviour of deliveries (control API), drawn from the sandbox's seeded generator. */
export interface WebhookChaos {
  /** A first delivery is lost: never sent, never replayed (the event stays ERROR in the log). */
  dropProbability?: number
  /** A delivery is sent twice. */
  duplicateProbability?: number
  /** Each first delivery waits 0..maxDelayMs (deliveries then overtake each other). */
  maxDelayMs?: number
  /** Each event is held until the next one, which is delivered first (or until `holdMs`, default 1 s). */
  outOfOrder?: boolean
  holdMs?: number
}

/** `GET /events` item. */
export function eventJson(e: StoredEvent): Record<string, unknown> {
  return {
    timestamp: e.timestamp,
    id: e.id,
    correlationId: e.correlationId,
    eventTypeCode: e.eventTypeCode,
    eventCode: e.eventCode,
    data: e.data,
    // "Null if the event is delivered for the first time", but the schema's type is integer: omitted.
    ...(e.replayCount === null ? {} : { replayCount: e.replayCount }),
    status: e.status,
    timestampOfLastDeliveryAttempt: e.timestampOfLastDeliveryAttempt,
    httpStatusCodeOfLastDeliveryAttempt: e.httpStatusCodeOfLastDeliveryAttempt,
  }
}
