import type { MedusaContainer } from "@medusajs/framework/types"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import {
  centsOf,
  euros,
  formatEuros,
  lenderName,
  type AfterOrderData,
  type PendingCancellation,
} from "../../providers/scalexpert/cancellation"
import {
  fileService,
  updatePaymentData,
  type FileRow,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"
import { knownCancellations } from "./payment-records"
import { recordTimeline } from "./timeline"

/** Writes `patch` on the plugin's row of the file, and keeps `financing.file` in step. */
export async function setFileRow(
  container: MedusaContainer,
  financing: OrderFinancing,
  patch: Record<string, unknown>
): Promise<void> {
  const updated = await fileService(container).updateScalexpertFiles({
    id: financing.file.id,
    ...patch,
  })
  financing.file = { ...financing.file, ...(updated as unknown as FileRow) }
}

/** The row's order-cancel state once the canceled order's cancellation request is answered. */
function orderCancelAfter(
  financing: OrderFinancing,
  pending: PendingCancellation,
  outcome: { accepted: boolean; full: boolean; message?: string },
  now: Date
): Record<string, unknown> {
  const ours =
    (pending.by === "cancel" && financing.order?.canceled) ||
    financing.file.cancel_status === "requested"
  if (!ours) return {}
  if (!outcome.accepted) return { cancel_status: "failed", cancel_error: outcome.message }
  // A canceled order whose partial request was answered still owes the rest: the job and the
  // next read send it.
  return outcome.full
    ? { cancel_status: "done", cancel_error: null }
    : { cancel_status: "pending", cancel_next_attempt_at: now, cancel_attempts: 0 }
}

/**
 * The lender answered a cancellation the plugin requested (Hanseatic Bank): accepted, Medusa's
 * data and the row record it; refused, the timeline says what the merchant must do. The row's
 * state is written last: once it shows the outcome, the timeline does too.
 */
export async function settleCancellationOutcome(
  container: MedusaContainer,
  financing: OrderFinancing,
  observed: FileSnapshot,
  change: { accepted: boolean; cents: number; full: boolean },
  trigger: TimelineTrigger,
  now = new Date()
): Promise<void> {
  const { file, payment } = financing
  const known = knownCancellations(financing)
  const pending = known.pending_cancellation!
  const update = async (patch: Partial<AfterOrderData>): Promise<AfterOrderData> =>
    payment ? updatePaymentData(container, payment, patch) : { ...known, ...patch }
  const lender = lenderName(file.solution_code)
  const amount = formatEuros(change.cents)
  const what = change.full ? "cancellation" : "partial cancellation"

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
    await setFileRow(container, financing, {
      pending_cancellation: null,
      cancelled_amount: data.cancelled_amount,
      partial_cancel_used: !!data.partial_cancel_used,
      ...orderCancelAfter(financing, pending, change, now),
    })
    return
  }

  await update({ pending_cancellation: null })
  const message = `${lender} refused the ${what} of ${amount}: the financing still runs for ${formatEuros(centsOf(observed.financed_amount))}. ${pending.by === "refund" ? "The refund recorded in Medusa was not made by the lender: settle it with the customer or contact Scalexpert." : "Contact Scalexpert to cancel it."}`
  await recordTimeline(container, financing.file, [
    {
      kind: "note",
      trigger,
      outcome: "failure",
      message,
      detail: { amount: euros(change.cents), cancellation_status: observed.cancellation_status },
    },
  ])
  await setFileRow(container, financing, {
    pending_cancellation: null,
    ...orderCancelAfter(financing, pending, { ...change, message }, now),
  })
}
