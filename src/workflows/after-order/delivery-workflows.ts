import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { DeliveryOperator } from "../../scalexpert/schemas"
import { isSplitPayment } from "../../scalexpert/solutions"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { captureAfterDeliverySteps, type CaptureDue } from "./capture"
import { confirmDeliveryFromAdmin, requestDeliveryConfirmation } from "./delivery"
import { writeLedger } from "./ledger"
import { loadFinancingByOrder, type TimelineTrigger } from "./load"
import { locateOrderStep, underFileLock } from "./locate"
import { readShipment } from "./shipment"
import { recordTimeline } from "./timeline"

export type ScalexpertShipmentInput = { fulfillment_id: string; event: "shipment" | "delivery" }

const locateShipmentStep = createStep(
  "scalexpert-locate-shipment",
  async (input: ScalexpertShipmentInput, { container }) => {
    const shipment = await readShipment(container, input.fulfillment_id, input.event)
    if (!shipment) return new StepResponse(null)
    const financing = await loadFinancingByOrder(container, shipment.order_id)
    return new StepResponse(financing ? financing.file.payment_session_id : null)
  }
)

const confirmShipmentStep = createStep(
  "scalexpert-confirm-shipment",
  async (input: ScalexpertShipmentInput & { session_id: string | null }, { container }) => {
    const none = new StepResponse<CaptureDue | null>(null)
    // Not a Scalexpert order.
    if (!input.session_id) return none
    const shipment = await readShipment(container, input.fulfillment_id, input.event)
    if (!shipment) return none
    const financing = await loadFinancingByOrder(container, shipment.order_id)
    // Split payment has nothing to confirm.
    if (!financing || isSplitPayment(financing.file.solution_code)) return none
    const { file, payment } = financing
    if (payment && !payment.data.shipped_at) {
      // In any mode: Medusa's own "Capture payment" is allowed from now on (see the provider).
      await writeLedger(container, financing, { shipped_at: new Date().toISOString() })
    }
    const mode = getScalexpert(container).options.deliveryConfirmation
    // In `shipment` mode a delivery marked without a shipment also counts; `manual`: never.
    const wanted = mode === "shipment" || (mode === "delivery" && input.event === "delivery")
    if (!wanted) return none
    if (file.delivery_status === "confirmed" || file.delivery_status === "pending") return none
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
      return none
    }
    const due = await requestDeliveryConfirmation(container, financing, {
      trigger,
      tracking_number: shipment.tracking_number,
      operator: shipment.operator,
      fulfillment_id: shipment.fulfillment_id,
    })
    return new StepResponse(due)
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
    underFileLock(sessionId, () => {
      const located = transform({ input, sessionId }, ({ input, sessionId }) => ({
        ...input,
        session_id: sessionId,
      }))
      captureAfterDeliverySteps(confirmShipmentStep(located))
    })
    return new WorkflowResponse(undefined)
  }
)

export type ScalexpertAdminDeliveryInput = {
  order_id: string
  tracking_number?: string
  operator?: DeliveryOperator
}

const adminDeliveryStep = createStep(
  "scalexpert-admin-confirm-delivery-step",
  async (input: ScalexpertAdminDeliveryInput, { container }) => {
    return new StepResponse(await confirmDeliveryFromAdmin(container, input.order_id, input))
  }
)

/** `POST /admin/scalexpert/orders/:order_id/confirm-delivery`, in any mode. */
export const confirmScalexpertDeliveryWorkflow = createWorkflow(
  "scalexpert-admin-confirm-delivery",
  (input: ScalexpertAdminDeliveryInput) => {
    underFileLock(locateOrderStep(input), () => captureAfterDeliverySteps(adminDeliveryStep(input)))
    return new WorkflowResponse(undefined)
  }
)
