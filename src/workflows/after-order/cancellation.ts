import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { isScalexpertError } from "../../scalexpert/errors"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import { toSnapshot, type FileSnapshot } from "../../providers/scalexpert/gateway"
import { cancelAtLender } from "../../providers/scalexpert/cancel-at-lender"
import {
  centsOf,
  compareCancellations,
  euros,
  formatEuros,
  lenderName,
  planCancellation,
  remainingCents,
  retryDelayMs,
  type AfterOrderData,
  type PendingCancellation,
  type ProviderCall,
  type UnrecordedCancellation,
} from "../../providers/scalexpert/cancellation"
import { getScalexpert } from "../../providers/scalexpert/registry"
import {
  fileService,
  loadFinancingByOrder,
  updatePaymentData,
  type FileRow,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"
import { errorDetail, recordProviderCalls, recordTimeline } from "./timeline"

/** The data the provider keeps: the payment's once there is one, else the session's. */
export const financingData = (financing: OrderFinancing): AfterOrderData =>
  financing.payment?.data ?? financing.session.data

const pendingOf = (financing: OrderFinancing): PendingCancellation | null =>
  financing.payment?.data.pending_cancellation ??
  (financing.file.pending_cancellation as PendingCancellation | null | undefined) ??
  null

/**
 * What Medusa knows of the file's cancellations: the payment's data; without a payment (a
 * canceled order whose credit was pre-accepted), what the plugin's row kept of its own request.
 */
export function knownCancellations(financing: OrderFinancing): AfterOrderData {
  return (
    financing.payment?.data ?? {
      ...financing.session.data,
      cancelled_amount: euros(centsOf(financing.file.cancelled_amount ?? 0)),
      pending_cancellation: pendingOf(financing),
    }
  )
}

/**
 * The trigger of a call the provider made, when the one who asked is not known better: a full
 * refund of a canceled order is Medusa refunding a captured payment as it cancels the order.
 */
export const providerTrigger = (
  call: ProviderCall,
  financing?: OrderFinancing
): TimelineTrigger => {
  if (call.by === "capture") return "capture"
  if (call.by === "refund")
    return call.full && financing?.order?.canceled ? "order_canceled" : "refund"
  return "order_canceled"
}

/** Copies what the provider wrote in the payment's data to the plugin's row. */
export async function syncRowFromPaymentData(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger?: TimelineTrigger
): Promise<void> {
  const data = financingData(financing)
  const { file } = financing
  const patch: Record<string, unknown> = {
    cancelled_amount: euros(centsOf(data.cancelled_amount ?? 0)),
    partial_cancel_used: !!data.partial_cancel_used,
    pending_cancellation: data.pending_cancellation ?? null,
  }
  if (data.cancelled_amount !== undefined && !data.pending_cancellation) {
    // What Scalexpert answered to the cancellation; the status follows at the next read.
    patch.financed_amount = euros(remainingCents(data))
  }
  if (data.return_confirmed_at && !file.return_confirmed_at) {
    patch.return_confirmed_at = new Date(data.return_confirmed_at)
  }
  if (data.delivery_confirmed_at && file.delivery_status !== "confirmed") {
    patch.delivery_status = "confirmed"
    patch.delivery_confirmed_at = new Date(data.delivery_confirmed_at)
    patch.delivery_trigger = file.delivery_trigger ?? trigger ?? "capture"
    patch.delivery_next_attempt_at = null
    patch.delivery_error = null
  }
  if (
    financing.payment &&
    financing.payment.captured_cents >= financing.payment.amount_cents &&
    !file.captured_at
  ) {
    patch.captured_at = new Date()
  }
  const updated = await fileService(container).updateScalexpertFiles({ id: file.id, ...patch })
  financing.file = { ...file, ...(updated as unknown as FileRow) }
}

/**
 * After Medusa captured or refunded a Scalexpert payment (from the admin, a return, a claim, an
 * order cancellation): the calls the provider made go to the timeline, its data to the row.
 */
export async function recordPaymentOperation(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger?: TimelineTrigger
): Promise<void> {
  const data = financingData(financing)
  await recordProviderCalls(container, financing.file, data.calls, (call) =>
    trigger && trigger !== "job" && trigger !== "webhook"
      ? trigger
      : providerTrigger(call, financing)
  )
  await syncRowFromPaymentData(container, financing, trigger)
}

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

/** The payment session of a canceled order ends with its file (the job stops reading it). */
async function closeSession(
  container: MedusaContainer,
  financing: OrderFinancing,
  file: FileSnapshot
) {
  if (financing.session.status !== PaymentSessionStatus.PENDING_AUTHORIZATION) return
  const status =
    file.status === "REJECTED" ? PaymentSessionStatus.ERROR : PaymentSessionStatus.CANCELED
  await container.resolve(Modules.PAYMENT).updatePaymentSession({
    id: financing.session.id,
    amount: financing.session.amount,
    currency_code: financing.session.currency_code,
    data: { ...financing.session.data, file },
    status,
  })
}

/**
 * The Medusa order is canceled: the file must be cancelled too, for its full amount. Medusa
 * cancels an authorized payment itself (the provider's `cancelPayment`); this covers what it
 * cannot: a pre-accepted credit (no payment yet: cancelled once the lender accepts it), a
 * cancellation that failed (retried with backoff), and follows a German request.
 */
export async function cancelFileOfCanceledOrder(
  container: MedusaContainer,
  financing: OrderFinancing,
  observed: FileSnapshot,
  trigger: TimelineTrigger,
  now = new Date()
): Promise<void> {
  const service = fileService(container)
  const gateway = getScalexpert(container)
  const { file } = financing
  const set = async (patch: Record<string, unknown>) => {
    const updated = await service.updateScalexpertFiles({ id: file.id, ...patch })
    financing.file = { ...financing.file, ...(updated as unknown as FileRow) }
  }
  // What the provider did when Medusa canceled the payment.
  await recordPaymentOperation(container, financing, trigger === "job" ? undefined : trigger)

  if (observed.status === "CANCELLED") {
    await closeSession(container, financing, observed)
    if (file.cancel_status !== "done") await set({ cancel_status: "done", cancel_error: null })
    return
  }
  if (observed.status === "REJECTED" || observed.status === "ABORTED") {
    await closeSession(container, financing, observed)
    if (file.cancel_status !== "not_needed") {
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "info",
          message: `The financing ended without funding (${observed.status}): nothing to cancel at Scalexpert`,
        },
      ])
      await set({ cancel_status: "not_needed", cancel_next_attempt_at: null })
    }
    return
  }
  if (observed.status !== "ACCEPTED") {
    if (file.cancel_status !== "awaiting_acceptance") {
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "info",
          message:
            "Order canceled while the lender has not accepted the credit: Scalexpert cancels a file only once it is accepted, so the plugin cancels it as soon as it is (if it is refused or expires, nothing is owed)",
        },
      ])
      await set({ cancel_status: "awaiting_acceptance" })
    }
    return
  }
  const pending = pendingOf(financing)
  if (pending || /^REQUEST_FOR/.test(observed.cancellation_status ?? "")) {
    if (file.cancel_status !== "requested") await set({ cancel_status: "requested" })
    return
  }

  const attempts = (file.cancel_attempts ?? 0) + 1
  const cents = centsOf(observed.financed_amount)
  try {
    if (financing.payment && !financing.payment.canceled_at) {
      // Medusa's own path: the provider's cancelPayment, as when the order was canceled, on the
      // file just read.
      await updatePaymentData(container, financing.payment, { file: observed })
      await container.resolve(Modules.PAYMENT).cancelPayment(financing.payment.id)
      const reloaded = await loadFinancingByOrder(container, financing.order!.id)
      if (reloaded) Object.assign(financing, reloaded)
      await recordPaymentOperation(container, financing, trigger)
    } else {
      const data = {
        ...financingData(financing),
        cancelled_amount: euros(centsOf(financingData(financing).amount) - cents),
      }
      const next = await cancelAtLender(
        gateway,
        data,
        cents,
        true,
        "cancel",
        `cancel-${now.getTime()}`
      )
      if (financing.payment) await updatePaymentData(container, financing.payment, next)
      else financing.session.data = next
      await recordProviderCalls(container, financing.file, next.calls?.slice(-1), () => trigger)
      await set({
        cancelled_amount: next.cancelled_amount ?? 0,
        pending_cancellation: next.pending_cancellation ?? null,
      })
    }
    const requested = !!pendingOf(financing)
    await set({
      cancel_status: requested ? "requested" : "done",
      cancel_attempts: attempts,
      cancel_next_attempt_at: null,
      cancel_error: null,
      pending_cancellation: pendingOf(financing),
    })
    if (!requested) {
      await closeSession(container, financing, { ...observed, status: "CANCELLED" })
    }
  } catch (error) {
    const transient = !isScalexpertError(error) || error.isTransient || error.isUnauthorized
    const giveUp = !transient || attempts >= gateway.options.retryPolicy.maxAttempts
    const next = giveUp
      ? null
      : new Date(now.getTime() + retryDelayMs(attempts, gateway.options.retryPolicy))
    const reason = (error as Error).message
    await recordTimeline(container, financing.file, [
      {
        kind: "api_call",
        trigger,
        outcome: "failure",
        message: giveUp
          ? `Cancellation of the financing (${formatEuros(cents)}) failed for good: ${reason}. Cancel it from the admin once the cause is fixed.`
          : `Cancellation of the financing (${formatEuros(cents)}) failed: ${reason}; retried at ${next!.toISOString()}`,
        detail: { call: "_cancel", amount: euros(cents), attempt: attempts, ...errorDetail(error) },
      },
    ])
    await set({
      cancel_status: giveUp ? "failed" : "pending",
      cancel_attempts: attempts,
      cancel_next_attempt_at: next,
      cancel_error: reason,
    })
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

/**
 * The admin's cancellation (`amount` absent: all that is still financed), through Medusa's own
 * paths: a refund of a captured payment, or the cancellation of an authorized one. Refused with a
 * clear message before any call when Scalexpert would refuse it.
 */
export async function cancelFromAdmin(
  container: MedusaContainer,
  orderId: string,
  amount: number | undefined
): Promise<void> {
  const financing = await loadFinancingByOrder(container, orderId)
  if (!financing) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} is not paid with Scalexpert`
    )
  }
  const { payment } = financing
  if (!payment) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      financing.session.status === PaymentSessionStatus.PENDING_AUTHORIZATION
        ? "The lender has not accepted this credit yet (pre-accepted): Scalexpert cannot cancel it now. Cancel the order instead: the plugin cancels the file as soon as Scalexpert allows it."
        : "This order has no Scalexpert payment to cancel"
    )
  }
  if (payment.canceled_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The Scalexpert payment is already canceled"
    )
  }
  const refundable = payment.captured_cents - payment.refunded_cents
  const remaining = remainingCents(payment.data)
  if (payment.captured_cents > 0) {
    const cents = amount === undefined ? Math.min(refundable, remaining) : centsOf(amount)
    if (cents > refundable) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Only ${formatEuros(refundable)} of this payment can still be refunded in Medusa`
      )
    }
    const plan = planCancellation({ data: payment.data, cents })
    if (plan.kind === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, plan.message)
    await refundPaymentWorkflow(container).run({
      input: {
        payment_id: payment.id,
        amount: euros(cents),
        note: "Scalexpert cancellation (admin)",
      },
    })
  } else {
    if (amount !== undefined && centsOf(amount) !== remaining) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `A partial cancellation is a refund, and this payment is not captured yet (long-term credit is captured when its delivery is confirmed): cancel the whole ${formatEuros(remaining)}, or confirm the delivery first.`
      )
    }
    const plan = planCancellation({ data: payment.data, cents: remaining })
    if (plan.kind === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, plan.message)
    await container.resolve(Modules.PAYMENT).cancelPayment(payment.id)
  }
  const reloaded = await loadFinancingByOrder(container, orderId)
  if (reloaded) await recordPaymentOperation(container, reloaded, "admin")
}

/** A fresh read of the file, as the state machine's snapshot. */
export async function readSnapshot(
  container: MedusaContainer,
  file: FileRow
): Promise<FileSnapshot> {
  return toSnapshot(await getScalexpert(container).readFile(file.subscription_id!))
}

export type { ConsolidatedStatus }
