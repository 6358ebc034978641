import type { ICartModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { ScalexpertInsuranceLineMetadata } from "../../storefront/insurance-types"
import { InsuranceRefusal } from "./catalog"

/** Metadata key of an insurance line (cart and order). */
export const INSURANCE_METADATA_KEY = "scalexpert_insurance"

export type CartLine = {
  id: string
  title: string
  variant_id: string | null
  product_id: string | null
  quantity: number
  unit_price: number
  metadata: Record<string, unknown> | null
}

export function insuranceOf(line: { metadata?: Record<string, unknown> | null }) {
  const meta = line.metadata?.[INSURANCE_METADATA_KEY]
  return meta && typeof meta === "object" ? (meta as ScalexpertInsuranceLineMetadata) : undefined
}

export async function loadCart(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "currency_code",
      "region.id",
      "region.currency_code",
      "billing_address.country_code",
      "shipping_address.country_code",
      "items.id",
      "items.title",
      "items.variant_id",
      "items.product_id",
      "items.quantity",
      "items.unit_price",
      "items.metadata",
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as unknown as
    | {
        id: string
        currency_code: string
        region: { id: string; currency_code: string }
        billing_address?: { country_code?: string } | null
        shipping_address?: { country_code?: string } | null
        items: CartLine[]
      }
    | undefined
  if (!cart) throw new InsuranceRefusal("cart_not_found", `No cart ${cartId}`)
  return cart
}

/**
 * Keeps insurance lines tied to their insured line: removed with it, and one cover per insured
 * unit (the quantity follows the insured line's). Runs after every change of the cart's items.
 */
export async function syncInsuranceLines(
  container: MedusaContainer,
  cartId: string
): Promise<void> {
  const cartModule = container.resolve<ICartModuleService>(Modules.CART)
  const lines = await cartModule.listLineItems(
    { cart_id: cartId },
    { select: ["id", "quantity", "metadata"] }
  )
  const orphans: string[] = []
  for (const line of lines) {
    const meta = insuranceOf(line)
    if (!meta) continue
    const insured = lines.find((l) => l.id === meta.insured_line_item_id)
    if (!insured) orphans.push(line.id)
    else if (Number(insured.quantity) !== Number(line.quantity)) {
      await cartModule.updateLineItems(line.id, { quantity: Number(insured.quantity) })
    }
  }
  if (orphans.length > 0) await cartModule.deleteLineItems(orphans)
}
