import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { cancelOrderPolicies } from "./cancel"
import { recordOrderPolicies } from "./order"
import { subscribeOrderPolicies } from "./subscribe"

/**
 * The order was placed (its payment authorized): one policy per insured unit is recorded and
 * subscribed. Placed, not paid: with long-term credit the payment is captured only after the
 * delivery, weeks later, while the cover must start with the purchase; a cancelled or refunded
 * order cancels its policies, and the buyer has 30 days to withdraw.
 */
export async function onOrderPlaced(container: MedusaContainer, orderId: string) {
  const ids = await recordOrderPolicies(container, orderId)
  if (ids.length === 0) return
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(`Scalexpert insurance: ${ids.length} policies to subscribe for order ${orderId}`)
  await subscribeOrderPolicies(container, orderId)
}

export async function onOrderCanceled(container: MedusaContainer, orderId: string) {
  await cancelOrderPolicies(container, orderId, "order_canceled")
}

/** A return came back: the returned insured units (or returned insurance lines) lose their cover. */
export async function onReturnReceived(container: MedusaContainer, returnId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "return",
    fields: ["id", "order_id", "items.item_id", "items.quantity", "items.received_quantity"],
    filters: { id: returnId },
  })
  const ret = data[0] as
    | {
        order_id: string
        items: { item_id: string; quantity: number; received_quantity: number }[]
      }
    | undefined
  if (!ret) return
  const units: Record<string, number> = {}
  for (const item of ret.items ?? []) {
    const n =
      MathBN.convert(item.received_quantity ?? 0).toNumber() ||
      MathBN.convert(item.quantity ?? 0).toNumber()
    if (n > 0) units[item.item_id] = (units[item.item_id] ?? 0) + n
  }
  if (Object.keys(units).length > 0) {
    await cancelOrderPolicies(container, ret.order_id, "return", { units })
  }
}

/**
 * A payment was refunded: when the refunds reach the amount paid, nothing of the order is kept
 * and every policy is cancelled. A partial refund names no item: returns name them, and the admin
 * widget cancels a single policy.
 */
export async function onPaymentRefunded(container: MedusaContainer, paymentId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment",
    fields: ["id", "amount", "refunds.amount", "payment_collection.order.id"],
    filters: { id: paymentId },
  })
  const payment = data[0] as
    | {
        amount: number
        refunds?: { amount: number }[]
        payment_collection?: { order?: { id: string } }
      }
    | undefined
  const orderId = payment?.payment_collection?.order?.id
  if (!payment || !orderId) return
  const refunded = (payment.refunds ?? []).reduce(
    (sum, r) => sum + MathBN.convert(r.amount).toNumber(),
    0
  )
  if (refunded + 0.005 >= MathBN.convert(payment.amount).toNumber()) {
    await cancelOrderPolicies(container, orderId, "refund")
  }
}
