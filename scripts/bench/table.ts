/** The bench's results and their Markdown table (issue #13's figures). */
import type { BurstFigure, Strategy } from "./client-figures"
import type { HourFigure } from "./reconciliation-hour"

export type SqlFigure = {
  files: number
  ours_ms: number
  prestashop_ms: number
  woocommerce_ms: number
}

export type BenchResult = {
  mode: "full" | "quick"
  machine: string
  ran_at: string
  limiter: string
  checkout_calls: Record<Strategy, number>
  token_requests: { calls: number } & Record<Strategy, number>
  burst: Record<Strategy, BurstFigure>
  reconciliation_per_hour: {
    events_per_hour: number
    ours_event_log: HourFigure
    /** Not measured in quick mode. */
    ours_without_event_log: HourFigure | null
    prestashop: number
    woocommerce: number
  }
  sql: SqlFigure[]
  checkout_wall_time: { runs: number; ours_ms: number; system_ms: number; ratio: number }
  eligibility: {
    views: number
    ours: { served: number; calls: number }
    prestashop: { calls: number; failed: number }
    woocommerce: { calls: number; failed: number }
  }
}

const fmt = (n: number) => n.toLocaleString("en-US")

function burstCell(b: BurstFigure) {
  return `${b.drain_s} s, ${fmt(b.max_per_60s)}, ${fmt(b.answers_429)}, ${fmt(b.failures)}`
}

function hourCell(h: HourFigure) {
  return `${fmt(h.calls)} (${fmt(h.event_log_calls)} event log, ${fmt(h.file_reads)} file reads, ${fmt(h.token_requests)} token)`
}

function patternViews(views: number, e: { calls: number; failed: number }) {
  const failed = e.failed ? ` (${fmt(e.failed)} views without an answer)` : ""
  return `${fmt(views - e.failed)} vs ${fmt(e.calls)}${failed}`
}

export function markdownTable(r: BenchResult): string {
  const burstCalls = r.burst.ours.calls
  const floorS = Math.round((burstCalls / 600) * 60)
  // The cold start's token request is a request too: the floor of the busiest window counts it.
  const floorWindow = Math.min(600, burstCalls + 1)
  const rec = r.reconciliation_per_hour
  const sql = (key: "ours_ms" | "prestashop_ms" | "woocommerce_ms") =>
    r.sql.map((s) => `${s[key]} ms`).join(" / ")
  const views = r.eligibility.views
  const rows: string[][] = [
    ["figure", "ours", "PrestaShop pattern", "WooCommerce pattern", "floor"],
    [
      "Scalexpert calls per completed split checkout, webhooks on",
      fmt(r.checkout_calls.ours),
      fmt(r.checkout_calls.prestashop),
      fmt(r.checkout_calls.woocommerce),
      "2",
    ],
    [
      `token requests for ${r.token_requests.calls} concurrent cold calls`,
      fmt(r.token_requests.ours),
      fmt(r.token_requests.prestashop),
      fmt(r.token_requests.woocommerce),
      "1",
    ],
    [
      `${fmt(burstCalls)}-call burst: time to drain, max per 60 s, 429s, failures`,
      burstCell(r.burst.ours),
      burstCell(r.burst.prestashop),
      burstCell(r.burst.woocommerce),
      `${floorS} s, ${fmt(floorWindow)}, 0, 0`,
    ],
    [
      "reconciliation calls per hour at 10,000 accepted + 100 open + 1,200 abandoned files",
      `${hourCell(rec.ours_event_log)} with the event log (${rec.events_per_hour} events/h); ${rec.ours_without_event_log ? hourCell(rec.ours_without_event_log) : "not measured (quick)"} without it`,
      `${fmt(rec.prestashop)} (by its rule)`,
      `${fmt(rec.woocommerce)} (by its rule)`,
      `12 event-log pages + ${rec.events_per_hour} + the open files' reads`,
    ],
    [
      `SQL time of one reconciliation run at ${r.sql.map((s) => fmt(s.files)).join(" and ")} files and their payment sessions`,
      sql("ours_ms"),
      sql("prestashop_ms"),
      sql("woocommerce_ms"),
      "",
    ],
    [
      `checkout wall time vs \`pp_system_default\` (median of ${r.checkout_wall_time.runs})`,
      `${r.checkout_wall_time.ratio.toFixed(2)} (${r.checkout_wall_time.ours_ms} ms vs ${r.checkout_wall_time.system_ms} ms)`,
      "n/a",
      "n/a",
      "1.00",
    ],
    [
      `storefront eligibility: requests served vs Scalexpert calls, ${fmt(views)} product views`,
      `${fmt(r.eligibility.ours.served)} vs ${fmt(r.eligibility.ours.calls)}`,
      patternViews(views, r.eligibility.prestashop),
      patternViews(views, r.eligibility.woocommerce),
      "",
    ],
  ]
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`
  return [
    line(rows[0]),
    line(rows[0].map(() => "---")),
    ...rows.slice(1).map(line),
    "",
    `Mode: ${r.mode}. Machine: ${r.machine}. Ran at ${r.ran_at}. Burst limiter: ${r.limiter}.`,
  ].join("\n")
}
