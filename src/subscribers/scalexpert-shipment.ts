import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, FulfillmentWorkflowEvents } from "@medusajs/framework/utils"
import { scalexpertShipmentWorkflow } from "../workflows/after-order/workflows"
import { errorForLog } from "../scalexpert/errors"

/**
 * A shipment (or a delivery) was registered in Medusa: for an order paid with long-term credit,
 * the delivery is confirmed to Scalexpert (per the `deliveryConfirmation` option) and the payment
 * captured. Subscribers run after the shipment is saved: Scalexpert can never block it.
 */
export default async function scalexpertShipmentHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const kind = event.name === FulfillmentWorkflowEvents.DELIVERY_CREATED ? "delivery" : "shipment"
  try {
    await scalexpertShipmentWorkflow(container).run({
      input: { fulfillment_id: event.data.id, event: kind },
    })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Scalexpert delivery confirmation for fulfillment ${event.data.id} not started: ${errorForLog(error)}`
      )
  }
}

export const config: SubscriberConfig = {
  event: [FulfillmentWorkflowEvents.SHIPMENT_CREATED, FulfillmentWorkflowEvents.DELIVERY_CREATED],
  context: { subscriberId: "scalexpert-shipment-handler" },
}
