import type { MedusaContainer } from "@medusajs/framework/types"
import { SCALEXPERT_MODULE } from "../modules/scalexpert"
import type ScalexpertModuleService from "../modules/scalexpert/service"
import { getScalexpert } from "../providers/scalexpert/registry"
import { isScalexpertError } from "../scalexpert/errors"
import type { WebhookEvent } from "../scalexpert/schemas"

/** Events of the files' life that may change what Medusa knows. */
const FILE_EVENT_TYPES = ["SC_SUBSCRIPTION", "SC_CANCEL_REQUEST"]
const PAGE_SIZE = 100
/** Events may be logged a little after their timestamp: each page request looks back this far. */
const OVERLAP_MS = 2 * 60_000
/** A merchant without the event log is asked again after this long. */
const UNAVAILABLE_RETRY_MS = 60 * 60_000
/** Where the first run starts in the log. */
const FIRST_RUN_LOOKBACK_MS = 24 * 60 * 60_000

/** A file's creation is no news (the plugin made it): only what happened to it later counts. */
const namesChange = (event: WebhookEvent) =>
  FILE_EVENT_TYPES.includes(event.eventTypeCode) &&
  !(event.eventTypeCode === "SC_SUBSCRIPTION" && event.data?.consolidatedStatus === "INITIALIZED")

export const EVENTS_CURSOR = "merchant-webhooks-events"

type EventsCursor = {
  /** Newest event timestamp seen (the lender's clock). */
  at?: string
  /** `[id, time]` of the events seen within OVERLAP_MS of `at`, not to be counted twice. */
  recent?: [string, number][]
  /** The log answered "not for you" (scope, not subscribed): per-file reads until then. */
  unavailable_until?: string
}

export type EventLogResult =
  | { available: true; named: Map<string, number>; calls: number }
  | {
      available: false
      calls: number
      reason: string
      /** The merchant has no event log (not a passing failure). */
      refused: boolean
    }

function cursors(container: MedusaContainer) {
  const service = container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
  return {
    async load(name: string): Promise<{ id?: string; value: EventsCursor }> {
      const [row] = await service.listScalexpertSyncCursors({ name })
      return { id: row?.id, value: (row?.value ?? {}) as EventsCursor }
    },
    async save(name: string, id: string | undefined, value: EventsCursor): Promise<void> {
      const data = value as unknown as Record<string, unknown>
      if (id) await service.updateScalexpertSyncCursors({ id, value: data })
      else await service.createScalexpertSyncCursors({ name, value: data })
    },
  }
}

/** The answer meant "this merchant has no event log", not "try again later". */
const meansUnavailable = (error: unknown) =>
  isScalexpertError(error) && [400, 401, 403, 404].includes(error.status ?? 0)

/** Every page of the log after `from` (newest first, so events logged meanwhile are not lost). */
async function readPages(container: MedusaContainer, from: string) {
  const client = getScalexpert(container).client
  const events: WebhookEvent[] = []
  let calls = 0
  for (let page = 1; ; page++) {
    calls++
    const answer = await client.listEvents(
      { fromTimestamp: from, page, pageSize: PAGE_SIZE },
      { lane: "background" }
    )
    events.push(...answer.events)
    if (answer.events.length < PAGE_SIZE || page * PAGE_SIZE >= answer.totalEventCount) break
  }
  return { events, calls }
}

/**
 * Reads the lender's event log since the stored cursor and returns the payment sessions it names
 * (Scalexpert's `merchantGlobalOrderId` is the payment session id) with their newest event time.
 * The cursor moves only by what was read; `commit` stores it once the named files are marked.
 */
export async function readEventLog(
  container: MedusaContainer,
  now: number
): Promise<EventLogResult & { commit: () => Promise<void> }> {
  const store = cursors(container)
  const { id, value } = await store.load(EVENTS_CURSOR)
  const none = async () => {}
  if (value.unavailable_until && Date.parse(value.unavailable_until) > now) {
    return { available: false, calls: 0, reason: "no event log", refused: true, commit: none }
  }
  const since = value.at ? Date.parse(value.at) - OVERLAP_MS : now - FIRST_RUN_LOOKBACK_MS
  let read: Awaited<ReturnType<typeof readPages>>
  try {
    read = await readPages(container, new Date(since).toISOString())
  } catch (error) {
    const reason = (error as Error).message
    if (!meansUnavailable(error)) {
      return { available: false, calls: 1, reason, refused: false, commit: none }
    }
    const until = new Date(now + UNAVAILABLE_RETRY_MS).toISOString()
    const commit = () => store.save(EVENTS_CURSOR, id, { ...value, unavailable_until: until })
    return { available: false, calls: 1, reason, refused: true, commit }
  }
  const seen = new Map((value.recent ?? []).map(([eventId, at]) => [eventId, at]))
  const named = new Map<string, number>()
  let newest = value.at ? Date.parse(value.at) : 0
  for (const event of read.events) {
    const at = Date.parse(event.timestamp)
    const sessionId = event.data?.merchantGlobalOrderId
    const fresh = !seen.has(event.id)
    seen.set(event.id, at)
    newest = Math.max(newest, at)
    if (!fresh || !sessionId || !namesChange(event)) continue
    named.set(sessionId, Math.max(named.get(sessionId) ?? 0, at))
  }
  const recent = [...seen].filter(([, at]) => at > newest - OVERLAP_MS)
  const next: EventsCursor = newest ? { at: new Date(newest).toISOString(), recent } : {}
  return {
    available: true,
    named,
    calls: read.calls,
    commit: () => store.save(EVENTS_CURSOR, id, next),
  }
}
