import type { MedusaContainer } from "@medusajs/framework/types"
import type { ScalexpertGateway } from "../../../../providers/scalexpert/gateway"
import {
  getSolution,
  isLongCredit,
  SOLUTIONS,
  solutionName,
  type Market,
  type SolutionCode,
} from "../../../../scalexpert/solutions"
import { fileService } from "../../../../workflows/after-order/load"
import { errorView } from "./webhook/service"

/**
 * A client id shown so that the merchant recognises the key pair without reading it whole:
 * its last four characters (the secret is never shown, not even masked).
 */
export function maskClientId(clientId: string): string {
  if (!clientId) return ""
  const visible = clientId.length > 8 ? clientId.slice(-4) : ""
  return `${"•".repeat(Math.max(4, Math.min(12, clientId.length - visible.length)))}${visible}`
}

export type AttentionReason =
  | "pre_accepted"
  | "delivery_failed"
  | "delivery_retrying"
  | "cancel_failed"
  | "cancel_retrying"
  /** A file with no order, not cancelled at the lender yet (why: `error`). */
  | "no_order"
  /** A file the lifecycle flagged (`refused_after_shipment`, `amount_mismatch`: `error`). */
  | "flagged"

export type AttentionFile = {
  file_id: string
  order_id: string | null
  solution_code: string
  solution_name: string
  status: string | null
  reason: AttentionReason
  /** Attempts made so far (delivery or cancellation). */
  attempts: number
  next_attempt_at: string | null
  /** Scalexpert's error, as the plugin recorded it. */
  error: string | null
  /** When the plugin last read the file from Scalexpert. */
  last_read_at: string | null
}

type FileRecord = {
  id: string
  order_id: string | null
  solution_code: string
  status: string | null
  last_read_at: Date | string | null
  delivery_status: string | null
  delivery_attempts: number | null
  delivery_next_attempt_at: Date | string | null
  delivery_error: string | null
  cancel_status: string | null
  cancel_attempts: number | null
  cancel_next_attempt_at: Date | string | null
  cancel_error: string | null
  no_order_reason?: string | null
  flag?: string | null
}

const iso = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null

/** At most this many files per reason: the page is a to-do list, not a report. */
const ATTENTION_LIMIT = 50

/**
 * Files that a person should look at: a pre-accepted long credit still waiting for the lender,
 * a delivery confirmation or a cancellation that failed or is being retried.
 */
export async function filesNeedingAttention(container: MedusaContainer): Promise<AttentionFile[]> {
  const service = fileService(container)
  const list = (filters: Record<string, unknown>) =>
    service.listScalexpertFiles(filters, {
      take: ATTENTION_LIMIT,
      order: { updated_at: "DESC" },
    }) as unknown as Promise<FileRecord[]>
  const [preAccepted, delivery, cancel, noOrder, flagged] = await Promise.all([
    list({ status: "PRE_ACCEPTED" }),
    list({ delivery_status: ["failed", "pending"] }),
    list({ cancel_status: ["failed", "pending"] }),
    list({ no_order_reason: { $ne: null } }),
    list({ flag: { $ne: null } }),
  ])
  const out: AttentionFile[] = []
  const base = (f: FileRecord) => ({
    file_id: f.id,
    order_id: f.order_id ?? null,
    solution_code: f.solution_code,
    solution_name: solutionName(f.solution_code, "en"),
    status: f.status ?? null,
    last_read_at: iso(f.last_read_at),
  })
  for (const f of preAccepted) {
    if (!f.order_id || !isLongCredit(f.solution_code)) continue
    out.push({
      ...base(f),
      reason: "pre_accepted",
      attempts: 0,
      next_attempt_at: null,
      error: null,
    })
  }
  for (const f of delivery) {
    // A confirmation queued and not tried yet is the normal path, not a problem.
    if (f.delivery_status === "pending" && !f.delivery_attempts && !f.delivery_error) continue
    out.push({
      ...base(f),
      reason: f.delivery_status === "failed" ? "delivery_failed" : "delivery_retrying",
      attempts: f.delivery_attempts ?? 0,
      next_attempt_at: iso(f.delivery_next_attempt_at),
      error: f.delivery_error ?? null,
    })
  }
  const lifecycle = (reason: AttentionReason, f: FileRecord, error: string | null) =>
    out.push({ ...base(f), reason, attempts: 0, next_attempt_at: null, error })
  for (const f of noOrder) {
    // Cancelled, or ended without money, or listed below as a cancellation being retried.
    if (["done", "not_needed", "requested", "pending", "failed"].includes(f.cancel_status ?? ""))
      continue
    lifecycle("no_order", f, f.no_order_reason ?? null)
  }
  for (const f of flagged) lifecycle("flagged", f, f.flag ?? null)
  for (const f of cancel) {
    if (f.cancel_status === "pending" && !f.cancel_attempts && !f.cancel_error) continue
    out.push({
      ...base(f),
      reason: f.cancel_status === "failed" ? "cancel_failed" : "cancel_retrying",
      attempts: f.cancel_attempts ?? 0,
      next_attempt_at: iso(f.cancel_next_attempt_at),
      error: f.cancel_error ?? null,
    })
  }
  return out
}

/** When a signed webhook last moved a file (the timeline keeps what webhooks changed). */
export async function lastWebhookAt(container: MedusaContainer): Promise<string | null> {
  const [event] = (await fileService(container).listScalexpertFileEvents(
    { trigger: "webhook" },
    { take: 1, order: { created_at: "DESC" } }
  )) as unknown as { created_at: Date | string }[]
  return iso(event?.created_at)
}

// ---------------------------------------------------------------------------------------------
// Contracted solutions
// ---------------------------------------------------------------------------------------------

/**
 * Representative amounts asked to `GET /eligible-solutions`: Scalexpert answers what the
 * merchant's contract offers for a country and an amount, so a few amounts per market cover
 * split payment (100–4,000 €) and long credit (France from 1,000 €, Germany from 200 €).
 */
export const PROBES: readonly { market: Market; amount: number }[] = [
  { market: "FR", amount: 500 },
  { market: "FR", amount: 3000 },
  { market: "DE", amount: 1000 },
]

export type ContractedSolution = {
  code: string
  name: { en: string; fr: string; de: string }
  kind: "split" | "long_credit" | null
  lender: string | null
  /** Offered by this shop: in `enabledSolutions` (or every contracted one when it is not set). */
  enabled: boolean
  /** The representative amounts for which Scalexpert offered it. */
  eligible_at: number[]
}

export type MarketSolutions = {
  market: Market
  amounts: number[]
  solutions: ContractedSolution[]
  /** Scalexpert's error when a probe failed: the list may then be incomplete. */
  error: { kind: string; status?: number; errorCode?: string; message: string } | null
}

export type SolutionsAnswer = { markets: MarketSolutions[]; checked_at: string; cached: boolean }

/** How long an answer is reused: the contract changes rarely, the page may be reloaded often. */
export const SOLUTIONS_CACHE_MS = 60_000

const solutionsCache = new WeakMap<ScalexpertGateway, { at: number; answer: SolutionsAnswer }>()

export async function contractedSolutions(
  gateway: ScalexpertGateway,
  fresh = false,
  now = Date.now()
): Promise<SolutionsAnswer> {
  const hit = solutionsCache.get(gateway)
  if (!fresh && hit && now - hit.at < SOLUTIONS_CACHE_MS) return { ...hit.answer, cached: true }

  const enabled = gateway.options.enabledSolutions
  const results = await Promise.all(
    PROBES.map(async (probe) => {
      try {
        const answer = await gateway.client.getEligibleSolutions({
          buyerBillingCountry: probe.market,
          financedAmount: probe.amount,
        })
        return { probe, codes: answer.solutions.map((s) => s.solutionCode), error: null }
      } catch (error) {
        return { probe, codes: [] as string[], error: errorView(error) }
      }
    })
  )
  const markets: MarketSolutions[] = (["FR", "DE"] as const).map((market) => {
    const mine = results.filter((r) => r.probe.market === market)
    const byCode = new Map<string, ContractedSolution>()
    for (const r of mine) {
      for (const code of r.codes) {
        const info = getSolution(code)
        const entry = byCode.get(code) ?? {
          code,
          name: info?.name ?? { en: code, fr: code, de: code },
          kind: info?.kind ?? null,
          lender: info?.lender ?? null,
          enabled: !enabled || enabled.includes(code as SolutionCode),
          eligible_at: [],
        }
        entry.eligible_at.push(r.probe.amount)
        byCode.set(code, entry)
      }
    }
    const order = Object.keys(SOLUTIONS)
    return {
      market,
      amounts: mine.map((r) => r.probe.amount),
      solutions: [...byCode.values()].sort(
        (a, b) => (order.indexOf(a.code) + 1 || 99) - (order.indexOf(b.code) + 1 || 99)
      ),
      error: mine.find((r) => r.error)?.error ?? null,
    }
  })
  const answer: SolutionsAnswer = {
    markets,
    checked_at: new Date(now).toISOString(),
    cached: false,
  }
  // A failed probe is not kept: the next visit asks again.
  if (markets.every((m) => !m.error)) solutionsCache.set(gateway, { at: now, answer })
  else solutionsCache.delete(gateway)
  return answer
}
