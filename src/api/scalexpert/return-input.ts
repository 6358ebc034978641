import type { SyncScalexpertFileInput } from "../../workflows/sync-scalexpert-file"

/**
 * What the shopper's return asks of the sync workflow: its read is the shopper's, waiting on the
 * page, so it goes in the request budget's `checkout` lane (ahead of the storefront and of
 * background work). The lender's return carries the file id unsigned: only a non-empty string.
 */
export function returnSyncInput(sessionId: string, returnedId: unknown): SyncScalexpertFileInput {
  return {
    payment_session_id: sessionId,
    trigger: "return",
    returned_subscription_id: typeof returnedId === "string" && returnedId ? returnedId : undefined,
    lane: "checkout",
  }
}
