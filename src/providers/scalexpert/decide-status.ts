import type { ConsolidatedStatus } from "../../scalexpert/schemas"

/** The ranking of Scalexpert statuses `decide` uses (see decide.ts); pure. */

/** Non-final statuses by progress; every final status outranks them all. */
const RANK: Record<ConsolidatedStatus, number> = {
  INITIALIZED: 0,
  REQUESTED: 1,
  PRE_ACCEPTED: 2,
  ACCEPTED: 3,
  REJECTED: 3,
  ABORTED: 3,
  CANCELLED: 4,
}

export const CONSOLIDATED = Object.keys(RANK) as ConsolidatedStatus[]

/** The lender decided: accepted, refused, abandoned or cancelled. */
export const isFinal = (status: ConsolidatedStatus) => RANK[status] >= 3

/** Final and without money: nothing to cancel, nothing to capture. */
export const isEndedWithoutMoney = (status: ConsolidatedStatus) =>
  status === "REJECTED" || status === "ABORTED" || status === "CANCELLED"

/** The lender holds (or may soon hold) money for this file: it can become an order. */
export const isFundable = (status: ConsolidatedStatus) =>
  status === "ACCEPTED" || status === "PRE_ACCEPTED"

/**
 * The status the plugin keeps once `observed` is read, knowing `known`: a final status always
 * wins over a non-final one; a final status never changes except to CANCELLED; non-final
 * statuses only move forward. A late or replayed read never moves a file back.
 */
export function rankedStatus(
  known: ConsolidatedStatus | undefined,
  observed: ConsolidatedStatus
): ConsolidatedStatus {
  if (!known || known === observed) return observed
  if (known === "CANCELLED") return known
  if (isFinal(known)) return observed === "CANCELLED" ? observed : known
  return RANK[observed] > RANK[known] ? observed : known
}
