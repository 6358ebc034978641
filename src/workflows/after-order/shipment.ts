import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { DeliveryOperator } from "../../scalexpert/schemas"
import {
  pickTrackingNumber,
  resolveDeliveryOperator,
} from "../../providers/scalexpert/delivery-operator"
import { getScalexpert } from "../../providers/scalexpert/registry"

/** A shipment as the delivery confirmation needs it. */
export type ShipmentFacts = {
  order_id: string
  fulfillment_id: string
  tracking_number?: string
  operator: DeliveryOperator
  /** Every item of the order is shipped (or delivered, for `delivery`), counting this one. */
  complete: boolean
}

type FulfillmentRow = {
  id: string
  provider_id?: string | null
  shipping_option_id?: string | null
  shipped_at?: string | Date | null
  delivered_at?: string | Date | null
  canceled_at?: string | Date | null
  labels?: { tracking_number?: string | null }[] | null
  shipping_option?: { name?: string | null; type?: { code?: string | null } | null } | null
  items?: { line_item_id?: string | null; quantity?: unknown }[] | null
}

/** Reads a fulfillment, its order and how it travels. Undefined when it belongs to no order. */
export async function readShipment(
  container: MedusaContainer,
  fulfillmentId: string,
  event: "shipment" | "delivery"
): Promise<ShipmentFacts | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({
    entity: "order_fulfillment",
    fields: ["order_id"],
    filters: { fulfillment_id: fulfillmentId },
  })
  const orderId = (links[0] as { order_id?: string } | undefined)?.order_id
  if (!orderId) return undefined
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "items.id",
      "items.quantity",
      "shipping_methods.name",
      "shipping_methods.shipping_option_id",
      "fulfillments.id",
      "fulfillments.provider_id",
      "fulfillments.shipping_option_id",
      "fulfillments.shipped_at",
      "fulfillments.delivered_at",
      "fulfillments.canceled_at",
      "fulfillments.labels.tracking_number",
      "fulfillments.items.line_item_id",
      "fulfillments.items.quantity",
    ],
    filters: { id: orderId },
  })
  const order = orders[0] as
    | {
        items?: { id: string; quantity: unknown }[]
        shipping_methods?: { name?: string; shipping_option_id?: string | null }[]
        fulfillments?: FulfillmentRow[]
      }
    | undefined
  if (!order) return undefined
  const fulfillment = order.fulfillments?.find((f) => f.id === fulfillmentId)
  if (!fulfillment) return undefined

  let option: FulfillmentRow["shipping_option"] = null
  if (fulfillment.shipping_option_id) {
    const { data: options } = await query.graph({
      entity: "shipping_option",
      fields: ["id", "name", "type.code"],
      filters: { id: fulfillment.shipping_option_id },
    })
    option = (options[0] as FulfillmentRow["shipping_option"]) ?? null
  }
  const method =
    order.shipping_methods?.find((m) => m.shipping_option_id === fulfillment.shipping_option_id) ??
    order.shipping_methods?.[0]

  // Quantities shipped (or delivered) per line item, over the fulfillments not canceled.
  const done = new Map<string, number>()
  for (const f of order.fulfillments ?? []) {
    if (f.canceled_at) continue
    const counts = event === "delivery" ? !!f.delivered_at : !!f.shipped_at || !!f.delivered_at
    if (!counts && f.id !== fulfillmentId) continue
    for (const item of f.items ?? []) {
      if (!item.line_item_id) continue
      done.set(item.line_item_id, (done.get(item.line_item_id) ?? 0) + Number(item.quantity ?? 0))
    }
  }
  const complete = (order.items ?? []).every(
    (item) => (done.get(item.id) ?? 0) >= Number(item.quantity ?? 0)
  )
  const { options: providerOptions } = getScalexpert(container)
  return {
    order_id: orderId,
    fulfillment_id: fulfillmentId,
    tracking_number: pickTrackingNumber(fulfillment.labels),
    operator: resolveDeliveryOperator(
      {
        shippingOptionId: fulfillment.shipping_option_id,
        shippingOptionName: option?.name,
        shippingOptionCode: option?.type?.code,
        providerId: fulfillment.provider_id,
        shippingMethodName: method?.name,
      },
      providerOptions.deliveryOperators
    ),
    complete,
  }
}
