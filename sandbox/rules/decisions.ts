/**
 * Decisions on a file: the shopper's on the lender's pages, the lender's later ones (PRE_ACCEPTED →
 * ACCEPTED / REJECTED), time running out, and forced moves from the control API.
 */
import { plansFor } from "../catalogue"
import { ControlError } from "../http/errors"
import { canMove, isInProgress, isKnownStatus, moveTo, SUBSTATUS } from "./status"
import type { FileContext, Origin, SandboxSubscription } from "./subscription"

export type JourneyDecision = "accept" | "refuse" | "preaccept" | "abandon"
export type ControlDecision = JourneyDecision | "expire" | "fund"

/** Durations the buyer can pick on the journey (long credit). */
export function offeredDurations(sub: SandboxSubscription): number[] {
  return plansFor(sub.solutionCode, sub.financedAmountCents).map((p) => p.duration)
}

/**
 * Arms the INITIALIZED timeout. The documents give no delay: `initializedTtlMs` (default 1 h).
 * An unanswered file ends ABORTED with the "EXPIRED" sub-status.
 */
export function expireIfUnanswered(ctx: FileContext, sub: SandboxSubscription): void {
  const ttl = ctx.settings.initializedTtlMs
  if (ttl <= 0) return
  ctx.schedule(sub, ttl, () => {
    if (isInProgress(sub)) moveTo(ctx, sub, "ABORTED", SUBSTATUS.EXPIRED, "timer")
  })
}

/** Arms the PRE_ACCEPTED timer: the configured lender decision, else expiry (REJECTED/EXPIRED). */
function armPreAccepted(ctx: FileContext, sub: SandboxSubscription): void {
  const planned = ctx.settings.preAcceptedDecision
  if (planned) {
    scheduleDecision(ctx, sub, planned.decision, planned.afterMs)
    return
  }
  const ttl = ctx.settings.preAcceptedTtlMs
  if (ttl > 0) scheduleDecision(ctx, sub, "expire", ttl)
}

/** The lender decides a PRE_ACCEPTED file in `afterMs` (control API, deterministic). */
export function scheduleDecision(
  ctx: FileContext,
  sub: SandboxSubscription,
  decision: "accept" | "refuse" | "expire",
  afterMs: number
): void {
  if (sub.consolidatedStatus !== "PRE_ACCEPTED") {
    throw new ControlError(
      409,
      `Only a PRE_ACCEPTED file awaits the lender (this one is ${sub.consolidatedStatus})`
    )
  }
  ctx.schedule(sub, afterMs, () => {
    if (sub.consolidatedStatus === "PRE_ACCEPTED") lenderDecision(ctx, sub, decision, "timer")
  })
}

function lenderDecision(
  ctx: FileContext,
  sub: SandboxSubscription,
  decision: "accept" | "refuse" | "expire",
  origin: Origin
): void {
  if (decision === "accept") moveTo(ctx, sub, "ACCEPTED", undefined, origin)
  else if (decision === "refuse") moveTo(ctx, sub, "REJECTED", SUBSTATUS.REJECTED, origin)
  // The documents are silent on PRE_ACCEPTED expiry: REJECTED (a documented move) with "EXPIRED".
  else moveTo(ctx, sub, "REJECTED", SUBSTATUS.EXPIRED, origin)
}

/** The shopper's decision on the lender's pages. */
export function journeyDecision(
  ctx: FileContext,
  sub: SandboxSubscription,
  decision: JourneyDecision,
  duration?: number,
  origin: Origin = "journey"
): void {
  if (!isInProgress(sub)) {
    throw new ControlError(409, `This application is already ${sub.consolidatedStatus}`)
  }
  if (decision === "preaccept" && sub.kind !== "long_credit") {
    throw new ControlError(409, "Only long credit is pre-accepted")
  }
  if (sub.kind === "long_credit" && decision !== "abandon") {
    const offered = offeredDurations(sub)
    const fallback = offered.includes(12) ? 12 : offered[0]
    const chosen = duration !== undefined && offered.includes(duration) ? duration : fallback
    sub.selectedDuration = chosen
    sub.implementationCode = `${chosen}X`
  }
  if (decision === "accept") moveTo(ctx, sub, "ACCEPTED", undefined, origin)
  else if (decision === "refuse") moveTo(ctx, sub, "REJECTED", SUBSTATUS.REJECTED, origin)
  else if (decision === "abandon")
    moveTo(ctx, sub, "ABORTED", SUBSTATUS.ABORTED_BY_CUSTOMER, origin)
  else {
    moveTo(ctx, sub, "PRE_ACCEPTED", SUBSTATUS.PRE_APPROVED, origin)
    armPreAccepted(ctx, sub)
  }
}

/** Decisions through the control API (the journey's, plus the lender's later ones). */
export function controlDecision(
  ctx: FileContext,
  sub: SandboxSubscription,
  decision: ControlDecision,
  duration?: number
): void {
  const status = sub.consolidatedStatus
  if (isInProgress(sub) && decision !== "fund") {
    if (decision === "expire") moveTo(ctx, sub, "ABORTED", SUBSTATUS.EXPIRED, "control")
    else journeyDecision(ctx, sub, decision, duration, "control")
  } else if (status === "PRE_ACCEPTED" && ["accept", "refuse", "expire"].includes(decision)) {
    lenderDecision(ctx, sub, decision as "accept" | "refuse" | "expire", "control")
  } else if (status === "ACCEPTED" && decision === "fund") {
    moveTo(ctx, sub, "ACCEPTED", SUBSTATUS.PAYMENT_ISSUED, "control")
  } else {
    throw new ControlError(409, `Decision ${decision} is not possible on a ${status} file`)
  }
}

/** `POST /__sandbox/subscriptions/{id}/status`: along the documented moves, or anywhere with `force`. */
export function forceStatus(
  ctx: FileContext,
  sub: SandboxSubscription,
  status: string,
  substatus: string | undefined,
  force: boolean
): void {
  if (!force) {
    if (!isKnownStatus(status)) {
      throw new ControlError(
        400,
        `Unknown consolidatedStatus ${status} (use force to set it anyway)`
      )
    }
    if (!canMove(sub.consolidatedStatus, status)) {
      throw new ControlError(409, `Transition ${sub.consolidatedStatus} → ${status} is not allowed`)
    }
    if (status === "PRE_ACCEPTED" && sub.kind === "split") {
      throw new ControlError(409, "Split payment files are never pre-accepted")
    }
  }
  moveTo(ctx, sub, status, substatus, "control")
  if (status === "PRE_ACCEPTED") armPreAccepted(ctx, sub)
}
