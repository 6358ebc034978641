import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { DeliveryOperator } from "../../scalexpert/schemas"
import { isSplitPayment } from "../../scalexpert/solutions"
import { retryDelayMs } from "../../providers/scalexpert/cancellation"
import { getScalexpert } from "../../providers/scalexpert/registry"
import {
  cancelFileOfCanceledOrder,
  cancelFromAdmin,
  readSnapshot,
  recordPaymentOperation,
} from "./cancellation"
import {
  attemptDeliveryConfirmation,
  captureAfterDelivery,
  confirmDeliveryFromAdmin,
  readShipment,
  requestDeliveryConfirmation,
} from "./delivery"
import {
  fileService,
  loadFinancingByFile,
  loadFinancingByOrder,
  loadFinancingBySession,
  type FileRow,
  type TimelineTrigger,
} from "./load"
import { confirmReturnReceived } from "./returns"
import { recordTimeline } from "./timeline"

/** The lock the sync workflow takes too: one operation at a time on a file. */
const lockKey = (paymentSessionId: string | null) =>
  paymentSessionId ? `scalexpert-file:${paymentSessionId}` : undefined

// ---- Delivery ---------------------------------------------------------------------------------

export type ScalexpertShipmentInput = { fulfillment_id: string; event: "shipment" | "delivery" }

const locateShipmentStep = createStep(
  "scalexpert-locate-shipment",
  async (input: ScalexpertShipmentInput, { container }) => {
    const mode = getScalexpert(container).options.deliveryConfirmation
    // In `shipment` mode a delivery marked without a shipment also counts; `manual`: never.
    const wanted = mode === "shipment" || (mode === "delivery" && input.event === "delivery")
    if (!wanted) return new StepResponse(null)
    const shipment = await readShipment(container, input.fulfillment_id, input.event)
    if (!shipment) return new StepResponse(null)
    const financing = await loadFinancingByOrder(container, shipment.order_id)
    return new StepResponse(financing ? financing.file.payment_session_id : null)
  }
)

const confirmShipmentStep = createStep(
  "scalexpert-confirm-shipment",
  async (input: ScalexpertShipmentInput & { session_id: string | null }, { container }) => {
    // Not a Scalexpert order, or this event is not the configured moment.
    if (!input.session_id) return new StepResponse(undefined)
    const shipment = await readShipment(container, input.fulfillment_id, input.event)
    if (!shipment) return new StepResponse(undefined)
    const financing = await loadFinancingByOrder(container, shipment.order_id)
    if (!financing || isSplitPayment(financing.file.solution_code)) {
      // Split payment has nothing to confirm.
      return new StepResponse(undefined)
    }
    const { file } = financing
    if (file.delivery_status === "confirmed" || file.delivery_status === "pending") {
      return new StepResponse(undefined)
    }
    const trigger: TimelineTrigger = input.event
    if (!shipment.complete) {
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "info",
          message: `Part of the order ${input.event === "delivery" ? "delivered" : "shipped"}: the delivery is confirmed to Scalexpert once everything is`,
          detail: { fulfillment_id: shipment.fulfillment_id },
        },
      ])
      return new StepResponse(undefined)
    }
    await requestDeliveryConfirmation(container, financing, {
      trigger,
      tracking_number: shipment.tracking_number,
      operator: shipment.operator,
      fulfillment_id: shipment.fulfillment_id,
    })
    return new StepResponse(undefined)
  }
)

/**
 * A shipment (or a delivery) of an order paid with long-term credit: the delivery is confirmed to
 * Scalexpert with the tracking number and the operator, then the Medusa payment is captured. It
 * runs after the shipment is made: a Scalexpert failure is retried by the job, never blocks it.
 */
export const scalexpertShipmentWorkflow = createWorkflow(
  "scalexpert-shipment",
  (input: ScalexpertShipmentInput) => {
    const sessionId = locateShipmentStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const located = transform({ input, sessionId }, ({ input, sessionId }) => ({
      ...input,
      session_id: sessionId,
    }))
    confirmShipmentStep(located)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)

export type ScalexpertAdminDeliveryInput = {
  order_id: string
  tracking_number?: string
  operator?: DeliveryOperator
}

const locateOrderStep = createStep(
  "scalexpert-locate-order",
  async (input: { order_id: string }, { container }) => {
    const financing = await loadFinancingByOrder(container, input.order_id)
    return new StepResponse(financing ? financing.file.payment_session_id : null)
  }
)

const adminDeliveryStep = createStep(
  "scalexpert-admin-confirm-delivery-step",
  async (input: ScalexpertAdminDeliveryInput, { container }) => {
    await confirmDeliveryFromAdmin(container, input.order_id, input)
    return new StepResponse(undefined)
  }
)

/** `POST /admin/scalexpert/orders/:order_id/confirm-delivery`, in any mode. */
export const confirmScalexpertDeliveryWorkflow = createWorkflow(
  "scalexpert-admin-confirm-delivery",
  (input: ScalexpertAdminDeliveryInput) => {
    const sessionId = locateOrderStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    adminDeliveryStep(input)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)

/** The file could not be read to cancel it: tried again later, with backoff, up to the limit. */
async function postponeCancel(
  container: MedusaContainer,
  file: FileRow,
  error: unknown,
  now: Date,
  trigger: TimelineTrigger
): Promise<void> {
  const { retryPolicy } = getScalexpert(container).options
  const attempts = (file.cancel_attempts ?? 0) + 1
  const giveUp = attempts >= retryPolicy.maxAttempts
  const reason = `Scalexpert could not be read: ${(error as Error).message}`
  await fileService(container).updateScalexpertFiles({
    id: file.id,
    cancel_status: giveUp ? "failed" : "pending",
    cancel_attempts: attempts,
    cancel_next_attempt_at: giveUp
      ? null
      : new Date(now.getTime() + retryDelayMs(attempts, retryPolicy)),
    cancel_error: reason,
  })
  await recordTimeline(container, file, [
    {
      kind: "note",
      trigger,
      outcome: "failure",
      message: giveUp
        ? `The financing could not be cancelled: ${reason}. Cancel it from the admin once Scalexpert answers.`
        : `The financing could not be cancelled yet (${reason}): retried by the job`,
    },
  ])
}

// ---- Retries (the job) ------------------------------------------------------------------------

export type ScalexpertRetryInput = { file_id: string; now?: string }

const locateFileStep = createStep(
  "scalexpert-locate-file",
  async (input: { file_id: string }, { container }) => {
    const financing = await loadFinancingByFile(container, input.file_id)
    return new StepResponse(financing ? financing.file.payment_session_id : null)
  }
)

const retryStep = createStep(
  "scalexpert-retry-file-step",
  async (input: ScalexpertRetryInput, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    const financing = await loadFinancingByFile(container, input.file_id)
    if (!financing) return new StepResponse(undefined)
    const { file } = financing
    const due = (at: Date | string | null | undefined) => !!at && new Date(at) <= now
    if (file.delivery_status === "pending" && due(file.delivery_next_attempt_at)) {
      await attemptDeliveryConfirmation(container, financing, "job", now)
    } else if (
      file.delivery_status === "confirmed" &&
      !file.captured_at &&
      due(file.delivery_next_attempt_at)
    ) {
      await captureAfterDelivery(container, financing, "job", now)
    }
    if (file.cancel_status === "pending" && due(file.cancel_next_attempt_at)) {
      const fresh = (await loadFinancingByFile(container, input.file_id)) ?? financing
      let observed
      try {
        observed = await readSnapshot(container, fresh.file)
      } catch (error) {
        await postponeCancel(container, fresh.file, error, now, "job")
        return new StepResponse(undefined)
      }
      await cancelFileOfCanceledOrder(container, fresh, observed, "job", now)
    }
    return new StepResponse(undefined)
  }
)

/** One due retry of a file: its delivery confirmation, its capture, or its cancellation. */
export const retryScalexpertFileWorkflow = createWorkflow(
  "scalexpert-retry-file",
  (input: ScalexpertRetryInput) => {
    const sessionId = locateFileStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    retryStep(input)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)

// ---- Order canceled ---------------------------------------------------------------------------

const orderCanceledStep = createStep(
  "scalexpert-order-canceled-step",
  async (input: { order_id: string }, { container }) => {
    const financing = await loadFinancingByOrder(container, input.order_id)
    if (!financing?.file.subscription_id) return new StepResponse(undefined)
    let observed
    try {
      observed = await readSnapshot(container, financing.file)
    } catch (error) {
      // Scalexpert cannot be read now: the cancellation is retried by the job.
      await recordPaymentOperation(container, financing, "order_canceled")
      if (!financing.payment?.canceled_at) {
        await postponeCancel(container, financing.file, error, new Date(), "order_canceled")
      }
      return new StepResponse(undefined)
    }
    await cancelFileOfCanceledOrder(container, financing, observed, "order_canceled")
    return new StepResponse(undefined)
  }
)

/** `order.canceled`: the order's financing is cancelled too, for its full amount. */
export const scalexpertOrderCanceledWorkflow = createWorkflow(
  "scalexpert-order-canceled",
  (input: { order_id: string }) => {
    const sessionId = locateOrderStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    orderCanceledStep(input)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)

// ---- Payment captured or refunded -------------------------------------------------------------

const locatePaymentStep = createStep(
  "scalexpert-locate-payment",
  async (input: { payment_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "payment",
      fields: ["id", "provider_id", "payment_session_id"],
      filters: { id: input.payment_id },
    })
    const payment = data[0] as { provider_id?: string; payment_session_id?: string } | undefined
    if (!payment?.payment_session_id || payment.provider_id !== "pp_scalexpert_scalexpert") {
      return new StepResponse(null)
    }
    return new StepResponse(payment.payment_session_id)
  }
)

const paymentOperationStep = createStep(
  "scalexpert-payment-operation-step",
  async (input: { session_id: string | null }, { container }) => {
    if (!input.session_id) return new StepResponse(undefined)
    const financing = await loadFinancingBySession(container, input.session_id)
    if (financing) await recordPaymentOperation(container, financing)
    return new StepResponse(undefined)
  }
)

/** `payment.captured` / `payment.refunded`: what the provider did goes to the timeline. */
export const scalexpertPaymentOperationWorkflow = createWorkflow(
  "scalexpert-payment-operation",
  (input: { payment_id: string }) => {
    const sessionId = locatePaymentStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const step = transform({ sessionId }, ({ sessionId }) => ({ session_id: sessionId }))
    paymentOperationStep(step)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)

// ---- Return received --------------------------------------------------------------------------

const returnReceivedStep = createStep(
  "scalexpert-return-received-step",
  async (input: { order_id: string; return_id?: string }, { container }) => {
    const financing = await loadFinancingByOrder(container, input.order_id)
    if (financing) {
      await confirmReturnReceived(container, financing, "goods_return", input.return_id)
    }
    return new StepResponse(undefined)
  }
)

/** `order.return_received`: long credit's goods came back (`_confirmReturn`, before a refund). */
export const scalexpertReturnReceivedWorkflow = createWorkflow(
  "scalexpert-return-received",
  (input: { order_id: string; return_id?: string }) => {
    const sessionId = locateOrderStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    returnReceivedStep(input)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)

// ---- Admin cancellation -----------------------------------------------------------------------

export type ScalexpertAdminCancelInput = { order_id: string; amount?: number }

const adminCancelStep = createStep(
  "scalexpert-admin-cancel-step",
  async (input: ScalexpertAdminCancelInput, { container }) => {
    await cancelFromAdmin(container, input.order_id, input.amount)
    return new StepResponse(undefined)
  }
)

/** `POST /admin/scalexpert/orders/:order_id/cancel`: a refund, or the payment's cancellation. */
export const cancelScalexpertFinancingWorkflow = createWorkflow(
  "scalexpert-admin-cancel",
  (input: ScalexpertAdminCancelInput) => {
    const sessionId = locateOrderStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    adminCancelStep(input)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)
