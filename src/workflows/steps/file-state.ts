import { amountToCents } from "../../scalexpert/money"
import { decide, type Action, type FileState } from "../../providers/scalexpert/decide"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import type { AfterOrderFacts } from "../after-order/sync-steps"
import {
  knownSnapshot,
  readRecently,
  type LoadedScalexpertPayment,
} from "./load-scalexpert-payment"
import type { ScalexpertTrigger } from "./record-scalexpert-file"

const NO_ORDER_CANCEL = ["pending", "requested", "done", "failed"] as const

/** What the decision function knows of a file, from what the sync workflow loaded. */
export function fileState(
  loaded: LoadedScalexpertPayment,
  afterOrder?: AfterOrderFacts,
  file?: FileSnapshot
): FileState {
  const cancel = loaded.tracked?.cancel_status
  const noOrderCancel =
    loaded.tracked?.no_order_reason && NO_ORDER_CANCEL.includes(cancel as never)
      ? (cancel as FileState["noOrderCancel"])
      : undefined
  return {
    known: loaded.tracked?.status ?? loaded.created?.status,
    medusa: loaded.medusa,
    orderShipped: loaded.order_shipped,
    orderCanceled: afterOrder?.order_canceled,
    cancelOwed: afterOrder?.cancel_owed,
    cancellationChanged: afterOrder?.cancellation_changed,
    noOrderCancel,
    readRecently: readRecently(
      loaded.tracked ?? (loaded.created && { id: "", last_read_at: loaded.created.read_at })
    ),
    amountMatches:
      !file || amountToCents(file.financed_amount) === amountToCents(loaded.session.data.amount),
  }
}

/**
 * The read the news needs: none (the known snapshot stands) when a webhook or the shopper's return
 * only confirms what a read of the last minutes said; the job and the admin always read.
 */
export function knownReadFor(
  loaded: LoadedScalexpertPayment,
  trigger: ScalexpertTrigger,
  event: { status?: string; code?: string } = {}
): FileSnapshot | undefined {
  if (trigger !== "webhook" && trigger !== "return") return undefined
  const [action] = decide(fileState(loaded), { kind: "event", ...event })
  return action === "read" ? undefined : knownSnapshot(loaded.tracked, loaded.created)
}

/** The one action the sync workflow carries out for a fresh read. */
export function actionFor(
  loaded: LoadedScalexpertPayment,
  afterOrder: AfterOrderFacts,
  file: FileSnapshot
): Action {
  return decide(fileState(loaded, afterOrder, file), { kind: "read", status: file.status })[0]
}
