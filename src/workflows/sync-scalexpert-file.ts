import {
  acquireLockStep,
  authorizePaymentSessionStep,
  cancelOrderWorkflow,
  completeCartWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { decideAction, failureReason, getStatus } from "../providers/scalexpert/state-machine"
import { afterOrderActionStep, afterOrderFactsStep } from "./after-order/sync-steps"
import { loadScalexpertPaymentStep } from "./steps/load-scalexpert-payment"
import { readScalexpertFileStep } from "./steps/read-scalexpert-file"
import { recordScalexpertFileStep, type ScalexpertTrigger } from "./steps/record-scalexpert-file"
import { storeFileSnapshotStep } from "./steps/store-file-snapshot"

export type SyncScalexpertFileInput = {
  payment_session_id: string
  trigger: ScalexpertTrigger
  /** The file id the lender's return carried, when it carried one. */
  returned_subscription_id?: string
}

export const syncScalexpertFileWorkflowId = "sync-scalexpert-file"

/**
 * The one path by which news of a Scalexpert file (the shopper's return, a webhook, the
 * reconciliation job, the admin) reaches Medusa: under the file's lock, re-read the file, let the
 * state machine decide, then complete the cart, authorize the payment or cancel the order.
 */
export const syncScalexpertFileWorkflow = createWorkflow(
  syncScalexpertFileWorkflowId,
  (input: SyncScalexpertFileInput) => {
    const lockKey = transform(
      { input },
      ({ input }) => `scalexpert-file:${input.payment_session_id}`
    )
    acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })

    const loaded = loadScalexpertPaymentStep(input)
    const subscription = transform({ loaded }, ({ loaded }) => ({
      subscription_id: loaded.session.data.subscription_id,
    }))
    const file = readScalexpertFileStep(subscription)
    // After the order: is it canceled, and do the lender's amounts differ from Medusa's?
    const afterOrder = afterOrderFactsStep({ loaded, file })
    const action = transform({ loaded, file, afterOrder }, ({ loaded, file, afterOrder }) =>
      decideAction({
        known: loaded.tracked?.status,
        observed: file.status,
        hasOrder: !!loaded.order_id,
        sessionStatus: loaded.session.status,
        orderCanceled: afterOrder.order_canceled,
        cancelOwed: afterOrder.cancel_owed,
        cancellationChanged: afterOrder.cancellation_changed,
      })
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
      return completeCartWorkflow.runAsStep({ input: cart })
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

    when("scalexpert-after-order", { action }, ({ action }) => {
      return (
        action === "cancel_file" || action === "close_session" || action === "settle_cancellation"
      )
    }).then(() => {
      const afterOrderInput = transform({ action, loaded, file, input }, (data) => ({
        action: data.action,
        loaded: data.loaded,
        file: data.file,
        trigger: data.input.trigger,
      }))
      afterOrderActionStep(afterOrderInput)
    })

    const orderId = transform({ loaded, completed }, ({ loaded, completed }) => {
      return completed?.id ?? loaded.order_id
    })
    const record = transform({ loaded, file, action, orderId, input }, (data) => ({
      loaded: data.loaded,
      file: data.file,
      action: data.action,
      order_id: data.orderId,
      trigger: data.input.trigger,
    }))
    recordScalexpertFileStep(record)
    releaseLockStep({ key: lockKey })

    const result = transform({ loaded, file, action, orderId }, (data) => ({
      status: data.file.status,
      substatus: data.file.substatus,
      action: data.action,
      order_id: data.orderId,
      cart_id: data.loaded.cart_id,
      solution_code: data.loaded.session.data.solution_code,
      reason: failureReason(data.file.status),
    }))
    return new WorkflowResponse(result)
  }
)
