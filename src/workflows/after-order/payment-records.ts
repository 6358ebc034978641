import type { MedusaContainer } from "@medusajs/framework/types"
import { toSnapshot, type FileSnapshot } from "../../providers/scalexpert/gateway"
import {
  centsOf,
  euros,
  remainingCents,
  type AfterOrderData,
  type PendingCancellation,
  type ProviderCall,
} from "../../providers/scalexpert/cancellation"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { fileService, type FileRow, type OrderFinancing, type TimelineTrigger } from "./load"
import { recordProviderCalls } from "./timeline"

/** The data the provider keeps: the payment's once there is one, else the session's. */
export const financingData = (financing: OrderFinancing): AfterOrderData =>
  financing.payment?.data ?? financing.session.data

export const pendingOf = (financing: OrderFinancing): PendingCancellation | null =>
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

/** A fresh read of the file, as the state machine's snapshot. */
export async function readSnapshot(
  container: MedusaContainer,
  file: FileRow
): Promise<FileSnapshot> {
  return toSnapshot(await getScalexpert(container).readFile(file.subscription_id!))
}
