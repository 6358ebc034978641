import type { MedusaContainer } from "@medusajs/framework/types"
import { cancelOrderWorkflow, refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import {
  centsOf,
  compareCancellations,
  euros,
  formatEuros,
  lenderName,
  type AfterOrderData,
  type UnrecordedCancellation,
} from "../../providers/scalexpert/cancellation"
import { getScalexpert } from "../../providers/scalexpert/registry"
import {
  fileService,
  updatePaymentData,
  type FileRow,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"
import { recordTimeline } from "./timeline"
import { knownCancellations } from "./payment-records"

/**
 * Refunds in Medusa the cancellations Scalexpert applied without Medusa asking (its back office),
 * once the payment is captured: the provider recognises them and calls nothing.
 */
export async function recordOutsideCancellations(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger: TimelineTrigger
): Promise<void> {
  const { payment, file } = financing
  const markers = payment?.data.unrecorded_cancellations ?? []
  if (!payment || !markers.length) return
  for (const marker of markers) {
    const cents = centsOf(marker.amount)
    const refundable = payment.captured_cents - payment.refunded_cents
    if (refundable < cents) {
      // Not captured yet (long credit before delivery): recorded after the capture.
      continue
    }
    try {
      await refundPaymentWorkflow(container).run({
        input: {
          payment_id: payment.id,
          amount: euros(cents),
          note: "Cancelled in Scalexpert's back office",
        },
      })
      payment.refunded_cents += cents
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "success",
          message: `Refund of ${formatEuros(cents)} recorded in Medusa: cancelled in Scalexpert's back office (no call to Scalexpert)`,
          detail: { amount: euros(cents), marker_id: marker.id },
        },
      ])
    } catch (error) {
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "failure",
          message: `Medusa could not record the refund of ${formatEuros(cents)} cancelled in Scalexpert's back office: ${(error as Error).message}`,
          detail: { amount: euros(cents), marker_id: marker.id },
        },
      ])
    }
  }
}

/**
 * The file's amount or cancellation status moved without Medusa (a German request answered, or a
 * cancellation made in Scalexpert's back office): Medusa records it, so both sides agree.
 */
export async function settleCancellation(
  container: MedusaContainer,
  financing: OrderFinancing,
  observed: FileSnapshot,
  trigger: TimelineTrigger,
  now = new Date()
): Promise<void> {
  const { options } = getScalexpert(container)
  const service = fileService(container)
  const { file, payment } = financing
  const set = async (patch: Record<string, unknown>) => {
    const updated = await service.updateScalexpertFiles({ id: file.id, ...patch })
    financing.file = { ...financing.file, ...(updated as unknown as FileRow) }
  }
  const known = knownCancellations(financing)
  const update = async (patch: Partial<AfterOrderData>): Promise<AfterOrderData> =>
    payment ? updatePaymentData(container, payment, patch) : { ...known, ...patch }
  const change = compareCancellations({
    data: known,
    observed,
    firstSeenAt: file.unexplained_cancellation?.first_seen_at,
    graceSeconds: options.outsideCancellationGraceSeconds,
    now,
  })
  const lender = lenderName(file.solution_code)

  if (change.kind === "none" || (change.kind === "outside" && !payment)) {
    if (file.unexplained_cancellation) await set({ unexplained_cancellation: null })
    return
  }

  if (change.kind === "outcome") {
    const pending = known.pending_cancellation!
    const amount = formatEuros(change.cents)
    const what = change.full ? "cancellation" : "partial cancellation"
    // The row's state is written last: once it shows the outcome, the timeline does too.
    if (change.accepted) {
      const data = await update({
        pending_cancellation: null,
        cancelled_amount: euros(centsOf(known.cancelled_amount ?? 0) + change.cents),
        partial_cancel_used: !!known.partial_cancel_used || !change.full,
      })
      await recordTimeline(container, financing.file, [
        {
          kind: "note",
          trigger,
          outcome: "success",
          from_status: file.status,
          to_status: observed.status,
          message: `${lender} accepted the ${what} of ${amount}: the ${pending.by === "refund" ? "refund" : "cancellation"} requested on ${pending.requested_at.slice(0, 10)} is complete`,
          detail: {
            amount: euros(change.cents),
            full: change.full,
            cancellation_status: observed.cancellation_status,
            ...(pending.refund_id ? { refund_id: pending.refund_id } : {}),
          },
        },
      ])
      // A canceled order whose partial request was answered still owes the rest: the job and the
      // next read send it.
      const orderCancel =
        (pending.by === "cancel" && financing.order?.canceled) || file.cancel_status === "requested"
          ? change.full
            ? { cancel_status: "done", cancel_error: null }
            : { cancel_status: "pending", cancel_next_attempt_at: now, cancel_attempts: 0 }
          : {}
      await set({
        pending_cancellation: null,
        cancelled_amount: data.cancelled_amount,
        partial_cancel_used: !!data.partial_cancel_used,
        unexplained_cancellation: null,
        ...orderCancel,
      })
    } else {
      await update({ pending_cancellation: null })
      const message = `${lender} refused the ${what} of ${amount}: the financing still runs for ${formatEuros(centsOf(observed.financed_amount))}. ${pending.by === "refund" ? "The refund recorded in Medusa was not made by the lender: settle it with the customer or contact Scalexpert." : "Contact Scalexpert to cancel it."}`
      await recordTimeline(container, financing.file, [
        {
          kind: "note",
          trigger,
          outcome: "failure",
          message,
          detail: {
            amount: euros(change.cents),
            cancellation_status: observed.cancellation_status,
          },
        },
      ])
      await set({
        pending_cancellation: null,
        ...((pending.by === "cancel" && financing.order?.canceled) ||
        file.cancel_status === "requested"
          ? { cancel_status: "failed", cancel_error: message }
          : {}),
      })
    }
    return
  }

  // A cancellation made outside Medusa.
  if (!payment) return
  if (!change.ripe) {
    if (!file.unexplained_cancellation) {
      await set({
        unexplained_cancellation: {
          amount: euros(change.cents),
          first_seen_at: change.first_seen_at,
        },
      })
    }
    return
  }
  const refundable = payment.captured_cents - payment.refunded_cents
  const canceled = !!payment.canceled_at || !!financing.order?.canceled
  // What Medusa will do: refund now (captured), cancel the order (all of it, not captured), or
  // refund at the capture (part of it, not captured). A canceled payment has nothing to record.
  const plan = canceled
    ? "nothing"
    : refundable >= change.cents
      ? "refund"
      : change.full
        ? "cancel_order"
        : "refund_later"
  const marker: UnrecordedCancellation = {
    id: `outside-${now.getTime()}`,
    amount: euros(change.cents),
    source: "back_office",
    seen_at: now.toISOString(),
  }
  const data = await updatePaymentData(container, payment, {
    cancelled_amount: euros(centsOf(payment.data.cancelled_amount ?? 0) + change.cents),
    partial_cancel_used: !!payment.data.partial_cancel_used || !change.full,
    ...(plan === "refund" || plan === "refund_later"
      ? { unrecorded_cancellations: [...(payment.data.unrecorded_cancellations ?? []), marker] }
      : {}),
    // The file just read, under the lock: the provider acts on it rather than on an older read.
    file: observed,
  })
  await set({
    cancelled_amount: data.cancelled_amount,
    partial_cancel_used: !!data.partial_cancel_used,
    unexplained_cancellation: null,
  })
  await recordTimeline(container, financing.file, [
    {
      kind: "note",
      trigger,
      outcome: "info",
      from_status: file.status,
      to_status: observed.status,
      message: `${change.full ? "Financing cancelled" : `${formatEuros(change.cents)} cancelled`} outside Medusa (in Scalexpert's back office): recorded in Medusa`,
      detail: { amount: euros(change.cents), full: change.full, seen_since: change.first_seen_at },
    },
  ])

  if (plan === "refund") {
    await recordOutsideCancellations(container, financing, trigger)
    return
  }
  if (plan === "cancel_order") {
    try {
      await cancelOrderWorkflow(container).run({ input: { order_id: financing.order!.id } })
      await recordTimeline(container, financing.file, [
        {
          kind: "note",
          trigger,
          outcome: "success",
          message:
            "Order canceled in Medusa: its financing was cancelled in Scalexpert's back office",
        },
      ])
      await set({ cancel_status: "done" })
    } catch (error) {
      await recordTimeline(container, financing.file, [
        {
          kind: "note",
          trigger,
          outcome: "failure",
          message: `The financing was cancelled in Scalexpert's back office but Medusa could not cancel the order: ${(error as Error).message}`,
        },
      ])
    }
    return
  }
  if (plan === "refund_later") {
    await recordTimeline(container, financing.file, [
      {
        kind: "note",
        trigger,
        outcome: "info",
        message: `The payment is not captured yet: the refund of ${formatEuros(change.cents)} is recorded in Medusa when it is (at the delivery confirmation)`,
      },
    ])
  }
}
