import {
  createScalexpertInsuranceClient,
  type ScalexpertInsuranceChoice,
} from "../../src/storefront/insurance-client"
import type { ScalexpertInsuranceLineMetadata } from "../../src/storefront/insurance-types"
import { getCart, revalidateCart } from "./shop-cart"
import { config } from "./shop-config"
import type { Cart, LineItem } from "./store-api"

/**
 * Insurance in the demo shop, through the plugin's store routes (the kit's insurance client): the
 * cover picked on a product page is added for the product's cart line, priced by the insurer's
 * quotation; the cart shows each cover under the item it insures.
 */

/** One client for the page (the picker fetches its offers again when its client changes). */
export const insurance = createScalexpertInsuranceClient({
  baseUrl: config.backendUrl,
  publishableKey: config.publishableKey,
})

/** What an insurance line of the cart insures, its quote and price; undefined for a product. */
export function coverOf(line: LineItem): ScalexpertInsuranceLineMetadata | undefined {
  const meta = line.metadata?.scalexpert_insurance
  return meta && typeof meta === "object" ? (meta as ScalexpertInsuranceLineMetadata) : undefined
}

/** Adds the cover picked for the variant's line of the cart (just added to it). */
export async function insureLine(
  cart: Cart,
  variantId: string,
  choice: ScalexpertInsuranceChoice
): Promise<void> {
  const line = cart.items.find((item) => item.variant_id === variantId && !coverOf(item))
  if (!line) throw new Error("The product is not in the cart")
  try {
    await insurance.addToCart(cart.id, line.id, choice)
  } finally {
    await revalidateCart(cart.id)
  }
}

/** Removes a cover (the insurance line); the product stays in the cart. */
export async function removeCover(cartId: string, lineId: string): Promise<Cart | undefined> {
  await insurance.removeFromCart(cartId, lineId)
  await revalidateCart(cartId)
  return getCart(cartId)
}
