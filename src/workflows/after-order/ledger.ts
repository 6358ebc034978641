import type { MedusaContainer } from "@medusajs/framework/types"
import {
  centsOf,
  euros,
  remainingCents,
  type AfterOrderData,
  type PendingCancellation,
} from "../../providers/scalexpert/cancellation"
import { fileService, type FileRow, type OrderFinancing, type TimelineTrigger } from "./load"
import { updatePaymentData } from "./load-payment"

/**
 * One place holds a file's money facts after the order: cancelled amount, the one partial cancel,
 * the cancellation awaiting Hanseatic Bank, delivery and return confirmations, the provider's calls.
 * That place is the Medusa payment's `data`: Medusa hands exactly it to the provider at every
 * capture, refund and cancel, and stores the provider's answer with the capture or refund it made.
 * The plugin's row holds the lender's status and the plugin's own work (reads, retries, flags); its
 * copy of the money facts is derived from the payment by `deriveRowFromLedger` alone, for the job's
 * selection and the settings list. A file with no payment (an order canceled before the lender
 * accepted, or no order at all) has no other place: its facts are the row's.
 */

/** The money facts of a file: the payment's data, or, with no payment, the row's. */
export function ledgerOf(financing: OrderFinancing): AfterOrderData {
  if (financing.payment) return financing.payment.data
  const { file } = financing
  return {
    ...financing.session.data,
    cancelled_amount: euros(centsOf(file.cancelled_amount ?? 0)),
    partial_cancel_used: !!file.partial_cancel_used,
    pending_cancellation: (file.pending_cancellation as PendingCancellation | null) ?? null,
    ...(file.delivery_confirmed_at
      ? { delivery_confirmed_at: iso(file.delivery_confirmed_at) }
      : {}),
    ...(file.return_confirmed_at ? { return_confirmed_at: iso(file.return_confirmed_at) } : {}),
  }
}

const iso = (value: Date | string) => new Date(value).toISOString()

/** The row's copy of the money facts (pure): what `ledger` says, as the row's columns. */
export function rowCopyOf(
  ledger: AfterOrderData,
  file: FileRow,
  trigger?: TimelineTrigger
): Record<string, unknown> {
  const copy: Record<string, unknown> = {
    cancelled_amount: euros(centsOf(ledger.cancelled_amount ?? 0)),
    partial_cancel_used: !!ledger.partial_cancel_used,
    pending_cancellation: ledger.pending_cancellation ?? null,
    return_confirmed_at: ledger.return_confirmed_at ? new Date(ledger.return_confirmed_at) : null,
  }
  if (ledger.delivery_confirmed_at && file.delivery_status !== "confirmed") {
    // Confirmed by the provider (Medusa's own capture): the delivery work is over.
    copy.delivery_status = "confirmed"
    copy.delivery_trigger = file.delivery_trigger ?? trigger ?? "capture"
    copy.delivery_next_attempt_at = null
    copy.delivery_error = null
  }
  if (ledger.delivery_confirmed_at)
    copy.delivery_confirmed_at = new Date(ledger.delivery_confirmed_at)
  return copy
}

/** Writes the row's copy of the money facts from the ledger (and when Medusa captured it all). */
export async function deriveRowFromLedger(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger?: TimelineTrigger
): Promise<void> {
  const { file, payment } = financing
  const ledger = ledgerOf(financing)
  const patch = rowCopyOf(ledger, file, trigger)
  if (payment && ledger.cancelled_amount !== undefined && !ledger.pending_cancellation) {
    // What Scalexpert answered to the provider's cancellation; the status follows at the next read.
    patch.financed_amount = euros(remainingCents(ledger))
  }
  if (payment && payment.captured_cents >= payment.amount_cents && !file.captured_at) {
    patch.captured_at = new Date()
  }
  const updated = await fileService(container).updateScalexpertFiles({ id: file.id, ...patch })
  financing.file = { ...file, ...(updated as unknown as FileRow) }
}

/**
 * Changes the money facts where they are kept (the payment's data, else the row), then the row's
 * copy: the only way the workflows write them.
 */
export async function writeLedger(
  container: MedusaContainer,
  financing: OrderFinancing,
  patch: Partial<AfterOrderData>
): Promise<AfterOrderData> {
  if (financing.payment) {
    await updatePaymentData(container, financing.payment, patch)
  } else {
    const next = { ...ledgerOf(financing), ...patch }
    financing.file = { ...financing.file, ...rowCopyOf(next, financing.file) } as FileRow
  }
  await deriveRowFromLedger(container, financing)
  return ledgerOf(financing)
}
