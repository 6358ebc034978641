import type { MedusaContainer } from "@medusajs/framework/types"
import type {
  ContractedSolution,
  MarketSolutions,
  SolutionsAnswer,
} from "../../../../admin/lib/types"
import type { ScalexpertGateway } from "../../../../providers/scalexpert/gateway"
import {
  getSolution,
  SOLUTIONS,
  type Market,
  type SolutionCode,
} from "../../../../scalexpert/solutions"
import { fileService } from "../../../../workflows/after-order/load"
import { iso } from "./attention"
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
