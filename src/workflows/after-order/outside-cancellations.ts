import type { MedusaContainer } from "@medusajs/framework/types"
import { inFlightFor } from "../../providers/scalexpert/cancel-intents"
import { decide } from "../../providers/scalexpert/decide"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import {
  centsOf,
  compareCancellations,
  euros,
  formatEuros,
  type CancellationChange,
  type UnrecordedCancellation,
} from "../../providers/scalexpert/cancellation"
import { settleCancellationOutcome } from "./cancellation-outcome"
import { ledgerOf, writeLedger } from "./ledger"
import type { OrderFinancing, TimelineTrigger } from "./load"
import { recordTimeline } from "./timeline"

/**
 * What the lender's file says of cancellations compared with Medusa: a cancellation the plugin is
 * sending right now (recorded before its call) is its own; anything beyond it was cancelled
 * outside Medusa, in the lender's back office, and counts at once.
 */
export async function cancellationChange(
  financing: OrderFinancing,
  observed: FileSnapshot
): Promise<CancellationChange> {
  const data = ledgerOf(financing)
  return compareCancellations({
    data,
    observed,
    inFlightCents: await inFlightFor(financing.file.subscription_id, data),
  })
}

/** What is left to do in Medusa once a back-office cancellation is on record (see the workflow). */
export type OutsidePlan = {
  file_id: string
  /** Refund now the cancellations the payment's captured amount covers. */
  refund: boolean
  /** The whole financing was cancelled before any capture: cancel the order. */
  cancel_order_id?: string
}

/**
 * The file's amount or cancellation status moved without Medusa (a German request answered, or a
 * cancellation made in the lender's back office): Medusa records it, so both sides agree. What
 * needs Medusa's own workflows (a refund, the order's cancellation) is returned for the calling
 * workflow to run as its steps.
 */
export async function settleCancellation(
  container: MedusaContainer,
  financing: OrderFinancing,
  observed: FileSnapshot,
  trigger: TimelineTrigger,
  now = new Date()
): Promise<OutsidePlan> {
  const nothing: OutsidePlan = { file_id: financing.file.id, refund: false }
  const change = await cancellationChange(financing, observed)
  if (change.kind === "outcome") {
    await settleCancellationOutcome(container, financing, observed, change, trigger, now)
    return nothing
  }
  // Without a payment (a pre-accepted credit), only the answer to the plugin's request counts.
  if (change.kind === "none" || !financing.payment) return nothing
  return recordOutsideCancellation(container, financing, observed, change, trigger, now)
}

/**
 * A cancellation made outside Medusa: on record in the payment's data and the row at once; then
 * refunded now (captured), at the capture (part of it, not captured), or the order canceled (all
 * of it, not captured). A canceled payment has nothing more to record.
 */
async function recordOutsideCancellation(
  container: MedusaContainer,
  financing: OrderFinancing,
  observed: FileSnapshot,
  change: { cents: number; full: boolean },
  trigger: TimelineTrigger,
  now: Date
): Promise<OutsidePlan> {
  const { file } = financing
  const payment = financing.payment!
  const [plan] = decide(
    {
      medusa: "paid",
      orderCanceled: !!financing.order?.canceled,
      paymentCanceled: !!payment.canceled_at,
      capturedCovers: payment.captured_cents - payment.refunded_cents >= change.cents,
    },
    { kind: "outside_cancel", full: change.full }
  )
  const marker: UnrecordedCancellation = {
    id: `outside-${now.getTime()}`,
    amount: euros(change.cents),
    source: "back_office",
    seen_at: now.toISOString(),
  }
  await writeLedger(container, financing, {
    cancelled_amount: euros(centsOf(payment.data.cancelled_amount ?? 0) + change.cents),
    partial_cancel_used: !!payment.data.partial_cancel_used || !change.full,
    ...(plan === "record_refund" || plan === "refund_at_capture"
      ? { unrecorded_cancellations: [...(payment.data.unrecorded_cancellations ?? []), marker] }
      : {}),
    // The file just read, under the lock: the provider acts on it rather than on an older read.
    file: observed,
  })
  await recordTimeline(container, financing.file, [
    {
      kind: "note",
      trigger,
      outcome: "info",
      from_status: file.status,
      to_status: observed.status,
      message: `${change.full ? "Financing cancelled" : `${formatEuros(change.cents)} cancelled`} outside Medusa (in Scalexpert's back office): recorded in Medusa`,
      detail: { amount: euros(change.cents), full: change.full },
    },
  ])
  if (plan === "refund_at_capture") {
    await recordTimeline(container, financing.file, [
      {
        kind: "note",
        trigger,
        outcome: "info",
        message: `The payment is not captured yet: the refund of ${formatEuros(change.cents)} is recorded in Medusa when it is (at the delivery confirmation)`,
      },
    ])
  }
  return {
    file_id: file.id,
    refund: plan === "record_refund",
    ...(plan === "cancel_order" && financing.order ? { cancel_order_id: financing.order.id } : {}),
  }
}
