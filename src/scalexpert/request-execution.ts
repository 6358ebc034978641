/**
 * Running one request to its end: exchanges (each in a budget slot, see `slot-exchange.ts`) until
 * the retry policy (`retry-policy.ts`) returns the answer or an error.
 *
 * - A 401 on an API call refreshes the token once and retries once (not counted as an attempt).
 * - Waiting timers are not unref'd: a script does not exit while a call is pending.
 */
import type { RetryOptions } from "./client-options"
import type { JsonAnswer } from "./http-answers"
import type { RequestSpec } from "./http-exchange"
import type { RequestLane } from "./request-budget"
import { backoffDelay, decideNext, type Exchange } from "./retry-policy"
import { exchangeInSlot, type SlotExchangeContext } from "./slot-exchange"

export interface ExecutionContext extends SlotExchangeContext {
  retry: RetryOptions
  warn: (message: string, meta: object) => void
}

/** A timer that keeps the process alive while a call waits. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Sends a request with the retry policy. Returns the 2xx answer with its parsed JSON, or throws
 * a `ScalexpertError`. `slotHeld`: the caller already holds a budget slot for the first send.
 */
export async function executeRequest(
  ctx: ExecutionContext,
  spec: RequestSpec,
  lane: RequestLane,
  slotHeld = false
): Promise<JsonAnswer> {
  const state = { attempt: 0, rateLimitedMs: 0, refused: undefined as string | undefined }
  let held = slotHeld
  for (;;) {
    state.attempt++
    const exchange = await exchangeInSlot(ctx, spec, lane, held, state.refused)
    held = false
    if (state.refused === undefined && dropRefusedToken(ctx, spec, exchange)) {
      state.refused = exchange.bearer ?? ""
      state.attempt--
      continue
    }
    const decision = decideNext(spec, exchange, state, {
      retry: ctx.retry,
      backoffDelay: (attempt) => backoffDelay(ctx.retry, attempt),
      warn: ctx.warn,
    })
    if ("done" in decision) return decision.done
    if ("error" in decision) throw decision.error
    if (!decision.attempt) state.attempt--
    await sleep(decision.waitMs)
  }
}

/** On a 401 to a bearer call, drops the refused token from the cache and says so. */
function dropRefusedToken(ctx: ExecutionContext, spec: RequestSpec, exchange: Exchange): boolean {
  if (exchange.raw?.status !== 401 || spec.auth.type !== "bearer") return false
  ctx.tokenCache.invalidate(ctx.credential(spec.auth.scopes), exchange.bearer)
  ctx.warn("scalexpert token refused, refreshing once", { method: spec.method, path: spec.path })
  return true
}
