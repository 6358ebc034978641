import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SCALEXPERT_MODULE } from "../modules/scalexpert"
import type ScalexpertModuleService from "../modules/scalexpert/service"
import { getScalexpert, scalexpertProviderId } from "../providers/scalexpert/registry"
import { nextOpenRead, nextReadAt, type ScheduleSettings } from "./reconcile-schedule"

const DAY = 24 * 3600 * 1000
const PAGE = 500
/** Sessions may be committed a little after their `created_at`: discovery looks back this far. */
const DISCOVERY_OVERLAP_MS = 10 * 60_000
export const SESSIONS_CURSOR = "payment-sessions"
/** The scan of Medusa's payment sessions (not the plugin's table) runs at most this often. */
const DISCOVERY_EVERY_MS = 3600_000

type SessionRow = { id: string; created_at: Date | string; data: Record<string, unknown> | null }

const service = (container: MedusaContainer) =>
  container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)

export function scheduleSettings(container: MedusaContainer, eventLog: boolean): ScheduleSettings {
  const { options } = getScalexpert(container)
  return {
    eventLog,
    reconciliationMaxAgeDays: options.reconciliationMaxAgeDays,
    reconciliationAcceptedMaxAgeDays: options.reconciliationAcceptedMaxAgeDays,
    reconciliationAcceptedIntervalMinutes: options.reconciliationAcceptedIntervalMinutes,
  }
}

/**
 * Gives every Scalexpert payment session the plugin has no row for yet a row in its own table,
 * due at `dueAt(session)` (null: not to be read); existing rows of named sessions are left as
 * they are. Unique per payment session: a row made meanwhile by the sync workflow wins.
 */
async function track(
  container: MedusaContainer,
  sessions: SessionRow[],
  dueAt: (session: SessionRow) => Date | null
): Promise<number> {
  const ids = sessions.map((s) => s.id)
  if (!ids.length) return 0
  const known = await service(container).listScalexpertFiles(
    { payment_session_id: ids },
    { select: ["payment_session_id"], take: ids.length }
  )
  const have = new Set(known.map((f) => f.payment_session_id))
  const rows = sessions
    .filter((s) => !have.has(s.id) && typeof s.data?.subscription_id === "string")
    .map((s) => ({
      payment_session_id: s.id,
      subscription_id: s.data?.subscription_id as string,
      solution_code: String(s.data?.solution_code ?? ""),
      // The open-file ladder counts from the file's creation, not from its discovery.
      created_at: new Date(s.created_at),
      next_read_at: dueAt(s),
    }))
    .filter((row) => row.next_read_at !== null)
  for (const row of rows) {
    await service(container)
      .createScalexpertFiles(row)
      .catch(() => undefined)
  }
  return rows.length
}

/**
 * Scalexpert payment sessions without a row in the plugin's table get one, on the open-file
 * ladder. Rows are normally made when the file is created (`src/api/scalexpert/track-session.ts`):
 * this backfills the files made before (first run: the last `reconciliationMaxAgeDays`) and, at
 * most hourly, any whose row could not be made; paged by creation time from a stored cursor.
 */
export async function discoverSessions(container: MedusaContainer, now: number): Promise<number> {
  const { options } = getScalexpert(container)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [cursor] = await service(container).listScalexpertSyncCursors({ name: SESSIONS_CURSOR })
  const stored = (cursor?.value as { at?: string; scanned_at?: string } | null) ?? {}
  if (stored.scanned_at && Date.parse(stored.scanned_at) > now - DISCOVERY_EVERY_MS) return 0
  let from = stored.at
    ? Date.parse(stored.at) - DISCOVERY_OVERLAP_MS
    : now - options.reconciliationMaxAgeDays * DAY
  let newest = stored.at ? Date.parse(stored.at) : 0
  let tracked = 0
  for (;;) {
    const { data } = await query.graph({
      entity: "payment_session",
      fields: ["id", "created_at", "data"],
      filters: {
        provider_id: scalexpertProviderId(container),
        created_at: { $gt: new Date(from).toISOString() },
      } as Record<string, unknown>,
      pagination: { take: PAGE, order: { created_at: "ASC" } },
    })
    const sessions = data as SessionRow[]
    tracked += await track(container, sessions, (s) =>
      nextOpenRead(new Date(s.created_at).getTime(), now, options.reconciliationMaxAgeDays)
    )
    if (sessions.length) {
      from = new Date(sessions[sessions.length - 1].created_at).getTime()
      newest = Math.max(newest, from)
    }
    if (sessions.length < PAGE) break
  }
  const value = {
    at: new Date(newest || now).toISOString(),
    scanned_at: new Date(now).toISOString(),
  }
  if (cursor) await service(container).updateScalexpertSyncCursors({ id: cursor.id, value })
  else await service(container).createScalexpertSyncCursors({ name: SESSIONS_CURSOR, value })
  return tracked
}

/**
 * The payment sessions of the files named by the event log since the plugin last read them
 * (a named session with no row yet gets one).
 */
export async function namedToRead(
  container: MedusaContainer,
  named: Map<string, number>,
  now: number
): Promise<string[]> {
  const ids = [...named.keys()]
  const toRead: string[] = []
  for (let start = 0; start < ids.length; start += PAGE) {
    const chunk = ids.slice(start, start + PAGE)
    const rows = await service(container).listScalexpertFiles(
      { payment_session_id: chunk },
      { select: ["id", "payment_session_id", "last_read_at"], take: chunk.length }
    )
    const stale = rows.filter(
      (row) =>
        !row.last_read_at ||
        new Date(row.last_read_at).getTime() < (named.get(row.payment_session_id) ?? 0)
    )
    toRead.push(...stale.map((row) => row.payment_session_id))
    const have = new Set(rows.map((r) => r.payment_session_id))
    const missing = chunk.filter((id) => !have.has(id))
    if (!missing.length) continue
    const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "payment_session",
      fields: ["id", "created_at", "data"],
      filters: { id: missing, provider_id: scalexpertProviderId(container) },
    })
    const sessions = data as SessionRow[]
    await track(container, sessions, () => new Date(now))
    toRead.push(...sessions.map((s) => s.id))
  }
  return toRead
}

/**
 * Without the event log: accepted files with an order that no schedule covers get one, spread
 * over the first interval (run when the log has just refused, at most hourly).
 */
export async function scheduleAcceptedFiles(container: MedusaContainer, now: number) {
  const settings = scheduleSettings(container, false)
  const since = new Date(now - settings.reconciliationAcceptedMaxAgeDays * DAY)
  const spread = Math.max(1, settings.reconciliationAcceptedIntervalMinutes) * 60_000
  for (;;) {
    const rows = await service(container).listScalexpertFiles(
      {
        status: "ACCEPTED",
        order_id: { $ne: null },
        next_read_at: null,
        created_at: { $gte: since },
      },
      { select: ["id"], take: PAGE }
    )
    if (!rows.length) return
    await service(container).updateScalexpertFiles(
      rows.map((row) => ({ id: row.id, next_read_at: new Date(now + Math.random() * spread) }))
    )
    if (rows.length < PAGE) return
  }
}

const SCHEDULE_FIELDS = [
  "id",
  "payment_session_id",
  "status",
  "order_id",
  "created_at",
  "pending_cancellation",
  "cancel_status",
] as const

/** Due files, newest first (uses the partial index on `next_read_at`). */
export async function dueFiles(container: MedusaContainer, now: number, take: number) {
  return service(container).listScalexpertFiles(
    { next_read_at: { $lte: new Date(now) } } as Record<string, unknown>,
    { select: [...SCHEDULE_FIELDS], take, order: { created_at: "DESC" } }
  )
}

type DueFile = Awaited<ReturnType<typeof dueFiles>>[number]

/** Due files that need no read: only their next read time changes. */
export async function skipReads(
  container: MedusaContainer,
  files: DueFile[],
  settings: ScheduleSettings,
  now = Date.now()
): Promise<void> {
  if (!files.length) return
  await service(container).updateScalexpertFiles(
    files.map((file) => ({ id: file.id, next_read_at: nextReadAt(file, now, settings) }))
  )
}

/** After a read (or a failed one): when to read the file next. */
export async function reschedule(
  container: MedusaContainer,
  paymentSessionId: string,
  settings: ScheduleSettings,
  now = Date.now()
): Promise<void> {
  const [row] = await service(container).listScalexpertFiles({
    payment_session_id: paymentSessionId,
  })
  if (!row) return
  const next = nextReadAt(row, now, settings)
  await service(container).updateScalexpertFiles({ id: row.id, next_read_at: next })
}
