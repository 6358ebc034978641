/**
 * The sandbox's own status rules (from the lender's documentation, not from the plugin):
 * INITIALIZED → ABORTED | PRE_ACCEPTED | ACCEPTED | REJECTED; PRE_ACCEPTED → ACCEPTED | REJECTED |
 * CANCELLED; ACCEPTED → ACCEPTED (partial cancel) | CANCELLED; REJECTED, ABORTED, CANCELLED are final.
 */
import { centsToAmount } from "../money"
import type { FileContext, Origin, SandboxSubscription } from "./subscription"

export const CONSOLIDATED_STATUSES = [
  "INITIALIZED",
  "REQUESTED",
  "PRE_ACCEPTED",
  "ACCEPTED",
  "REJECTED",
  "ABORTED",
  "CANCELLED",
] as const

/** Sub-statuses as the real API writes them (free text; the documents only give examples). */
export const SUBSTATUS = {
  IN_PROGRESS: "SUBSCRIPTION IN PROGRESS",
  PRE_APPROVED: "SUBSCRIPTION PRE-APPROVED BY PRODUCER - WAITING FOR CONTRACT SIGNATURE",
  APPROVED: "SUBSCRIPTION APPROVED BY PRODUCER",
  WAITING_DELIVERY_CONFIRMATION: "WAITING FOR THE DELIVERY CONFIRMATION",
  AWAITING_PAYMENT: "AWAITING PAYMENT TO MERCHANT",
  PAYMENT_ISSUED: "PAYMENT HAS BEEN ISSUED TO MERCHANT",
  REJECTED: "SUBSCRIPTION REJECTED BY PRODUCER",
  ABORTED_BY_CUSTOMER: "ABORTED BY CUSTOMER",
  CANCELED_BY_CUSTOMER: "CANCELED BY CUSTOMER",
  // The sub-status the official Magento module (1.7.1) added for files that ran out of time.
  EXPIRED: "EXPIRED",
} as const

// REQUESTED is undocumented ("in progress"): it moves like INITIALIZED. A file that is not final
// may stay in its status with a new sub-status.
const IN_PROGRESS_NEXT = [
  "INITIALIZED",
  "REQUESTED",
  "ABORTED",
  "PRE_ACCEPTED",
  "ACCEPTED",
  "REJECTED",
]
const TRANSITIONS: Record<string, readonly string[]> = {
  INITIALIZED: IN_PROGRESS_NEXT,
  REQUESTED: IN_PROGRESS_NEXT.slice(1),
  PRE_ACCEPTED: ["PRE_ACCEPTED", "ACCEPTED", "REJECTED", "CANCELLED"],
  ACCEPTED: ["ACCEPTED", "CANCELLED"],
  REJECTED: [],
  ABORTED: [],
  CANCELLED: [],
}

export function isKnownStatus(status: string): boolean {
  return (CONSOLIDATED_STATUSES as readonly string[]).includes(status)
}

export function canMove(from: string, to: string): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false
}

export function isInProgress(sub: SandboxSubscription): boolean {
  return sub.consolidatedStatus === "INITIALIZED" || sub.consolidatedStatus === "REQUESTED"
}

function defaultSubstatus(sub: SandboxSubscription, status: string): string | undefined {
  switch (status) {
    case "INITIALIZED":
    case "REQUESTED":
      return SUBSTATUS.IN_PROGRESS
    case "PRE_ACCEPTED":
      return SUBSTATUS.PRE_APPROVED
    case "ACCEPTED":
      return sub.kind === "split" ? SUBSTATUS.APPROVED : SUBSTATUS.WAITING_DELIVERY_CONFIRMATION
    case "REJECTED":
      return SUBSTATUS.REJECTED
    case "ABORTED":
      return SUBSTATUS.ABORTED_BY_CUSTOMER
    case "CANCELLED":
      return SUBSTATUS.CANCELED_BY_CUSTOMER
    default:
      return sub.consolidatedSubstatus
  }
}

export function emitStatusEvent(ctx: FileContext, sub: SandboxSubscription): void {
  ctx.emit("SC_SUBSCRIPTION", `SC_SUBSCRIPTION_${sub.consolidatedStatus}`, {
    merchantGlobalOrderId: sub.merchantGlobalOrderId,
    financedAmount: centsToAmount(sub.financedAmountCents),
    consolidatedStatus: sub.consolidatedStatus,
  })
}

/**
 * Moves a file (callers check the transition); emits `SC_SUBSCRIPTION_<STATUS>` when the status
 * changes, and disarms the file's timer once it leaves INITIALIZED/PRE_ACCEPTED.
 */
export function moveTo(
  ctx: FileContext,
  sub: SandboxSubscription,
  status: string,
  substatus: string | undefined,
  origin: Origin
): void {
  const from = sub.consolidatedStatus
  const now = new Date().toISOString()
  sub.consolidatedStatus = status
  sub.consolidatedSubstatus = substatus ?? defaultSubstatus(sub, status)
  sub.lastUpdateTimestamp = now
  if (status === "ACCEPTED" && !sub.acceptedAt) sub.acceptedAt = now
  sub.history.push({
    at: now,
    consolidatedStatus: status,
    consolidatedSubstatus: sub.consolidatedSubstatus,
    origin,
  })
  if (from !== status) {
    ctx.schedule(sub, undefined, () => undefined)
    emitStatusEvent(ctx, sub)
  }
}
