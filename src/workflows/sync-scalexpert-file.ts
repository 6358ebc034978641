import {
  acquireLockStep,
  authorizePaymentSessionStep,
  cancelOrderWorkflow,
  updatePaymentCollectionStep,
  useQueryGraphStep,
  completeCartWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { PaymentCollectionStatus } from "@medusajs/framework/utils"
import { failureReason, getStatus } from "../providers/scalexpert/state-machine"
import type { RequestLane } from "../scalexpert/request-budget"
import {
  cancelOrderCancelledOutsideSteps,
  recordOutsideRefundSteps,
} from "./after-order/outside-records"
import { lockKey } from "./after-order/locate"
import { afterOrderActionStep, afterOrderFactsStep } from "./after-order/sync-steps"
import { actionFor, knownReadFor } from "./steps/file-state"
import { flagScalexpertFileStep } from "./steps/flag-scalexpert-file"
import { loadScalexpertPaymentStep } from "./steps/load-scalexpert-payment"
import { readScalexpertFileStep } from "./steps/read-scalexpert-file"
import { recordScalexpertFileStep, type ScalexpertTrigger } from "./steps/record-scalexpert-file"
import { settleFileWithoutOrderStep } from "./steps/settle-file-without-order"
import { storeFileSnapshotStep } from "./steps/store-file-snapshot"

export type SyncScalexpertFileInput = {
  payment_session_id: string
  trigger: ScalexpertTrigger
  /** The file id the lender's return carried, when it carried one. */
  returned_subscription_id?: string
  /** The `consolidatedStatus` and `eventCode` a signed webhook carried. */
  event_status?: string
  event_code?: string
  /** The request budget's lane of the read: `checkout` (the return), `background` (job, webhook). */
  lane?: RequestLane
}

export const syncScalexpertFileWorkflowId = "sync-scalexpert-file"

const AFTER_ORDER_ACTIONS = ["cancel_file", "close_session", "settle_cancellation"]
const FLAG_ACTIONS = ["refused_after_shipment", "flag_amount_mismatch"]
/** Payment collections that cannot be canceled (any more). */
const CLOSED = [PaymentCollectionStatus.CANCELED, PaymentCollectionStatus.COMPLETED]

/**
 * The one path by which news of a Scalexpert file (the shopper's return, a webhook, the
 * reconciliation job, the admin) reaches Medusa: under the file's lock, read the file (unless a
 * read of the last minutes already says what the news says), let `decide` choose, then carry it
 * out: complete the cart, authorize the payment, cancel the order, or settle a file that has no
 * order (cancelled at the lender once accepted).
 */
export const syncScalexpertFileWorkflow = createWorkflow(
  syncScalexpertFileWorkflowId,
  (input: SyncScalexpertFileInput) => {
    const key = transform({ input }, ({ input }) => lockKey(input.payment_session_id))
    acquireLockStep({ key, timeout: 30, ttl: 120 })

    const loaded = loadScalexpertPaymentStep(input)
    const readInput = transform({ loaded, input }, ({ loaded, input }) => ({
      subscription_id: loaded.session.data.subscription_id,
      lane: input.lane,
      known: knownReadFor(loaded, input.trigger, {
        status: input.event_status,
        code: input.event_code,
      }),
    }))
    const file = readScalexpertFileStep(readInput)
    // After the order: is it canceled, and do the lender's amounts differ from Medusa's?
    const afterOrder = afterOrderFactsStep({ loaded, file })
    const action = transform({ loaded, file, afterOrder }, ({ loaded, file, afterOrder }) =>
      actionFor(loaded, afterOrder, file)
    )

    const snapshotInput = transform({ loaded, file }, ({ loaded, file }) => ({
      session: loaded.session,
      file,
    }))
    const completed = when("scalexpert-complete-cart", { action }, ({ action }) => {
      return action === "complete_cart"
    }).then(() => {
      storeFileSnapshotStep(snapshotInput).config({ name: "store-snapshot-before-order" })
      const cart = transform({ loaded }, ({ loaded }) => ({ id: loaded.cart_id! }))
      // A cart that cannot be completed must not undo what was read: the file is then settled
      // without order below (cancelled at the lender once accepted).
      return completeCartWorkflow
        .runAsStep({ input: cart })
        .config({ continueOnPermanentFailure: true })
    })

    when("scalexpert-authorize-payment", { action }, ({ action }) => {
      return action === "authorize_payment"
    }).then(() => {
      storeFileSnapshotStep(snapshotInput).config({ name: "store-snapshot-before-authorize" })
      const session = transform({ loaded }, ({ loaded }) => ({
        id: loaded.session.id,
        context: {},
      }))
      authorizePaymentSessionStep(session)
    })

    when("scalexpert-cancel-order", { action }, ({ action }) => {
      return action === "cancel_order"
    }).then(() => {
      const order = transform({ loaded }, ({ loaded }) => ({ order_id: loaded.order_id! }))
      cancelOrderWorkflow.runAsStep({ input: order })
    })

    const flagInput = transform({ action, loaded, file, input }, (data) => ({
      action: data.action,
      loaded: data.loaded,
      file: data.file,
      trigger: data.input.trigger,
    }))
    // Refused after the goods left: nothing will be paid, so the order's payment is canceled
    // (before the flag: a failure here leaves the session waiting, and the next read retries).
    when("scalexpert-cancel-payment-refused", { action }, ({ action }) => {
      return action === "refused_after_shipment"
    }).then(() => {
      const sessions = useQueryGraphStep({
        entity: "payment_session",
        fields: ["payment_collection_id"],
        filters: { id: loaded.session.id },
      }).config({ name: "scalexpert-refused-payment-collection" })
      // What Medusa's cancelPaymentCollectionWorkflow does, with no authorized payment to cancel;
      // a collection already canceled (or completed) is left as it is.
      const collection = transform({ sessions }, ({ sessions }) => ({
        selector: {
          id: (sessions.data[0] as { payment_collection_id: string }).payment_collection_id,
          status: { $nin: CLOSED },
        },
        update: { status: PaymentCollectionStatus.CANCELED },
      }))
      updatePaymentCollectionStep(collection)
    })
    when("scalexpert-flag-file", { action }, ({ action }) => {
      return FLAG_ACTIONS.includes(action)
    }).then(() => {
      flagScalexpertFileStep(flagInput)
    })

    when("scalexpert-end-session", { action }, ({ action }) => {
      return action === "fail"
    }).then(() => {
      const ended = transform({ loaded, file }, ({ loaded, file }) => ({
        session: loaded.session,
        file,
        status: getStatus(file.status, loaded.session.data.solution_code),
      }))
      storeFileSnapshotStep(ended).config({ name: "end-session-without-order" })
    })

    const outside = when("scalexpert-after-order", { action }, ({ action }) => {
      return AFTER_ORDER_ACTIONS.includes(action)
    }).then(() => afterOrderActionStep(flagInput))
    // A back-office cancellation on record: Medusa's refund, or its order cancellation, as steps.
    const refundInput = transform({ outside, input }, ({ outside, input }) =>
      outside?.refund ? { file_id: outside.file_id, trigger: input.trigger } : null
    )
    recordOutsideRefundSteps(refundInput)
    const orderCancelInput = transform({ outside, input }, ({ outside, input }) =>
      outside?.cancel_order_id
        ? { file_id: outside.file_id, order_id: outside.cancel_order_id, trigger: input.trigger }
        : null
    )
    cancelOrderCancelledOutsideSteps(orderCancelInput)

    const noOrderInput = transform({ flagInput, completed }, ({ flagInput, completed }) => ({
      ...flagInput,
      completed_order_id: (completed as { id?: string } | undefined)?.id,
    }))
    const noOrder = settleFileWithoutOrderStep(noOrderInput)

    const orderId = transform({ loaded, completed, noOrder }, ({ loaded, completed, noOrder }) => {
      if (noOrder.no_order) return undefined
      return (completed as { id?: string } | undefined)?.id ?? loaded.order_id
    })
    const record = transform({ loaded, file, action, orderId, input }, (data) => ({
      loaded: data.loaded,
      file: data.file,
      action: data.action,
      order_id: data.orderId,
      trigger: data.input.trigger,
    }))
    recordScalexpertFileStep(record)
    releaseLockStep({ key })

    const result = transform({ loaded, file, action, orderId, noOrder }, (data) => ({
      status: data.file.status,
      substatus: data.file.substatus,
      action: data.action,
      order_id: data.orderId,
      cart_id: data.loaded.cart_id,
      solution_code: data.loaded.session.data.solution_code,
      reason: data.noOrder.no_order
        ? (data.noOrder.reason ?? "error")
        : failureReason(data.file.status),
    }))
    return new WorkflowResponse(result)
  }
)
