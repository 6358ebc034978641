import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, PaymentEvents } from "@medusajs/framework/utils"
import { scalexpertPaymentOperationWorkflow } from "../workflows/after-order/workflows"
import { errorForLog } from "../scalexpert/errors"

/**
 * A payment was captured or refunded (from the admin, a return, a claim, an order cancellation):
 * for a Scalexpert payment, the calls the provider made go to the file's timeline. The provider
 * cannot reach the plugin's module itself; it keeps them in the payment's data.
 */
export default async function scalexpertPaymentOperationHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  try {
    await scalexpertPaymentOperationWorkflow(container).run({
      input: { payment_id: event.data.id },
    })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Scalexpert timeline of payment ${event.data.id} (${event.name}) not written: ${errorForLog(error)}`
      )
  }
}

export const config: SubscriberConfig = {
  event: [PaymentEvents.CAPTURED, PaymentEvents.REFUNDED],
  context: { subscriberId: "scalexpert-payment-operation-handler" },
}
