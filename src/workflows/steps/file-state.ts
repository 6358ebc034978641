import { amountToCents } from "../../scalexpert/money"
import { compareCancellations } from "../../providers/scalexpert/cancellation"
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

/** Where the plugin's cancellation of a file with no order stands (a refusal: left to a person). */
function noOrderCancelOf(loaded: LoadedScalexpertPayment): FileState["noOrderCancel"] {
  if (!loaded.tracked?.no_order_reason) return undefined
  const cancel =
    loaded.tracked.cancel_status === "refused" ? "failed" : loaded.tracked.cancel_status
  return NO_ORDER_CANCEL.includes(cancel as never)
    ? (cancel as FileState["noOrderCancel"])
    : undefined
}

/**
 * The lender's answer, in `file`, to the cancellation the plugin requested for a file with no
 * order (Hanseatic Bank first answers "requested"): accepted or refused, or undefined while none.
 */
export function noOrderCancellationOutcome(
  loaded: LoadedScalexpertPayment,
  file?: FileSnapshot
): { accepted: boolean; cents: number; status?: string } | undefined {
  const pending = loaded.tracked?.pending_cancellation
  if (!file || !pending || noOrderCancelOf(loaded) !== "requested") return undefined
  const change = compareCancellations({
    data: {
      solution_code: loaded.session.data.solution_code,
      subscription_id: loaded.session.data.subscription_id,
      amount: pending.amount,
      cancelled_amount: 0,
      pending_cancellation: pending,
    },
    observed: file,
  })
  if (change.kind !== "outcome") return undefined
  return { accepted: change.accepted, cents: change.cents, status: file.cancellation_status }
}

/** What the decision function knows of a file, from what the sync workflow loaded. */
export function fileState(
  loaded: LoadedScalexpertPayment,
  afterOrder?: AfterOrderFacts,
  file?: FileSnapshot
): FileState {
  const noOrderCancel = noOrderCancelOf(loaded)
  return {
    known: loaded.tracked?.status ?? loaded.created?.status,
    medusa: loaded.medusa,
    orderShipped: loaded.order_shipped,
    orderCanceled: afterOrder?.order_canceled,
    cancelOwed: afterOrder?.cancel_owed,
    cancellationChanged:
      afterOrder?.cancellation_changed || !!noOrderCancellationOutcome(loaded, file),
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
