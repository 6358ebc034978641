/**
 * Reconciliation figures: the official plugins' calls per hour (by their rules, for the store of
 * `reconciliation-hour.ts`, where ours is measured), and the SQL time of one run at a given
 * number of files, each with its Medusa payment session (measured on the integration PostgreSQL).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { scalexpertProviderId } from "../../src/providers/scalexpert/registry"
import {
  discoverSessions,
  dueFiles,
  SESSIONS_CURSOR,
} from "../../src/workflows/reconcile-selection"
import { STORE } from "./reconciliation-hour"
import { median, type BenchSandbox } from "./sandbox"

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
    now() - g * interval '1 day' * 120 / ?, now(), now() - g * interval '1 day' * 120 / ?,
    case when g % 113 = 100 then now() + interval '1 hour' end
  from generate_series(1, ?) as g`

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Each bench file gets its Medusa payment session: copies of a Scalexpert session of the demo's
 * checkouts, created over 120 days as the files are.
 */
async function growSessions(container: MedusaContainer, files: number) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const columns = (
    (await pg.raw(
      `select column_name from information_schema.columns
       where table_name = 'payment_session' and table_schema = current_schema()`
    )) as { rows: { column_name: string }[] }
  ).rows.map((r) => r.column_name)
  const { rows } = (await pg.raw(`select id from payment_session where provider_id = ? limit 1`, [
    scalexpertProviderId(container),
  ])) as { rows: { id: string }[] }
  if (!rows.length) throw new Error("no Scalexpert payment session to copy (run the checkouts)")
  const value = (column: string) =>
    ({
      id: `'payses_bench_' || g`,
      created_at: `now() - g * interval '1 day' * 120 / ${files}`,
      updated_at: "now()",
    })[column] ?? `s.${quote(column)}`
  await pg.raw(
    `insert into payment_session (${columns.map(quote).join(", ")})
     select ${columns.map(value).join(", ")}
     from payment_session s, generate_series(1, ?) as g where s.id = ?`,
    [files, rows[0].id]
  )
}

async function dropBenchRows(container: MedusaContainer) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await pg.raw(`delete from scalexpert_file where id like 'sxfile_bench_%'`)
  await pg.raw(`delete from payment_session where id like 'payses_bench_%'`)
}

/**
 * SQL time of one run with `files` rows (10,000 accepted : 100 open : 1,200 abandoned) and as
 * many payment sessions, median of 5, against the patterns' selections on the same rows.
 */
export async function sqlTimeOfOneRun(
  container: MedusaContainer,
  sandbox: BenchSandbox,
  files: number
) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await dropBenchRows(container)
  await pg.raw(BENCH_ROWS, [files, files, files])
  await growSessions(container, files)
  await pg.raw(`analyze scalexpert_file`)
  await pg.raw(`analyze payment_session`)
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
  await discoverSessions(container, Date.now()) // makes the sessions cursor if there is none
  // Ours: what a run asks PostgreSQL when nothing changed: the hourly scan of the payment
  // sessions made in the last hour (forced at each sample) and the files due; the event log's
  // HTTP call and the lock are left out.
  const ours = await time(async () => {
    const hourAgo = new Date(Date.now() - 3600_000).toISOString()
    await pg.raw(`update scalexpert_sync_cursor set value = ? where name = ?`, [
      JSON.stringify({ at: hourAgo }),
      SESSIONS_CURSOR,
    ])
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
  await dropBenchRows(container)
  return {
    files,
    ours_ms: Math.round(ours * 10) / 10,
    prestashop_ms: Math.round(prestashop * 10) / 10,
    woocommerce_ms: Math.round(woocommerce * 10) / 10,
  }
}
