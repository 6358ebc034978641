import type { ScalexpertInsuranceLineMetadata } from "../../storefront/insurance-types"
import type { InsuranceSolutionCode } from "../../scalexpert/insurance"
import { enabledSolutions, InsuranceRefusal, type PricedVariant } from "./catalog"
import { describeFailure, type InsuranceContext } from "./context"
import { withItem } from "./items"

export type QuoteRequest = {
  line_item_id: string
  solution_code: InsuranceSolutionCode
  insurance_id: string
}

/**
 * The chosen cover searched again at the cart line's price and quoted by the insurer
 * (`POST /quotations`): what the insurance line carries. A cover not offered is a refusal; an
 * insurer that does not answer is a 503 refusal.
 */
export async function quoteCover(
  ctx: InsuranceContext,
  input: QuoteRequest,
  country: string,
  variant: PricedVariant,
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
