/**
 * Reconciliation calls per hour, measured: a store of 10,000 accepted + 100 open + 1,200
 * abandoned files in the plugin's table (PostgreSQL), the job run 12 times over a simulated hour
 * (its clock 5 minutes further at each run), and the Scalexpert calls counted in the sandbox's log.
 *
 * The job is the real one (lock, event log and its cursor, selection of the files due, their
 * next read times); only a file's read is bare (one `GET` of the file through the provider's
 * client, then `last_read_at`), since the bench's rows have no Medusa cart or order behind them.
 * The open files and 10 accepted ones exist in the sandbox; during the hour, 10 of those accepted
 * files are cancelled in the lender's back office (10 events). Without the event log (the sandbox
 * answers it 403), accepted files are on their per-file schedule, spread as in a steady state.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sampleSubscriptionRequest } from "../../sandbox/fixtures"
import { SCALEXPERT_MODULE } from "../../src/modules/scalexpert"
import type ScalexpertModuleService from "../../src/modules/scalexpert/service"
import { getScalexpert } from "../../src/providers/scalexpert/registry"
import { EVENTS_CURSOR } from "../../src/workflows/reconcile-events"
import {
  reconcileScalexpertFiles,
  type ReadFile,
} from "../../src/workflows/reconcile-scalexpert-files"
import { nextOpenRead } from "../../src/workflows/reconcile-schedule"
import { SESSIONS_CURSOR } from "../../src/workflows/reconcile-selection"
import type { BenchSandbox } from "./sandbox"

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
export const STORE = { accepted: 10_000, open: 100, abandoned: 1_200 }
const RUNS = 12
const EVENTS = 10

export type HourFigure = {
  calls: number
  event_log_calls: number
  file_reads: number
  token_requests: number
}

const ACCEPTED_ROWS = `
  insert into scalexpert_file
    (id, payment_session_id, subscription_id, solution_code, order_id, status, created_at,
     updated_at, last_read_at, next_read_at)
  select 'sxfile_rec_a' || g, 'payses_rec_a' || g, coalesce((?::jsonb) ->> (g - 1), 'rec-a-' || g),
    'SCFRSP-3XTS', 'order_rec_' || g, 'ACCEPTED', now() - g * interval '1 day' * 120 / ?,
    now(), now() - g * interval '1 day' * 120 / ?,
    case when ? then null
      when g * 120 < ? then now() + random() * interval '1 hour'
      when g * 120 < 7 * ? then now() + random() * interval '6 hours'
      else now() + random() * interval '1 day' end
  from generate_series(1, ?) as g`

const ABANDONED_ROWS = `
  insert into scalexpert_file
    (id, payment_session_id, subscription_id, solution_code, status, created_at, updated_at)
  select 'sxfile_rec_x' || g, 'payses_rec_x' || g, 'rec-x-' || g, 'SCFRSP-3XTS', 'ABORTED',
    now() - (g % 30) * interval '1 day', now()
  from generate_series(1, ?) as g`

const service = (container: MedusaContainer) =>
  container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)

async function clean(container: MedusaContainer) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await pg.raw(`delete from scalexpert_file where id like 'sxfile_rec_%'`)
  const cursors = await service(container).listScalexpertSyncCursors({
    name: [EVENTS_CURSOR, SESSIONS_CURSOR],
  })
  if (cursors.length) await service(container).deleteScalexpertSyncCursors(cursors.map((c) => c.id))
}

/** Files in the sandbox, made through the provider's client; returns their ids in order. */
async function sandboxFiles(container: MedusaContainer, prefix: string, count: number) {
  const client = getScalexpert(container).client
  const ids: string[] = []
  for (let i = 1; i <= count; i++) {
    const body = sampleSubscriptionRequest({ merchantGlobalOrderId: `${prefix}${i}` })
    ids.push((await client.createSubscription(body, { lane: "background" })).id)
  }
  return ids
}

/** The store as the hour starts; returns the sandbox ids of the accepted files to cancel. */
async function seed(container: MedusaContainer, sandbox: BenchSandbox, eventLog: boolean) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const now = Date.now()
  const accepted = await sandboxFiles(container, "payses_rec_a", EVENTS)
  for (const id of accepted) await sandbox.decide(id, "accept")
  const open = await sandboxFiles(container, "payses_rec_o", STORE.open)
  const n = STORE.accepted
  await pg.raw(ACCEPTED_ROWS, [JSON.stringify(accepted), n, n, eventLog, n, n, n])
  await pg.raw(ABANDONED_ROWS, [STORE.abandoned])
  await service(container).createScalexpertFiles(
    open.map((id, i) => {
      const created = now - (i / STORE.open) * 7 * DAY
      return {
        id: `sxfile_rec_o${i + 1}`,
        payment_session_id: `payses_rec_o${i + 1}`,
        subscription_id: id,
        solution_code: "SCFRSP-3XTS",
        status: "INITIALIZED",
        created_at: new Date(created),
        next_read_at: nextOpenRead(created, now, 30),
      }
    })
  )
  // Steady state: the sessions were scanned and the event log read up to now.
  const { data } = await sandbox.control.get<{ events: { id: string; timestamp: string }[] }>(
    "/events"
  )
  const recent = data.events.map((e) => [e.id, Date.parse(e.timestamp)])
  const at = new Date(now).toISOString()
  await service(container).createScalexpertSyncCursors([
    { name: EVENTS_CURSOR, value: { at, recent } },
    { name: SESSIONS_CURSOR, value: { at, scanned_at: at } },
  ])
  return accepted
}

/** One `GET` of the file, then its read time (what the sync workflow's read costs the lender). */
const bareRead: ReadFile = async (container, paymentSessionId) => {
  const [row] = await service(container).listScalexpertFiles(
    { payment_session_id: paymentSessionId },
    { select: ["id", "subscription_id"], take: 1 }
  )
  if (!row?.subscription_id) return
  const client = getScalexpert(container).client
  // A file the sandbox does not hold answers 404: still one call.
  await client.getSubscription(row.subscription_id, { lane: "background" }).catch(() => undefined)
  await service(container).updateScalexpertFiles({ id: row.id, last_read_at: new Date() })
}

/** Runs the job 12 times, 5 simulated minutes apart, and counts the sandbox's requests. */
export async function reconciliationHour(
  container: MedusaContainer,
  sandbox: BenchSandbox,
  eventLog: boolean
): Promise<HourFigure> {
  await sandbox.reset()
  await clean(container)
  const toCancel = await seed(container, sandbox, eventLog)
  if (!eventLog) {
    const path = "/merchant-webhooks/api/v1/events"
    await sandbox.fault({ method: "GET", path, status: 403, count: 0 })
  }
  await sandbox.clearRequests()
  const start = Date.now()
  for (let run = 0; run < RUNS; run++) {
    const id = toCancel[run]
    if (id) await sandbox.control.post(`/subscriptions/${id}/back-office-cancel`, {})
    const options = { readFile: bareRead, now: () => start + run * 5 * MINUTE }
    // A run of Medusa's own schedule may hold the lock: wait for it, then run.
    while ((await reconcileScalexpertFiles(container, options)).skipped) {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  const log = await sandbox.requests()
  await clean(container)
  await sandbox.reset()
  return {
    calls: log.length,
    event_log_calls: log.filter((r) => r.path.endsWith("/events")).length,
    file_reads: log.filter((r) => r.method === "GET" && r.path.includes("/subscriptions/")).length,
    token_requests: log.filter((r) => r.kind === "token").length,
  }
}
