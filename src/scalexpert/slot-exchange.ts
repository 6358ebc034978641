/**
 * One exchange of the transport inside the request budget: a slot in the call's lane (unless the
 * caller already holds one), then the token, then the send.
 *
 * - The token is read after the budget's wait: a call that queued past the token's life gets a
 *   fresh one instead of a 401.
 * - A token request needed after the wait is sent with the slot just granted; the call then
 *   waits for another slot.
 * - The budget counts the request until its answer (see `SlotDone`).
 */
import type { RequestSpec } from "./http-exchange"
import type { RequestBudget, RequestLane, SlotDone } from "./request-budget"
import type { Exchange } from "./retry-policy"
import type { CachedToken, FetchedToken, TokenCache, TokenCredential } from "./token-cache"

/**
 * How long a granted budget slot stays good to send with: a request sent later than this after
 * its grant takes a new slot (the budget stamps send times when it grants them).
 */
const SLOT_FRESH_MS = 250

export interface SlotExchangeContext {
  budget: RequestBudget
  tokenCache: TokenCache
  tokenRefreshMarginSeconds?: number
  credential: (scopes: readonly string[]) => TokenCredential
  /** The token request; `slotHeld`: it is sent with the slot the exchange was just granted. */
  fetchToken: (
    credential: TokenCredential,
    lane: RequestLane,
    slotHeld: boolean
  ) => Promise<FetchedToken>
  /** One send; a failure comes back in the exchange, never thrown. */
  send: (spec: RequestSpec, bearer: string | undefined) => Promise<Exchange>
}

/**
 * One exchange: a budget slot (unless held), then the token (after the wait), then the send.
 * `refused`: a token the lender refused, never sent again.
 */
export async function exchangeInSlot(
  ctx: SlotExchangeContext,
  spec: RequestSpec,
  lane: RequestLane,
  slotHeld: boolean,
  refused: string | undefined
): Promise<Exchange> {
  for (let held = slotHeld; ; held = false) {
    const slot = held ? undefined : await ctx.budget.acquire(lane)
    const answered = () => (typeof slot === "function" ? slot() : undefined)
    const grantedAt = Date.now()
    if (spec.auth.type !== "bearer") return sendThenRelease(ctx, spec, undefined, answered)
    const credential = ctx.credential(spec.auth.scopes)
    const cached = ctx.tokenCache.peek(credential, { refused })
    if (cached) return sendThenRelease(ctx, spec, cached.accessToken, answered)
    let tookSlot = false
    let carried = false
    let token: CachedToken
    try {
      token = await ctx.tokenCache.getToken(
        credential,
        (c) => {
          tookSlot = true
          // The slot is the token request's only while fresh: a slot stamped long before the
          // send (a shared token lock waited on) would let a later window hold one request more.
          carried = Date.now() - grantedAt <= SLOT_FRESH_MS
          return ctx.fetchToken(c, lane, carried)
        },
        { refused, marginSeconds: ctx.tokenRefreshMarginSeconds }
      )
    } finally {
      // The token request that this slot carried has been answered.
      if (carried) answered()
    }
    if (!tookSlot && Date.now() - grantedAt <= SLOT_FRESH_MS) {
      return sendThenRelease(ctx, spec, token.accessToken, answered)
    }
  }
}

/** Sends, then tells the budget the slot's request was answered (or failed). */
async function sendThenRelease(
  ctx: SlotExchangeContext,
  spec: RequestSpec,
  bearer: string | undefined,
  answered: SlotDone
): Promise<Exchange> {
  try {
    return await ctx.send(spec, bearer)
  } finally {
    answered()
  }
}
