/**
 * Reconciliation figures: Scalexpert calls per hour (from the job's schedule and the patterns'
 * rules, for a store of 10,000 accepted + 100 open + 1,200 abandoned files), and the SQL time of
 * one run at a given number of files (measured on the integration PostgreSQL).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { discoverSessions, dueFiles } from "../../src/workflows/reconcile-selection"
import { nextReadAt, type ScheduleSettings } from "../../src/workflows/reconcile-schedule"
import { median, type BenchSandbox } from "./sandbox"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const STORE = { accepted: 10_000, open: 100, abandoned: 1_200 }
const RUNS_PER_HOUR = 12
const EVENTS_PAGE = 100

const SETTINGS: ScheduleSettings = {
  eventLog: true,
  reconciliationMaxAgeDays: 30,
  reconciliationAcceptedMaxAgeDays: 120,
  reconciliationAcceptedIntervalMinutes: 60,
  outsideCancellationGraceSeconds: 120,
}

/** Reads of one file the schedule makes within the hour after `now`. */
function readsWithinHour(
  file: Parameters<typeof nextReadAt>[0],
  now: number,
  settings: ScheduleSettings
) {
  let reads = 0
  let at = nextReadAt(file, now, settings)
  for (; at && at.getTime() < now + HOUR; at = nextReadAt(file, at.getTime(), settings)) reads++
  return reads
}

/**
 * Calls per hour of our job: the event-log pages (one per run at least, `eventsPerHour` spread
 * over the runs) plus the files the events name plus the open files' ladder reads; accepted files
 * are spread over 120 days, open ones over 7 days; abandoned ones are final (never read).
 */
export function ourReconciliationCallsPerHour(eventsPerHour: number, eventLog = true) {
  const settings = { ...SETTINGS, eventLog }
  const now = Date.now()
  let reads = 0
  for (let i = 0; i < STORE.open; i++) {
    const created = new Date(now - (i / STORE.open) * 7 * DAY)
    const open = { status: "INITIALIZED", order_id: null, created_at: created }
    reads += readsWithinHour(open, now, settings)
  }
  if (!eventLog) {
    for (let i = 0; i < STORE.accepted; i++) {
      const created = new Date(now - (i / STORE.accepted) * 120 * DAY)
      // Read once per interval: the rate of reads is an hour over the interval.
      const next = nextReadAt(
        { status: "ACCEPTED", order_id: "o", created_at: created },
        now,
        settings
      )
      if (next) reads += HOUR / (next.getTime() - now)
    }
    return Math.round(reads)
  }
  const pages = RUNS_PER_HOUR * Math.max(1, Math.ceil(eventsPerHour / RUNS_PER_HOUR / EVENTS_PAGE))
  return pages + eventsPerHour + reads
}

/** PrestaShop: every file hourly, a token each; WooCommerce: every order each (hourly) run. */
export function patternReconciliationCallsPerHour(name: "prestashop" | "woocommerce") {
  const files = STORE.accepted + STORE.open + STORE.abandoned
  return name === "prestashop" ? 2 * files : files + 1
}

const BENCH_ROWS = `
  insert into scalexpert_file
    (id, payment_session_id, subscription_id, solution_code, order_id, status, created_at,
     updated_at, last_read_at, next_read_at)
  select 'sxfile_bench_' || g, 'payses_bench_' || g, 'bench-' || g, 'SCFRSP-3XTS',
    case when g % 113 < 100 then 'order_bench_' || g end,
    case when g % 113 < 100 then 'ACCEPTED' when g % 113 = 100 then 'INITIALIZED' else 'ABORTED' end,
    now() - (g % 120) * interval '1 day', now(), now() - (g % 120) * interval '1 day',
    case when g % 113 = 100 then now() + interval '1 hour' end
  from generate_series(1, ?) as g`

/**
 * SQL time of one run with `files` rows (10,000 accepted : 100 open : 1,200 abandoned), median
 * of 5, against the patterns' selections on the same rows.
 */
export async function sqlTimeOfOneRun(
  container: MedusaContainer,
  sandbox: BenchSandbox,
  files: number
) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await pg.raw(`delete from scalexpert_file where id like 'sxfile_bench_%'`)
  await pg.raw(BENCH_ROWS, [files])
  await pg.raw(`analyze scalexpert_file`)
  await sandbox.reset()
  const time = async (work: () => Promise<unknown>) => {
    const samples: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint()
      await work()
      samples.push(Number(process.hrtime.bigint() - t) / 1e6)
    }
    return median(samples)
  }
  // Ours: what a run asks PostgreSQL when nothing changed (new sessions since the cursor, the
  // files due); the event log's HTTP call and the lock are left out.
  const ours = await time(async () => {
    await discoverSessions(container, Date.now())
    await dueFiles(container, Date.now(), 50)
  })
  // The patterns' selections: every file (PrestaShop), every order not final (WooCommerce).
  const prestashop = await time(() =>
    pg.raw(
      `select id, subscription_id from scalexpert_file where deleted_at is null order by created_at`
    )
  )
  const woocommerce = await time(() =>
    pg.raw(
      `select id, subscription_id from scalexpert_file where deleted_at is null and status not in ('REJECTED', 'ABORTED', 'CANCELLED') order by created_at`
    )
  )
  await pg.raw(`delete from scalexpert_file where id like 'sxfile_bench_%'`)
  return {
    files,
    ours_ms: Math.round(ours * 10) / 10,
    prestashop_ms: Math.round(prestashop * 10) / 10,
    woocommerce_ms: Math.round(woocommerce * 10) / 10,
  }
}
