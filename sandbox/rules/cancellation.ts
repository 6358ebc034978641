/**
 * After acceptance: delivery and return confirmations, the merchant's cancellations (Franfinance
 * answers at once; Hanseatic answers "REQUESTED" first and decides later), the back office's.
 */
import { BusinessError, ControlError } from "../http/errors"
import { amountToCents, centsToAmount } from "../money"
import { moveTo, SUBSTATUS } from "./status"
import type { FileContext, Origin, SandboxSubscription } from "./subscription"

const DAY_MS = 24 * 60 * 60 * 1000

function invalidStatus(message: string): BusinessError {
  return new BusinessError(400, "INVALID_STATUS", message)
}

/** `_confirmDelivery`: answered 204 without effect for split payment; long credit must be ACCEPTED, once. */
export function confirmDelivery(
  ctx: FileContext,
  sub: SandboxSubscription,
  body: { isDelivered?: boolean; trackingNumber?: string; operator?: string }
): void {
  if (sub.kind === "split") return
  if (sub.consolidatedStatus !== "ACCEPTED") {
    throw invalidStatus(
      `The delivery can only be confirmed for an ACCEPTED subscription (current status: ${sub.consolidatedStatus})`
    )
  }
  if (!body.isDelivered) return
  if (sub.isDelivered) {
    throw new BusinessError(
      409,
      "CONFLICT",
      "The delivery of this subscription has already been confirmed"
    )
  }
  sub.isDelivered = true
  sub.delivery = {
    trackingNumber: body.trackingNumber,
    operator: body.operator,
    confirmedAt: new Date().toISOString(),
  }
  moveTo(ctx, sub, "ACCEPTED", SUBSTATUS.AWAITING_PAYMENT, "api")
}

/** `_confirmReturn`: long credit, after a delivery confirmation; idempotent. */
export function confirmReturn(sub: SandboxSubscription, body: { isReturned?: boolean }): void {
  if (sub.kind === "split") return
  if (sub.consolidatedStatus !== "ACCEPTED" || !sub.isDelivered) {
    throw invalidStatus(
      "A return can only be confirmed for an ACCEPTED subscription whose delivery was confirmed"
    )
  }
  if (body.isReturned) {
    sub.isReturned = true
    sub.lastUpdateTimestamp = new Date().toISOString()
  }
}

function checkCancellable(sub: SandboxSubscription, amountCents: number, now: number): boolean {
  // PRE_ACCEPTED / INITIALIZED files are refused: only "once accepted" can a cancellation be asked.
  if (sub.consolidatedStatus !== "ACCEPTED") {
    throw invalidStatus(
      `Only an ACCEPTED subscription can be cancelled (current status: ${sub.consolidatedStatus})`
    )
  }
  if (sub.pendingCancellation) {
    throw invalidStatus("A cancellation request is already being processed by the lender")
  }
  const accepted = Date.parse(sub.acceptedAt ?? sub.registrationTimestamp)
  // Split payment is cancellable up to 90 days after acceptance (error code undocumented: INVALID_STATUS).
  if (sub.kind === "split" && now - accepted > 90 * DAY_MS) {
    throw invalidStatus("A split payment can only be cancelled within 90 days of its acceptance")
  }
  if (sub.kind === "long_credit" && sub.isDelivered && !sub.isReturned) {
    throw invalidStatus(
      "The goods were delivered: confirm their return (_confirmReturn) before a cancellation"
    )
  }
  if (amountCents <= 0 || amountCents > sub.financedAmountCents) {
    throw new BusinessError(
      400,
      "REQUEST_VALIDATION_ERROR",
      `cancelledAmount (${centsToAmount(amountCents)}) must be positive and lower than or equal to financedAmount (${centsToAmount(sub.financedAmountCents)})`
    )
  }
  const full = amountCents === sub.financedAmountCents
  if (!full && sub.partialCancellationDone) {
    throw invalidStatus("A partial cancellation has already been made for this subscription")
  }
  return full
}

/** `_cancel` by the merchant. */
export function cancel(
  ctx: FileContext,
  sub: SandboxSubscription,
  body: { cancelledAmount?: number }
): { financedAmount: number; status: string } {
  const amountCents =
    body.cancelledAmount === undefined
      ? sub.financedAmountCents
      : amountToCents(body.cancelledAmount)
  const full = checkCancellable(sub, amountCents, Date.now())
  if (sub.market === "DE") {
    // "For Hanseatic, a first returned status is Requested": the outcome comes later (webhook, file).
    const requestedAt = new Date().toISOString()
    sub.pendingCancellation = { amountCents, full, requestedAt }
    sub.cancellationStatus = full ? "REQUEST_FOR_CANCELLATION" : "REQUEST_FOR_PARTIAL_CANCELLATION"
    sub.lastUpdateTimestamp = requestedAt
    const planned = ctx.settings.hanseaticCancellation
    if (planned) {
      ctx.schedule(sub, planned.afterMs, () => {
        if (sub.pendingCancellation) cancellationOutcome(ctx, sub, planned.accepted)
      })
    }
    return { financedAmount: centsToAmount(sub.financedAmountCents), status: "REQUESTED" }
  }
  applyCancellation(ctx, sub, { amountCents, full, origin: "api" })
  return { financedAmount: centsToAmount(sub.financedAmountCents), status: "ACCEPTED" }
}

/** Hanseatic's answer to a pending cancellation request. */
export function cancellationOutcome(
  ctx: FileContext,
  sub: SandboxSubscription,
  accepted: boolean
): void {
  const pending = sub.pendingCancellation
  if (!pending) throw new ControlError(409, "No cancellation request is pending for this file")
  sub.pendingCancellation = undefined
  if (accepted) {
    applyCancellation(ctx, sub, { ...pending, origin: "back-office" })
    return
  }
  sub.cancellationStatus = pending.full ? "CANCELLATION_REJECTED" : "PARTIAL_CANCELLATION_REJECTED"
  recordCancellation(ctx, sub, { ...pending, origin: "back-office" })
}

/** A cancellation made in Scalexpert's back office (customer withdrawal, support...). */
export function backOfficeCancel(
  ctx: FileContext,
  sub: SandboxSubscription,
  amountCents?: number
): void {
  if (sub.consolidatedStatus === "PRE_ACCEPTED") {
    if (amountCents !== undefined && amountCents !== sub.financedAmountCents) {
      throw new ControlError(409, "A PRE_ACCEPTED file can only be cancelled in full")
    }
    moveTo(ctx, sub, "CANCELLED", SUBSTATUS.CANCELED_BY_CUSTOMER, "back-office")
    return
  }
  if (sub.consolidatedStatus !== "ACCEPTED") {
    throw new ControlError(409, `A ${sub.consolidatedStatus} file cannot be cancelled`)
  }
  const cents = amountCents ?? sub.financedAmountCents
  if (cents <= 0 || cents > sub.financedAmountCents) {
    throw new ControlError(400, "The amount must be positive and at most the financed amount")
  }
  const full = cents === sub.financedAmountCents
  if (!full && sub.partialCancellationDone) {
    throw new ControlError(409, "A partial cancellation has already been made")
  }
  sub.pendingCancellation = undefined
  applyCancellation(ctx, sub, { amountCents: cents, full, origin: "back-office" })
}

/** A cancellation as the file records it: how much, whether all of it, who made it. */
interface CancellationMove {
  amountCents: number
  full: boolean
  origin: Origin
}

function applyCancellation(
  ctx: FileContext,
  sub: SandboxSubscription,
  move: CancellationMove
): void {
  const { full } = move
  sub.financedAmountCents -= move.amountCents
  sub.cancellationAlreadyMade = true
  sub.cancellationStatus = full ? "CANCELLATION_ACCEPTED" : "PARTIAL_CANCELLATION_ACCEPTED"
  if (!full) sub.partialCancellationDone = true
  recordCancellation(ctx, sub, move)
  if (full) moveTo(ctx, sub, "CANCELLED", SUBSTATUS.CANCELED_BY_CUSTOMER, move.origin)
}

function recordCancellation(
  ctx: FileContext,
  sub: SandboxSubscription,
  { amountCents, full, origin }: CancellationMove
): void {
  const status = sub.cancellationStatus as NonNullable<SandboxSubscription["cancellationStatus"]>
  sub.lastUpdateTimestamp = new Date().toISOString()
  sub.cancellations.push({
    at: sub.lastUpdateTimestamp,
    amountCents,
    full,
    cancellationStatus: status,
    origin,
  })
  ctx.emit("SC_CANCEL_REQUEST", `SC_CANCEL_REQUEST_${status}`, {
    merchantGlobalOrderId: sub.merchantGlobalOrderId,
    cancelledAmount: centsToAmount(amountCents),
    financedAmount: centsToAmount(sub.financedAmountCents),
    consolidatedStatus: sub.consolidatedStatus,
    cancellationStatus: status,
  })
}
