/**
 * What the client asks before each HTTP request it sends to Scalexpert (token requests and retries
 * included): permission to spend one request of the credential's budget.
 *
 * The in-memory limiter (`rate-limiter.ts`) implements it for one process; a shared implementation
 * (several Medusa instances on one credential) implements the same interface.
 */

/**
 * Who is waiting, highest priority first: a shopper's checkout (creating the file, the return's
 * read), then the storefront routes (eligibility, simulations), then background work (jobs).
 */
export type RequestLane = "checkout" | "storefront" | "background"

export const REQUEST_LANES: readonly RequestLane[] = ["checkout", "storefront", "background"]

/**
 * Told when the request sent with a slot was answered (or failed): a budget that gives one counts
 * the request from then on, not only from its grant, since the lender may have received it as late
 * as that (a loaded process sends late; a slow network delivers late).
 */
export type SlotDone = () => void

export interface RequestBudget {
  /**
   * Resolves when one request may be sent now; rejects with the signal's reason when `signal`
   * aborts first (the request is then not counted).
   */
  acquire(lane: RequestLane, signal?: AbortSignal): Promise<SlotDone | void>
}
