/**
 * Figures measured at the Scalexpert client level, against the sandbox: token requests for
 * concurrent cold calls, and a burst of calls through one client (drain time, most requests in
 * any 60 s window, 429 answers, failures).
 */
import { ScalexpertClient } from "../../src/scalexpert/client"
import { getSharedRateLimiter, type RateLimit } from "../../src/scalexpert/rate-limiter"
import { TokenCache } from "../../src/scalexpert/token-cache"
import { Pattern } from "./patterns"
import { maxInWindow, type BenchSandbox } from "./sandbox"

export type Strategy = "ours" | "prestashop" | "woocommerce"
export const STRATEGIES: Strategy[] = ["ours", "prestashop", "woocommerce"]

export type BurstFigure = {
  calls: number
  drain_s: number
  max_per_60s: number
  answers_429: number
  failures: number
}

const AMOUNTS = [49, 349, 1290, 3490, 5990]

/** A token cache that counts the token requests it makes (Medusa's own jobs make some too). */
class CountingTokenCache extends TokenCache {
  fetched = 0
  override getToken(...[credential, fetcher, options]: Parameters<TokenCache["getToken"]>) {
    const counted: typeof fetcher = (c) => {
      this.fetched++
      return fetcher(c)
    }
    return super.getToken(credential, counted, options)
  }
}

/**
 * The budget of the Medusa provider in this process (its default options): the bench's client and
 * the provider's scheduled job share it, as every client of one credential in a shop process does.
 */
const PROVIDER_LIMIT: RateLimit = { maxRequests: 600, windowMs: 60_000, backgroundShare: 0.5 }

const providerLimiter = (sandbox: BenchSandbox) =>
  getSharedRateLimiter(`${sandbox.apiRoot.replace(/\/+$/, "")}|${sandbox.clientId}`, PROVIDER_LIMIT)

function ourClient(sandbox: BenchSandbox, tokenCache = new CountingTokenCache()) {
  return new ScalexpertClient({
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    environment: "test",
    baseUrl: sandbox.apiRoot,
    tokenCache,
    rateLimit: PROVIDER_LIMIT,
  })
}

/** One eligibility call through the strategy (a fresh client or pattern per figure). */
function caller(strategy: Strategy, sandbox: BenchSandbox): (i: number) => Promise<unknown> {
  if (strategy === "ours") {
    const client = ourClient(sandbox)
    return (i) =>
      client.getEligibleSolutions({
        buyerBillingCountry: "FR",
        financedAmount: AMOUNTS[i % AMOUNTS.length],
      })
  }
  const pattern = new Pattern(strategy, sandbox)
  return (i) => pattern.eligibility(AMOUNTS[i % AMOUNTS.length])
}

/**
 * A clean sandbox (no log, no rate-limit window, no tokens); with `calls` at or above the budget,
 * first an empty window in the provider's budget, so that the drain starts from nothing.
 */
async function fresh(sandbox: BenchSandbox, calls = 0) {
  const limiter = providerLimiter(sandbox)
  while (calls >= limiter.maxRequests && limiter.inWindow > 0) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  await sandbox.reset()
}

/** Token requests the strategy itself made for `calls` concurrent calls on a cold start. */
export async function tokenRequestsForColdCalls(
  strategy: Strategy,
  sandbox: BenchSandbox,
  calls: number
): Promise<number> {
  await fresh(sandbox)
  const eligibility = (i: number) => ({
    buyerBillingCountry: "FR",
    financedAmount: AMOUNTS[i % AMOUNTS.length],
  })
  if (strategy === "ours") {
    const cache = new CountingTokenCache()
    const client = ourClient(sandbox, cache)
    await Promise.allSettled(
      Array.from({ length: calls }, (_, i) => client.getEligibleSolutions(eligibility(i)))
    )
    return cache.fetched
  }
  const pattern = new Pattern(strategy, sandbox)
  await Promise.allSettled(
    Array.from({ length: calls }, (_, i) => pattern.eligibility(AMOUNTS[i % AMOUNTS.length]))
  )
  return pattern.tokenRequests
}

export async function burst(
  strategy: Strategy,
  sandbox: BenchSandbox,
  calls: number
): Promise<BurstFigure> {
  await fresh(sandbox, strategy === "ours" ? calls : 0)
  const call = caller(strategy, sandbox)
  const started = Date.now()
  const results = await Promise.allSettled(Array.from({ length: calls }, (_, i) => call(i)))
  const drainMs = Date.now() - started
  const log = await sandbox.requests()
  return {
    calls,
    drain_s: Math.round(drainMs / 100) / 10,
    max_per_60s: maxInWindow(log.map((r) => Date.parse(r.at))),
    answers_429: log.filter((r) => r.status === 429).length,
    failures: results.filter((r) => r.status === "rejected").length,
  }
}

/** Storefront eligibility without a cache: one call per product view (and views left without). */
export async function patternEligibilityCalls(
  strategy: Exclude<Strategy, "ours">,
  sandbox: BenchSandbox,
  views: number
): Promise<{ calls: number; failed: number }> {
  await fresh(sandbox)
  const pattern = new Pattern(strategy, sandbox)
  let failed = 0
  for (let i = 0; i < views; i++) {
    // Neither pattern paces its calls: past the lender's limit, views get no offer (429).
    await pattern.eligibility(AMOUNTS[i % AMOUNTS.length]).catch(() => failed++)
  }
  return { calls: (await sandbox.checkoutRequests()).length, failed }
}
