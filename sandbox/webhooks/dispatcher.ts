/**
 * Delivery of webhook events, like Scalexpert's merchant-webhooks service:
 * - every event is recorded (`GET /events`) whatever the configuration (`NO_CONFIG`, `INACTIVE`);
 * - a delivery POSTs `{timestamp, id, correlationId, eventTypeCode, eventCode, data, replayCount}`,
 *   signed (`X-BAAS-SIGNATURE`) when the configuration has a `keyForSignature`;
 * - only 200 and 201 acknowledge (the documents' rule: a 204 is replayed); otherwise the event is
 *   replayed every `replayIntervalMs` (10 minutes for real) up to `maxReplays` times (5 days);
 * - deliveries go out one at a time in event order, unless `WebhookChaos` says otherwise.
 * Timers are unref'd and cleared by `close()`.
 */
import { randomUUID } from "node:crypto"

import type { SeededRandom } from "../rules/random"
import { governing, type WebhookConfig } from "./config"
import { postEvent } from "./post"
import type { DeliveryRecord, StoredEvent, WebhookChaos } from "./events"

export interface DispatcherSettings {
  configs: ReadonlyMap<string, WebhookConfig>
  replayIntervalMs: number
  maxReplays: number
  timeoutMs: number
  chaos: WebhookChaos
  random: SeededRandom
}

export class WebhookDispatcher {
  private events_: StoredEvent[] = []
  private deliveries_: DeliveryRecord[] = []
  private chain_: Promise<void> = Promise.resolve()
  private readonly timers_ = new Map<string, NodeJS.Timeout>()
  private readonly held_ = new Set<Promise<void>>()
  private heldEvent_?: { event: StoredEvent; release: () => void }
  private seq_ = 0
  private closed_ = false
  private readonly closing_ = new AbortController()

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

  /** Records an event and sends it per the configuration (and the chaos settings). */
  emit(eventTypeCode: string, eventCode: string, data: Record<string, unknown>): StoredEvent {
    const event: StoredEvent = {
      timestamp: new Date().toISOString(),
      id: randomUUID(),
      correlationId: randomUUID(),
      eventTypeCode,
      eventCode,
      data: { eventTypeCode, eventCode, ...data },
      replayCount: null,
      status: governing(this.settings_().configs, eventTypeCode, eventCode).status,
    }
    this.events_.push(event)
    if (event.status === "ERROR") this.firstDelivery_(event)
    return event
  }

  /** Sends an event again now (a replay: `replayCount` + 1). Undefined when nothing can be sent. */
  async resend(eventId: string): Promise<DeliveryRecord | undefined> {
    const event = this.getEvent(eventId)
    if (!event) return undefined
    let record: DeliveryRecord | undefined
    await this.enqueue_(event, (event.replayCount ?? 0) + 1, (r) => (record = r))
    return record
  }

  /** Resolves when every queued, delayed or held delivery has been attempted. */
  async idle(): Promise<void> {
    let current: Promise<void>
    do {
      this.heldEvent_?.release()
      await Promise.all([...this.held_])
      current = this.chain_
      await current
    } while (current !== this.chain_ || this.held_.size > 0)
  }

  reset(): void {
    this.clearTimers_()
    this.heldEvent_ = undefined
    this.events_ = []
    this.deliveries_ = []
  }

  close(): void {
    this.closed_ = true
    this.clearTimers_()
    this.closing_.abort()
  }

  private clearTimers_(): void {
    for (const t of this.timers_.values()) clearTimeout(t)
    this.timers_.clear()
  }

  /** A promise tracked by `idle()`, resolved after `ms` (or at once by `idle()` for a held event). */
  private hold_(ms: number, then: () => void): { release: () => void } {
    let release = () => undefined as void
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => release(), ms)
      timer.unref?.()
      release = () => {
        clearTimeout(timer)
        resolve()
      }
    }).then(() => {
      this.held_.delete(done)
      if (!this.closed_) then()
    })
    this.held_.add(done)
    return { release: () => release() }
  }

  private firstDelivery_(event: StoredEvent): void {
    const { chaos, random } = this.settings_()
    // Dropped: never sent, never replayed: only polling (`GET /events`, the file) reveals it.
    if (chaos.dropProbability && random.chance(chaos.dropProbability)) return
    const copies = chaos.duplicateProbability && random.chance(chaos.duplicateProbability) ? 2 : 1
    const send = () => {
      for (let i = 0; i < copies; i++) void this.enqueue_(event, null, undefined, i > 0)
    }
    if (chaos.outOfOrder) {
      const previous = this.heldEvent_
      this.heldEvent_ = undefined
      if (previous) {
        send()
        previous.release()
      } else {
        const held = this.hold_(chaos.holdMs ?? 1000, () => {
          if (this.heldEvent_?.event === event) this.heldEvent_ = undefined
          send()
        })
        this.heldEvent_ = { event, release: held.release }
      }
      return
    }
    const delay = chaos.maxDelayMs ? random.upTo(chaos.maxDelayMs) : 0
    if (delay > 0) this.hold_(delay, send)
    else send()
  }

  private enqueue_(
    event: StoredEvent,
    replayCount: number | null,
    onRecord?: (r: DeliveryRecord | undefined) => void,
    duplicate = false
  ): Promise<void> {
    const run = this.chain_.then(async () => {
      const record = await this.deliver_(event, replayCount, duplicate)
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
      if (event.status !== "OK" && !this.closed_) void this.enqueue_(event, nextReplayCount)
    }, replayIntervalMs)
    timer.unref?.()
    this.timers_.set(event.id, timer)
  }

  private async deliver_(
    event: StoredEvent,
    replayCount: number | null,
    duplicate: boolean
  ): Promise<DeliveryRecord | undefined> {
    if (this.closed_ || !this.events_.includes(event)) return undefined
    const { configs, timeoutMs } = this.settings_()
    const { config } = governing(configs, event.eventTypeCode, event.eventCode)
    if (!config?.url) {
      event.status = "NO_CONFIG"
      return undefined
    }
    const record = await postEvent(
      event,
      replayCount,
      config,
      timeoutMs,
      ++this.seq_,
      this.closing_.signal
    )
    if (duplicate) record.duplicate = true
    if (this.closed_) return record
    this.deliveries_.push(record)
    event.timestampOfLastDeliveryAttempt = record.at
    event.httpStatusCodeOfLastDeliveryAttempt = record.responseStatus
    if (replayCount !== null) event.replayCount = Math.max(event.replayCount ?? 0, replayCount)
    if (record.ok) {
      event.status = "OK"
      clearTimeout(this.timers_.get(event.id))
      this.timers_.delete(event.id)
    } else if (event.status !== "OK") {
      event.status = "ERROR"
      this.scheduleReplay_(event, (event.replayCount ?? 0) + 1)
    }
    return record
  }
}
