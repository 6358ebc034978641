import type { MedusaContainer } from "@medusajs/framework/types"
import { deleteLineItemsWorkflow } from "@medusajs/medusa/core-flows"
import type { InsuranceSolutionCode } from "../../scalexpert/insurance"
import { InsuranceRefusal, isExcludedFromInsurance, loadVariant } from "./catalog"
import { setInsuranceLineWorkflow } from "./cart-workflow"
import { insuranceContext } from "./context"
import { INSURANCE_METADATA_KEY, insuranceOf, loadCart } from "./lines"
import { quoteCover } from "./quote"

export type AddInsuranceInput = {
  cart_id: string
  line_item_id: string
  solution_code: InsuranceSolutionCode
  insurance_id: string
  country?: string
}

type Cart = Awaited<ReturnType<typeof loadCart>>

/** The cart line to insure, refused unless it is an insurable product line of a cart in euros. */
function insurableLine(cart: Cart, lineId: string) {
  const line = cart.items.find((i) => i.id === lineId)
  if (!line) throw new InsuranceRefusal("line_item_not_found", `No line ${lineId} in the cart`)
  if (!line.variant_id || insuranceOf(line)) {
    throw new InsuranceRefusal(
      "line_item_not_insurable",
      "This line is not a product that can be insured"
    )
  }
  if (cart.currency_code.toLowerCase() !== "eur") {
    throw new InsuranceRefusal("currency_not_supported", "Insurance is sold in euros only")
  }
  return { ...line, variant_id: line.variant_id }
}

/** The buyer's country: given, else the cart's billing or shipping address. */
function buyerCountry(cart: Cart, given?: string): string {
  const country = (
    given ??
    cart.billing_address?.country_code ??
    cart.shipping_address?.country_code
  )?.toUpperCase()
  if (!country) {
    throw new InsuranceRefusal(
      "country_not_supported",
      "Give the buyer's country: the cart has no address yet"
    )
  }
  return country
}

/**
 * Adds the chosen cover for a cart line as its own line: searched again at the line's price in the
 * cart and quoted by the insurer, so the price is the quotation's, never the browser's. The
 * insurance line has one unit per insured unit (kept so by `syncInsuranceLines`); a cover already
 * chosen for the line is replaced (`setInsuranceLineWorkflow`).
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
  const line = insurableLine(cart, input.line_item_id)
  const country = buyerCountry(cart, input.country)
  const variant = await loadVariant(container, line.variant_id, cart.region)
  if (!variant || isExcludedFromInsurance(variant.product.id, variant.category_ids, ctx.options)) {
    throw new InsuranceRefusal("line_item_not_insurable", "This product cannot be insured")
  }
  const metadata = await quoteCover(ctx, input, country, variant, Number(line.unit_price))
  await setInsuranceLineWorkflow(container).run({
    input: {
      cart_id: cart.id,
      replaced_line_ids: cart.items
        .filter((i) => insuranceOf(i)?.insured_line_item_id === line.id)
        .map((i) => i.id),
      item: {
        title: metadata.description,
        subtitle: line.title,
        quantity: line.quantity,
        unit_price: metadata.insurance_price,
        is_tax_inclusive: true,
        requires_shipping: false,
        is_discountable: false,
        metadata: { [INSURANCE_METADATA_KEY]: metadata },
      },
    },
  })
  const after = await loadCart(container, cart.id)
  const added = after.items.find((i) => insuranceOf(i)?.quote_id === metadata.quote_id)
  return { cart_id: cart.id, insurance_line_item_id: added?.id }
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
