import type { MedusaContainer } from "@medusajs/framework/types"
import { toSnapshot, type FileSnapshot } from "../../providers/scalexpert/gateway"
import type { ProviderCall } from "../../providers/scalexpert/cancellation"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { deriveRowFromLedger, ledgerOf } from "./ledger"
import type { FileRow, OrderFinancing, TimelineTrigger } from "./load"
import { recordProviderCalls } from "./timeline"

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

/**
 * After Medusa captured or refunded a Scalexpert payment (from the admin, a return, a claim, an
 * order cancellation): the calls the provider made go to the timeline, the row's copy follows.
 */
export async function recordPaymentOperation(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger?: TimelineTrigger
): Promise<void> {
  await recordProviderCalls(container, financing.file, ledgerOf(financing).calls, (call) =>
    trigger && trigger !== "job" && trigger !== "webhook"
      ? trigger
      : providerTrigger(call, financing)
  )
  await deriveRowFromLedger(container, financing, trigger)
}

/**
 * A fresh read of the file, as the state machine's snapshot. Its callers are the retry job and the
 * order-canceled subscriber: no shopper waits, so the read goes in the budget's `background` lane.
 */
export async function readSnapshot(
  container: MedusaContainer,
  file: FileRow
): Promise<FileSnapshot> {
  const lane = "background"
  return toSnapshot(await getScalexpert(container).readFile(file.subscription_id!, { lane }))
}
