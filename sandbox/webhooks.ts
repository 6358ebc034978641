/**
 * Webhook events of the sandbox, delivered like Scalexpert's merchant-webhooks service:
 *
 * - every event is recorded (and listed by `GET /events`) whether or not a webhook is configured
 *   (`NO_CONFIG`) or active (`INACTIVE`);
 * - a delivery is a POST of the JSON envelope `{timestamp, id, correlationId, eventTypeCode,
 *   eventCode, data, replayCount}`, signed with `X-BAAS-SIGNATURE` / `X-BAAS-SIGNATURE-TIMESTAMP`
 *   when a signature key is configured (and `X-BAAS-SECRET` when a secret is);
 * - only 200 and 201 count as consumed (Scalexpert's rule: even a 204 is replayed); anything else,
 *   or no answer, is replayed every `replayIntervalMs` (10 minutes for real) up to `maxReplays`
 *   times, with `replayCount` 1, 2, ...
 * - deliveries go out one at a time, in the order of the events.
 *
 * Timers are unref'd and cleared by `close()`: nothing keeps the process alive.
 */
import { randomUUID } from "node:crypto"

import { signWebhook } from "../src/scalexpert/webhook-signature"

export type EventDeliveryStatus = "OK" | "ERROR" | "INACTIVE" | "NO_CONFIG"

export interface WebhookConfig {
  url: string
  /** `keyForSignature`: when set, deliveries are signed. */
  signatureKey?: string
  /** `secret`: sent as `X-BAAS-SECRET` when set. */
  secret?: string
  /** Default true. */
  active?: boolean
  /** Event codes to deliver (default all). */
  activeEventCodes?: string[]
}

export interface DispatcherSettings {
  webhook: WebhookConfig | null
  replayIntervalMs: number
  maxReplays: number
  timeoutMs: number
}

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
}

export class WebhookDispatcher {
  private events_: StoredEvent[] = []
  private deliveries_: DeliveryRecord[] = []
  private chain_: Promise<void> = Promise.resolve()
  private readonly timers_ = new Map<string, NodeJS.Timeout>()
  private readonly controllers_ = new Set<AbortController>()
  private seq_ = 0
  private closed_ = false

  constructor(private readonly settings_: () => DispatcherSettings) {}

  get events(): readonly StoredEvent[] {
    return this.events_
  }

  get deliveries(): readonly DeliveryRecord[] {
    return this.deliveries_
  }

  getEvent(id: string): StoredEvent | undefined {
    return this.events_.find((e) => e.id === id)
  }

  /** Records an event and queues its first delivery. */
  emit(eventTypeCode: string, eventCode: string, data: Record<string, unknown>): StoredEvent {
    const event: StoredEvent = {
      timestamp: new Date().toISOString(),
      id: randomUUID(),
      correlationId: randomUUID(),
      eventTypeCode,
      eventCode,
      data: { eventTypeCode, eventCode, ...data },
      replayCount: null,
      status: "ERROR",
    }
    const webhook = this.settings_().webhook
    if (!webhook || !webhook.url) {
      event.status = "NO_CONFIG"
    } else if (
      webhook.active === false ||
      (webhook.activeEventCodes && !webhook.activeEventCodes.includes(eventCode))
    ) {
      event.status = "INACTIVE"
    }
    this.events_.push(event)
    if (event.status === "ERROR") {
      this.enqueue_(event, null)
    }
    return event
  }

  /**
   * Sends an event again now (a replay: `replayCount` + 1), whatever its status. Resolves with the
   * delivery record, or undefined when no webhook URL is configured.
   */
  async resend(eventId: string): Promise<DeliveryRecord | undefined> {
    const event = this.getEvent(eventId)
    if (!event) return undefined
    const replayCount = (event.replayCount ?? 0) + 1
    let record: DeliveryRecord | undefined
    await this.enqueue_(event, replayCount, (r) => {
      record = r
    })
    return record
  }

  /** Resolves when every queued delivery has been attempted. */
  async idle(): Promise<void> {
    let current: Promise<void>
    do {
      current = this.chain_
      await current
    } while (current !== this.chain_)
  }

  reset(): void {
    this.clearTimers_()
    this.events_ = []
    this.deliveries_ = []
  }

  close(): void {
    this.closed_ = true
    this.clearTimers_()
    for (const c of this.controllers_) c.abort()
    this.controllers_.clear()
  }

  private clearTimers_(): void {
    for (const t of this.timers_.values()) clearTimeout(t)
    this.timers_.clear()
  }

  private enqueue_(
    event: StoredEvent,
    replayCount: number | null,
    onRecord?: (r: DeliveryRecord | undefined) => void
  ): Promise<void> {
    const run = this.chain_.then(async () => {
      const record = await this.deliver_(event, replayCount)
      onRecord?.(record)
    })
    this.chain_ = run.catch(() => undefined)
    return this.chain_
  }

  private scheduleReplay_(event: StoredEvent, nextReplayCount: number): void {
    const { replayIntervalMs, maxReplays } = this.settings_()
    if (this.closed_ || nextReplayCount > maxReplays) return
    // One pending replay per event: a manual resend replaces the scheduled one.
    const previous = this.timers_.get(event.id)
    if (previous) clearTimeout(previous)
    const timer = setTimeout(() => {
      this.timers_.delete(event.id)
      if (event.status === "OK" || this.closed_) return
      void this.enqueue_(event, nextReplayCount)
    }, replayIntervalMs)
    timer.unref?.()
    this.timers_.set(event.id, timer)
  }

  private async deliver_(
    event: StoredEvent,
    replayCount: number | null
  ): Promise<DeliveryRecord | undefined> {
    if (this.closed_ || !this.events_.includes(event)) return undefined
    const { webhook, timeoutMs } = this.settings_()
    if (!webhook || !webhook.url) {
      event.status = "NO_CONFIG"
      return undefined
    }
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
    }
    if (webhook.signatureKey) {
      Object.assign(headers, signWebhook(webhook.signatureKey, body).headers)
    }
    if (webhook.secret) {
      headers["x-baas-secret"] = webhook.secret
    }
    const controller = new AbortController()
    this.controllers_.add(controller)
    const timeout = setTimeout(() => controller.abort(), timeoutMs)
    timeout.unref?.()
    const started = Date.now()
    const record: DeliveryRecord = {
      seq: ++this.seq_,
      eventId: event.id,
      eventCode: event.eventCode,
      url: webhook.url,
      replayCount,
      at: new Date(started).toISOString(),
      durationMs: 0,
      requestHeaders: headers,
      requestBody: body,
      ok: false,
    }
    try {
      const res = await fetch(webhook.url, {
        method: "POST",
        headers,
        body,
        signal: controller.signal,
      })
      // Drain the answer (its content is ignored, as Scalexpert does).
      await res.arrayBuffer().catch(() => undefined)
      record.responseStatus = res.status
      record.ok = res.status === 200 || res.status === 201
    } catch (error) {
      record.error = controller.signal.aborted
        ? "timeout"
        : String((error as Error)?.message ?? error)
    } finally {
      clearTimeout(timeout)
      this.controllers_.delete(controller)
    }
    record.durationMs = Date.now() - started
    if (this.closed_) return record
    this.deliveries_.push(record)
    event.timestampOfLastDeliveryAttempt = record.at
    event.httpStatusCodeOfLastDeliveryAttempt = record.responseStatus
    if (replayCount !== null) {
      event.replayCount = Math.max(event.replayCount ?? 0, replayCount)
    }
    if (record.ok) {
      event.status = "OK"
      const pending = this.timers_.get(event.id)
      if (pending) clearTimeout(pending)
      this.timers_.delete(event.id)
    } else {
      event.status = "ERROR"
      this.scheduleReplay_(event, (event.replayCount ?? 0) + 1)
    }
    return record
  }
}
