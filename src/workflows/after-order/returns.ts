import type { MedusaContainer } from "@medusajs/framework/types"
import { isLongCredit } from "../../scalexpert/solutions"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { ledgerOf, writeLedger } from "./ledger"
import type { OrderFinancing, TimelineTrigger } from "./load"
import { errorDetail, recordTimeline } from "./timeline"

/**
 * Goods of a long-term credit came back (a return received in Medusa): Scalexpert is told with
 * `_confirmReturn`, the prerequisite of cancelling delivered long credit; the refund that follows
 * sends the `_cancel`. When this call fails, the provider makes it before the cancellation.
 */
export async function confirmReturnReceived(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger: TimelineTrigger,
  returnId?: string
): Promise<void> {
  const { file, payment } = financing
  if (!isLongCredit(file.solution_code) || !payment) return
  const now = new Date().toISOString()
  if (!payment.data.return_received_at) {
    await writeLedger(container, financing, { return_received_at: now })
  }
  const delivered = !!ledgerOf(financing).delivery_confirmed_at
  if (!delivered) {
    await recordTimeline(container, file, [
      {
        kind: "note",
        trigger,
        outcome: "info",
        message:
          "Return received: the delivery was not confirmed to Scalexpert, so there is no return to confirm (a refund cancels the credit directly)",
        detail: returnId ? { return_id: returnId } : null,
      },
    ])
    return
  }
  if (ledgerOf(financing).return_confirmed_at) return
  try {
    await getScalexpert(container).client.confirmReturn(file.subscription_id!, {
      isReturned: true,
    })
  } catch (error) {
    await recordTimeline(container, file, [
      {
        kind: "api_call",
        trigger,
        outcome: "failure",
        message: `Return confirmation failed (${(error as Error).message}): it is sent again before the cancellation, when the refund is made`,
        detail: {
          call: "_confirmReturn",
          ...(returnId ? { return_id: returnId } : {}),
          ...errorDetail(error),
        },
      },
    ])
    return
  }
  await recordTimeline(container, file, [
    {
      kind: "api_call",
      trigger,
      outcome: "success",
      message: "Return of the goods confirmed to Scalexpert: the refund can now cancel the credit",
      detail: { call: "_confirmReturn", ...(returnId ? { return_id: returnId } : {}) },
    },
  ])
  await writeLedger(container, financing, { return_confirmed_at: now })
}
