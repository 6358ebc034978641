import { randomUUID } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { getScalexpert } from "../providers/scalexpert/registry"
import { errorForLog } from "../scalexpert/errors"
import { readEventLog } from "./reconcile-events"
import {
  discoverSessions,
  dueFiles,
  namedToRead,
  reschedule,
  skipReads,
  scheduleAcceptedFiles,
  scheduleSettings,
} from "./reconcile-selection"
import { nextReadAt, type ScheduleSettings } from "./reconcile-schedule"
import { syncScalexpertFileWorkflow } from "./sync-scalexpert-file"

export type ReconciliationReport = {
  /** Files read again through the sync workflow. */
  checked: number
  failed: number
  /** Another run held the lock: this one did nothing. */
  skipped?: boolean
  /** The lender's event log was read (false: per-file reads only). */
  event_log?: boolean
  /** Calls made to the event log. */
  event_log_calls?: number
  /** New payment sessions given a row, and files named by events since their last read. */
  discovered?: number
  named?: number
}

export const RECONCILIATION_LOCK = "scalexpert:reconcile-files"
/** The lock outlives a crashed run by this much; a live run renews it at every page. */
const LOCK_EXPIRE_SECONDS = 600
/** A run stops taking new pages after this long (the job runs every 5 minutes). */
const RUN_BUDGET_MS = 4 * 60_000
const PAGE = 50

/** Reads one file again (default: the sync workflow, which applies what changed). */
export type ReadFile = (container: MedusaContainer, paymentSessionId: string) => Promise<unknown>

const syncFile: ReadFile = (container, id) =>
  syncScalexpertFileWorkflow(container).run({
    input: { payment_session_id: id, trigger: "job", lane: "background" },
  })

export type ReconcileOptions = {
  /** How a file is read again (the bench counts the lender's calls with a bare read). */
  readFile?: ReadFile
  /** The run's clock (default `Date.now`; the bench simulates an hour of runs). */
  now?: () => number
}

type Run = Required<ReconcileOptions> & { container: MedusaContainer; settings: ScheduleSettings }

/** Re-reads files, `reconciliationConcurrency` at a time. */
async function readFiles(run: Run, sessionIds: string[]): Promise<number> {
  const { container, settings, readFile } = run
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const concurrency = getScalexpert(container).options.reconciliationConcurrency
  let failed = 0
  let next = 0
  const worker = async () => {
    while (next < sessionIds.length) {
      const id = sessionIds[next++]
      try {
        await readFile(container, id)
      } catch (error) {
        failed++
        logger.warn(
          `Scalexpert reconciliation of payment session ${id} failed: ${errorForLog(error)}`
        )
      }
      await reschedule(container, id, settings, run.now())
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return failed
}

/**
 * Due files page by page, newest first. A file whose known state needs no read any more (final,
 * expired, or accepted with an order while the event log watches it) is only rescheduled.
 */
async function readDueFiles(
  run: Run,
  renewLock: () => Promise<void>
): Promise<{ checked: number; failed: number }> {
  const { container, settings } = run
  const started = Date.now()
  const done = new Set<string>()
  let checked = 0
  let failed = 0
  while (Date.now() - started < RUN_BUDGET_MS) {
    const now = run.now()
    const page = (await dueFiles(container, now, PAGE)).filter(
      (f) => !done.has(f.payment_session_id)
    )
    if (!page.length) break
    page.forEach((f) => done.add(f.payment_session_id))
    const toRead = page.filter((f) => nextReadAt(f, now, settings) !== null)
    await skipReads(
      container,
      page.filter((f) => !toRead.includes(f)),
      settings,
      now
    )
    failed += await readFiles(
      run,
      toRead.map((f) => f.payment_session_id)
    )
    checked += toRead.length
    await renewLock()
  }
  return { checked, failed }
}

/**
 * One reconciliation run (the `scalexpert-reconcile-files` job; one at a time, under a lock):
 * 1. Scalexpert payment sessions without a row get one (a backfill; rows are made at creation);
 * 2. the lender's event log since the stored cursor: the files it names since their last read are
 *    re-read (outside changes: back-office cancellations, German cancellation outcomes, decisions
 *    nobody brought), then the cursor moves; without an event log, accepted files go on per-file
 *    reads with back-off instead;
 * 3. the files due on their schedule (open files: 1, 5, 15, 60 minutes after creation, then every
 *    6 hours until they expire), newest first, page by page; each gets its next read time.
 */
export async function reconcileScalexpertFiles(
  container: MedusaContainer,
  options: ReconcileOptions = {}
): Promise<ReconciliationReport> {
  const locking = container.resolve(Modules.LOCKING)
  const ownerId = `reconcile:${randomUUID()}`
  const lock = () => locking.acquire(RECONCILIATION_LOCK, { ownerId, expire: LOCK_EXPIRE_SECONDS })
  try {
    await lock()
  } catch {
    // Another run is going (on this instance or another): this one does nothing.
    return { checked: 0, failed: 0, skipped: true }
  }
  try {
    const clock = options.now ?? Date.now
    const now = clock()
    const discovered = await discoverSessions(container, now)
    const log = await readEventLog(container, now)
    // The log has just said "not for this merchant": accepted files go on per-file back-off.
    if (!log.available && log.refused && log.calls > 0) await scheduleAcceptedFiles(container, now)
    const settings = scheduleSettings(container, log.available || !log.refused)
    // Files the log names since their last read first; the cursor moves once they are read.
    const named = log.available ? await namedToRead(container, log.named, now) : []
    const run: Run = { container, settings, now: clock, readFile: options.readFile ?? syncFile }
    const namedFailed = await readFiles(run, named)
    await log.commit()
    const due = await readDueFiles(run, lock)
    const checked = named.length + due.checked
    const failed = namedFailed + due.failed
    return {
      checked,
      failed,
      event_log: log.available,
      event_log_calls: log.calls,
      discovered,
      named: named.length,
    }
  } finally {
    await locking.release(RECONCILIATION_LOCK, { ownerId }).catch(() => undefined)
  }
}
