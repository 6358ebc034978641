import type { MedusaContainer } from "@medusajs/framework/types"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import {
  centsOf,
  euros,
  formatEuros,
  lenderName,
  type PendingCancellation,
} from "../../providers/scalexpert/cancellation"
import { ledgerOf, writeLedger } from "./ledger"
import { fileService, type FileRow, type OrderFinancing, type TimelineTrigger } from "./load"
import { recordTimeline } from "./timeline"

/** Writes the plugin's own work (not the money facts: `writeLedger`) on the file's row. */
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
 * data and the row record it; refused, the timeline says what the merchant must do. The money
 * facts are written last: once they show the outcome, the timeline does too.
 */
export async function settleCancellationOutcome(
  container: MedusaContainer,
  financing: OrderFinancing,
  observed: FileSnapshot,
  change: { accepted: boolean; cents: number; full: boolean },
  trigger: TimelineTrigger,
  now = new Date()
): Promise<void> {
  const { file } = financing
  const known = ledgerOf(financing)
  const pending = known.pending_cancellation!
  const lender = lenderName(file.solution_code)
  const amount = formatEuros(change.cents)
  const what = change.full ? "cancellation" : "partial cancellation"

  if (change.accepted) {
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
    await writeLedger(container, financing, {
      pending_cancellation: null,
      cancelled_amount: euros(centsOf(known.cancelled_amount ?? 0) + change.cents),
      partial_cancel_used: !!known.partial_cancel_used || !change.full,
    })
    await setFileRow(container, financing, orderCancelAfter(financing, pending, change, now))
    return
  }

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
  await writeLedger(container, financing, { pending_cancellation: null })
  await setFileRow(
    container,
    financing,
    orderCancelAfter(financing, pending, { ...change, message }, now)
  )
}
