import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { DeliveryOperator } from "../../scalexpert/schemas"
import { captureDue, type CaptureDue } from "./capture"
import { attemptDeliveryConfirmation } from "./delivery-attempt"
import { deliveryBlocker } from "./delivery-blocker"
import {
  fileService,
  loadFinancingByOrder,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"

// The delivery confirmation's entry points, a shipment (or a delivery) and the admin: each tries at
// once and answers what is left, the capture, composed by the calling workflow (`capture.ts`).

/**
 * Marks the delivery as to be confirmed (with what is known of the shipment) and tries at once.
 * A failure is kept for the retry job, never thrown: the shipment is made whatever Scalexpert says.
 */
export async function requestDeliveryConfirmation(
  container: MedusaContainer,
  financing: OrderFinancing,
  request: {
    trigger: TimelineTrigger
    tracking_number?: string
    operator?: DeliveryOperator
    fulfillment_id?: string
  },
  now = new Date()
): Promise<CaptureDue | null> {
  const { file } = financing
  const updated = await fileService(container).updateScalexpertFiles({
    id: file.id,
    delivery_status: "pending",
    delivery_attempts: 0,
    delivery_next_attempt_at: now,
    delivery_error: null,
    delivery_tracking_number: request.tracking_number ?? null,
    delivery_operator: request.operator ?? null,
    delivery_trigger: request.trigger,
    delivery_fulfillment_id: request.fulfillment_id ?? null,
  })
  financing.file = { ...file, ...(updated as unknown as typeof file) }
  return attemptDeliveryConfirmation(container, financing, request.trigger, now)
}

/** The admin's confirmation (any mode): 4xx before any call when there is nothing to confirm. */
export async function confirmDeliveryFromAdmin(
  container: MedusaContainer,
  orderId: string,
  input: { tracking_number?: string; operator?: DeliveryOperator }
): Promise<CaptureDue | null> {
  const financing = await loadFinancingByOrder(container, orderId)
  if (!financing) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} is not paid with Scalexpert`
    )
  }
  const blocker = deliveryBlocker(financing)
  if (blocker) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, blocker)
  const { file } = financing
  if (file.delivery_status === "confirmed") {
    // Already confirmed: only a capture that failed may be left to do.
    return file.captured_at ? null : captureDue(financing, "admin")
  }
  return requestDeliveryConfirmation(container, financing, {
    trigger: "admin",
    tracking_number: input.tracking_number ?? file.delivery_tracking_number ?? undefined,
    operator: input.operator ?? (file.delivery_operator as DeliveryOperator | null) ?? undefined,
    fulfillment_id: file.delivery_fulfillment_id ?? undefined,
  })
}
