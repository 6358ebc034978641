import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { scalexpertOrderCanceledWorkflow } from "../workflows/after-order/workflows"
import { errorForLog } from "../scalexpert/errors"

/**
 * An order was canceled: its Scalexpert file is cancelled for its full amount. Medusa cancels an
 * authorized payment through the provider itself; an order whose credit is only pre-accepted has
 * no payment, and Medusa calls nothing: this does it (as soon as Scalexpert allows), and retries
 * a cancellation that failed.
 */
export default async function scalexpertOrderCanceledHandler({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  try {
    await scalexpertOrderCanceledWorkflow(container).run({ input: { order_id: event.data.id } })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Scalexpert cancellation for canceled order ${event.data.id} not applied: ${errorForLog(error)}`
      )
  }
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "scalexpert-order-canceled-handler" },
}
