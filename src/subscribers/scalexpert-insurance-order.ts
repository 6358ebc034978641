import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  ContainerRegistrationKeys,
  OrderWorkflowEvents,
  PaymentEvents,
} from "@medusajs/framework/utils"
import {
  onOrderCanceled,
  onOrderPlaced,
  onPaymentRefunded,
  onReturnReceived,
} from "../workflows/insurance/triggers"
import { insuranceRegistered } from "../workflows/insurance/context"
import { errorForLog } from "../scalexpert/errors"

type Data = { id?: string; order_id?: string; return_id?: string }

/**
 * Insurance policies follow their order: subscribed when it is placed, cancelled when it is
 * cancelled, fully refunded, or when the insured item (or its insurance line) is returned.
 * Failures are stored on the policy and retried by the `scalexpert-insurance-retry` job.
 */
export default async function scalexpertInsuranceOrderHandler({
  event,
  container,
}: SubscriberArgs<Data>) {
  const data = event.data
  if (!insuranceRegistered(container)) return
  try {
    if (event.name === OrderWorkflowEvents.PLACED && data.id)
      await onOrderPlaced(container, data.id)
    else if (event.name === OrderWorkflowEvents.CANCELED && data.id)
      await onOrderCanceled(container, data.id)
    else if (event.name === OrderWorkflowEvents.RETURN_RECEIVED && data.return_id)
      await onReturnReceived(container, data.return_id)
    else if (event.name === PaymentEvents.REFUNDED && data.id)
      await onPaymentRefunded(container, data.id)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Scalexpert insurance handling of ${event.name} failed: ${errorForLog(error)}`)
  }
}

export const config: SubscriberConfig = {
  event: [
    OrderWorkflowEvents.PLACED,
    OrderWorkflowEvents.CANCELED,
    OrderWorkflowEvents.RETURN_RECEIVED,
    PaymentEvents.REFUNDED,
  ],
  context: { subscriberId: "scalexpert-insurance-order-handler" },
}
