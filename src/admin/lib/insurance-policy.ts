import type { ScalexpertInsurancePolicyView } from "../../storefront/insurance-types"

/**
 * What the insurance widget shows of a policy, decided without React (unit-tested): the status
 * badge, the actions offered, and the keys of its texts (`scalexpert.insurance.*`).
 */

export type BadgeColor = "green" | "orange" | "red" | "grey" | "blue"

/** The insurer's statuses (`consolidatedStatus`), as Scalexpert's insurance API names them. */
export const INSURER_STATUSES = [
  "INITIALIZED",
  "SUBSCRIBED",
  "ACTIVATED",
  "CANCELLED",
  "TERMINATED",
  "ABORTED",
  "REJECTED",
] as const

const INSURER_COLORS: Record<(typeof INSURER_STATUSES)[number], BadgeColor> = {
  INITIALIZED: "blue",
  SUBSCRIBED: "green",
  ACTIVATED: "green",
  CANCELLED: "grey",
  TERMINATED: "grey",
  ABORTED: "red",
  REJECTED: "red",
}

/** Statuses after which the policy cannot change any more (nothing left to cancel). */
const FINAL = new Set<string>(["CANCELLED", "TERMINATED", "ABORTED", "REJECTED"])

export type PolicyStatus = {
  /** Key under `scalexpert.insurance.status`, or null for a status this admin does not know. */
  key: string | null
  /** The value the badge carries in `data-status` (the insurer's status, or the local state). */
  value: string
  color: BadgeColor
}

const isInsurerStatus = (s: string): s is (typeof INSURER_STATUSES)[number] =>
  (INSURER_STATUSES as readonly string[]).includes(s)

/**
 * The insurer's status once there is one; before that, the plugin's own state: being subscribed,
 * retried, given up (`not_subscribed`), or never needed (cancelled before it was subscribed).
 */
export function policyStatus(p: ScalexpertInsurancePolicyView): PolicyStatus {
  if (p.status) {
    return isInsurerStatus(p.status)
      ? { key: p.status, value: p.status, color: INSURER_COLORS[p.status] }
      : { key: null, value: p.status, color: "grey" }
  }
  if (p.cancellation.status === "not_needed") return local("not_needed", "grey")
  if (p.subscription.status === "failed") return local("not_subscribed", "red")
  if (p.subscription.attempts > 0) return local("retrying", "orange")
  return local("pending", "orange")
}

const local = (key: string, color: BadgeColor): PolicyStatus => ({ key, value: key, color })

/**
 * Refresh is always offered (it re-reads the policy and retries what waits). Cancel is offered
 * until a cancellation is under way or done, and not on a policy the insurer already ended.
 */
export function policyActions(p: ScalexpertInsurancePolicyView): {
  refresh: boolean
  cancel: boolean
} {
  const cancelStarted = !!p.cancellation.status && p.cancellation.status !== "failed"
  const ended = !!p.status && FINAL.has(p.status)
  return { refresh: true, cancel: !cancelStarted && !ended }
}

/** The re-quoted price when it differs from what the shopper paid, else null. */
export function requotedPrice(p: ScalexpertInsurancePolicyView): number | null {
  if (!p.requoted_at || p.quoted_price === null || p.quoted_price === p.price) return null
  return p.quoted_price
}
