import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { scalexpertReturnReceivedWorkflow } from "../workflows/after-order/workflows"
import { errorForLog } from "../scalexpert/errors"

/**
 * A return was received: for long-term credit whose delivery was confirmed, Scalexpert is told the
 * goods came back (`_confirmReturn`), which it requires before the refund's cancellation.
 */
export default async function scalexpertReturnReceivedHandler({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id?: string }>) {
  try {
    await scalexpertReturnReceivedWorkflow(container).run({
      input: { order_id: event.data.order_id, return_id: event.data.return_id },
    })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Scalexpert return confirmation for order ${event.data.order_id} not sent: ${errorForLog(error)}`
      )
  }
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.RETURN_RECEIVED,
  context: { subscriberId: "scalexpert-return-received-handler" },
}
