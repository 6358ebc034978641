/**
 * When the reconciliation job reads a file next (pure: the job stores the answer in
 * `scalexpert_file.next_read_at`; null means "only when the lender's event log names it").
 *
 * - Open files (no decision yet, or accepted without an order): 1, 5, 15 and 60 minutes after
 *   creation, then every 6 hours until they expire (`reconciliationMaxAgeDays`).
 * - Accepted files with an order: with the event log, only when an event names them (plus a
 *   6-hourly look while a German cancellation awaits its outcome); without it, per-file reads
 *   with back-off by age.
 * - Final files (refused, abandoned, cancelled): never.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Reads of an open file after its creation, then every `OPEN_READ_EVERY_MS`. */
export const OPEN_READ_OFFSETS_MS = [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE]
export const OPEN_READ_EVERY_MS = 6 * HOUR

const FINAL_STATUSES = ["REJECTED", "ABORTED", "CANCELLED"]
const OPEN_STATUSES = ["INITIALIZED", "REQUESTED", "PRE_ACCEPTED"]

export type ScheduledFile = {
  status: string | null
  order_id: string | null
  created_at: Date | string
  pending_cancellation?: unknown
  cancel_status?: string | null
}

export type ScheduleSettings = {
  /** The lender's event log answers for this merchant. */
  eventLog: boolean
  reconciliationMaxAgeDays: number
  reconciliationAcceptedMaxAgeDays: number
  reconciliationAcceptedIntervalMinutes: number
}

/** The first read of a ladder after `now`, or null past `expiresAt`. */
function onLadder(
  createdAt: number,
  now: number,
  expiresAt: number,
  steps: number[],
  every: number
) {
  let at = steps.map((step) => createdAt + step).find((t) => t > now)
  if (at === undefined) {
    const last = createdAt + steps[steps.length - 1]
    at = last + (Math.floor((now - last) / every) + 1) * every
  }
  return at <= expiresAt ? new Date(at) : null
}

/** Next read of an open file, by its age. */
export function nextOpenRead(createdAt: number, now: number, maxAgeDays: number): Date | null {
  return onLadder(
    createdAt,
    now,
    createdAt + maxAgeDays * DAY,
    OPEN_READ_OFFSETS_MS,
    OPEN_READ_EVERY_MS
  )
}

/** Without an event log: accepted files are read every interval the first day, then less often. */
function nextAcceptedRead(createdAt: number, now: number, settings: ScheduleSettings) {
  const expiresAt = createdAt + settings.reconciliationAcceptedMaxAgeDays * DAY
  const interval = Math.max(1, settings.reconciliationAcceptedIntervalMinutes) * MINUTE
  const age = now - createdAt
  const every = age < DAY ? interval : age < 7 * DAY ? Math.max(interval, 6 * HOUR) : DAY
  const at = now + every
  return at <= expiresAt ? new Date(at) : null
}

/** Work in progress on an accepted file that a later read settles. */
function pendingWork(file: ScheduledFile, now: number, settings: ScheduleSettings): Date | null {
  if (file.pending_cancellation || file.cancel_status === "requested") {
    return new Date(now + (settings.eventLog ? 6 * HOUR : 5 * MINUTE))
  }
  return null
}

export function nextReadAt(file: ScheduledFile, now: number, settings: ScheduleSettings) {
  const createdAt = new Date(file.created_at).getTime()
  if (file.status && FINAL_STATUSES.includes(file.status)) return null
  if (!file.status || OPEN_STATUSES.includes(file.status) || !file.order_id) {
    return nextOpenRead(createdAt, now, settings.reconciliationMaxAgeDays)
  }
  const pending = pendingWork(file, now, settings)
  if (pending) return pending
  return settings.eventLog ? null : nextAcceptedRead(createdAt, now, settings)
}
