import type { ICartModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { addToCartWorkflow, deleteLineItemsWorkflow } from "@medusajs/medusa/core-flows"
import type { ScalexpertInsuranceLineMetadata } from "../../storefront/insurance-types"
import type { InsuranceSolutionCode } from "../../scalexpert/insurance"
import {
  enabledSolutions,
  InsuranceRefusal,
  isExcludedFromInsurance,
  loadVariant,
  withItem,
} from "./catalog"
import { describeFailure, insuranceContext, type InsuranceContext } from "./context"

/** Metadata key of an insurance line (cart and order). */
export const INSURANCE_METADATA_KEY = "scalexpert_insurance"

type CartLine = {
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

async function loadCart(container: MedusaContainer, cartId: string) {
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

export type AddInsuranceInput = {
  cart_id: string
  line_item_id: string
  solution_code: InsuranceSolutionCode
  insurance_id: string
  country?: string
}

/**
 * Adds the chosen cover for a cart line as its own line: searched again at the line's price in the
 * cart and quoted by the insurer, so the price is the quotation's, never the browser's. The
 * insurance line has one unit per insured unit (kept so by `syncInsuranceLines`); a cover already
 * chosen for the line is replaced.
 */
export async function addInsuranceToCart(container: MedusaContainer, input: AddInsuranceInput) {
  const ctx = insuranceContext(container)
  if (!(ctx.options.insuranceSolutions as string[]).includes(input.solution_code)) {
    throw new InsuranceRefusal(
      "insurance_disabled",
      `${input.solution_code} is not sold by this shop`
    )
  }
  const cart = await loadCart(container, input.cart_id)
  const line = cart.items.find((i) => i.id === input.line_item_id)
  if (!line)
    throw new InsuranceRefusal("line_item_not_found", `No line ${input.line_item_id} in the cart`)
  if (!line.variant_id || insuranceOf(line)) {
    throw new InsuranceRefusal(
      "line_item_not_insurable",
      "This line is not a product that can be insured"
    )
  }
  if (cart.currency_code.toLowerCase() !== "eur") {
    throw new InsuranceRefusal("currency_not_supported", "Insurance is sold in euros only")
  }
  const country = (
    input.country ??
    cart.billing_address?.country_code ??
    cart.shipping_address?.country_code
  )?.toUpperCase()
  if (!country) {
    throw new InsuranceRefusal(
      "country_not_supported",
      "Give the buyer's country: the cart has no address yet"
    )
  }
  const variant = await loadVariant(container, line.variant_id, cart.region)
  if (!variant || isExcludedFromInsurance(variant.product.id, variant.category_ids, ctx.options)) {
    throw new InsuranceRefusal("line_item_not_insurable", "This product cannot be insured")
  }
  const metadata = await quoteFor(ctx, input, country, variant, Number(line.unit_price))
  const previous = cart.items.filter((i) => insuranceOf(i)?.insured_line_item_id === line.id)
  if (previous.length > 0) {
    await deleteLineItemsWorkflow(container).run({
      input: { cart_id: cart.id, ids: previous.map((i) => i.id) },
    })
  }
  await addToCartWorkflow(container).run({
    input: {
      cart_id: cart.id,
      items: [
        {
          title: metadata.description,
          subtitle: line.title,
          quantity: line.quantity,
          unit_price: metadata.insurance_price,
          is_tax_inclusive: true,
          requires_shipping: false,
          is_discountable: false,
          metadata: { [INSURANCE_METADATA_KEY]: metadata },
        },
      ],
    },
  })
  const after = await loadCart(container, cart.id)
  const added = after.items.find((i) => insuranceOf(i)?.quote_id === metadata.quote_id)
  return { cart_id: cart.id, insurance_line_item_id: added?.id }
}

async function quoteFor(
  ctx: InsuranceContext,
  input: AddInsuranceInput,
  country: string,
  variant: NonNullable<Awaited<ReturnType<typeof loadVariant>>>,
  itemPrice: number
): Promise<ScalexpertInsuranceLineMetadata> {
  const notOffered = new InsuranceRefusal(
    "insurance_not_offered",
    `${input.insurance_id} is not offered for this product in ${country}`
  )
  try {
    const solutions = await enabledSolutions(ctx, country)
    if (!solutions.some((s) => s.solutionCode === input.solution_code)) throw notOffered
    const price = Math.round(itemPrice * 100) / 100
    const code = input.solution_code
    const { itemId, offer, quote } = await withItem(ctx, variant, code, async (itemId) => {
      const offers = await ctx.client.searchInsurances({ solutionCode: code, itemId, price })
      const offer = offers.find((o) => o.id === input.insurance_id)
      if (!offer) throw notOffered
      const quote = await ctx.client.createQuotation({
        solutionCode: code,
        itemId,
        itemPrice: price,
        insuranceId: offer.id,
      })
      return { itemId, offer, quote }
    })
    return {
      insured_line_item_id: input.line_item_id,
      insured_variant_id: variant.id,
      solution_code: input.solution_code,
      insurance_id: offer.id,
      description: offer.description,
      item_id: itemId,
      item_price: price,
      quote_id: quote.quoteId,
      quote_expires_at: new Date(quote.expirationDate).toISOString(),
      insurance_price: Number(quote.insurancePrice),
    }
  } catch (error) {
    if (error instanceof InsuranceRefusal) throw error
    ctx.logger.warn(`Scalexpert insurance quotation failed: ${describeFailure(error)}`)
    throw new InsuranceRefusal(
      "insurance_unavailable",
      "The insurer could not quote this cover now; try again later",
      503
    )
  }
}

/** Removes the cover of a line; `line_item_id` is the insurance line or the insured line. */
export async function removeInsuranceFromCart(
  container: MedusaContainer,
  input: { cart_id: string; line_item_id: string }
) {
  const cart = await loadCart(container, input.cart_id)
  const ids = cart.items
    .filter(
      (i) =>
        insuranceOf(i) &&
        (i.id === input.line_item_id || insuranceOf(i)?.insured_line_item_id === input.line_item_id)
    )
    .map((i) => i.id)
  if (ids.length === 0) {
    throw new InsuranceRefusal(
      "insurance_line_not_found",
      `No insurance for line ${input.line_item_id} in the cart`
    )
  }
  await deleteLineItemsWorkflow(container).run({ input: { cart_id: cart.id, ids } })
  return { cart_id: cart.id }
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
