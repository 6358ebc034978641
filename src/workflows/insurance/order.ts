import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import type { ShopAddress } from "../../scalexpert/insurance"
import { insuranceOf } from "./lines"
import { insuranceContext, nextAttemptAt, policyService } from "./context"

export type OrderLine = {
  id: string
  title: string
  product_title: string | null
  variant_id: string | null
  variant_sku: string | null
  quantity: number
  unit_price: number
  metadata: Record<string, unknown> | null
  detail?: { quantity: number } | null
}

export type InsuredOrder = {
  id: string
  status: string
  email: string | null
  customer_id: string | null
  currency_code: string
  billing_address: ShopAddress | null
  shipping_address: ShopAddress | null
  items: OrderLine[]
}

const ADDRESS = [
  "first_name",
  "last_name",
  "address_1",
  "address_2",
  "postal_code",
  "city",
  "province",
  "country_code",
  "phone",
]

export async function loadOrder(
  container: MedusaContainer,
  orderId: string
): Promise<InsuredOrder | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "status",
      "email",
      "customer_id",
      "currency_code",
      ...ADDRESS.map((f) => `billing_address.${f}`),
      ...ADDRESS.map((f) => `shipping_address.${f}`),
      "items.id",
      "items.title",
      "items.product_title",
      "items.variant_id",
      "items.variant_sku",
      "items.quantity",
      "items.detail.quantity",
      "items.unit_price",
      "items.metadata",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as unknown as InsuredOrder | undefined
  // The quantity of an order line lives on its detail (the order item).
  for (const item of order?.items ?? []) item.quantity = item.quantity ?? item.detail?.quantity ?? 0
  return order
}

/** Order quantities and prices may come back as big numbers. */
const num = (value: unknown): number => MathBN.convert(value as number).toNumber()

/** The order line an insurance line covers: the line of the insured variant. */
export function insuredLineOf(
  order: InsuredOrder,
  insuranceLine: OrderLine
): OrderLine | undefined {
  const meta = insuranceOf(insuranceLine)
  return order.items.find((i) => !insuranceOf(i) && i.variant_id === meta?.insured_variant_id)
}

/**
 * Records one policy per insured unit of each insurance line of a placed order (once: an order
 * whose policies exist is left as it is). The cart's quotation goes to the first unit; the others
 * are quoted when they are subscribed.
 */
export async function recordOrderPolicies(
  container: MedusaContainer,
  orderId: string
): Promise<string[]> {
  const service = policyService(container)
  const existing = await service.listScalexpertInsurancePolicies(
    { order_id: orderId },
    { select: ["id"] }
  )
  if (existing.length > 0) return []
  const order = await loadOrder(container, orderId)
  if (!order) return []
  // Due later should the subscription right after the order never run (the retry job then does).
  const due = nextAttemptAt(insuranceContext(container).options, 1)
  const rows = order.items.flatMap((line) => {
    const meta = insuranceOf(line)
    if (!meta) return []
    const insured = insuredLineOf(order, line)
    const units = Math.max(0, Math.min(num(line.quantity), num(insured?.quantity ?? line.quantity)))
    return Array.from({ length: units }, (_, i) => ({
      order_id: order.id,
      line_item_id: line.id,
      insured_line_item_id: insured?.id ?? null,
      variant_id: meta.insured_variant_id,
      insured_title: insured?.title ?? line.title,
      unit_index: i + 1,
      solution_code: meta.solution_code,
      insurance_id: meta.insurance_id,
      description: meta.description,
      item_id: meta.item_id,
      quote_id: i === 0 ? meta.quote_id : null,
      quote_expires_at: i === 0 ? new Date(meta.quote_expires_at) : null,
      currency_code: order.currency_code,
      price_cents: Math.round(num(line.unit_price) * 100),
      quoted_price_cents: i === 0 ? Math.round(meta.insurance_price * 100) : null,
      insured_price_cents: Math.round(meta.item_price * 100),
      subscribe_status: "pending",
      next_attempt_at: due,
    }))
  })
  if (rows.length === 0) return []
  const created = await service.createScalexpertInsurancePolicies(rows)
  return created.map((p) => p.id)
}
