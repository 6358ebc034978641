import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ScalexpertInsuranceOffersResponse } from "../../storefront/insurance-types"
import type { InsuranceSolutionCode } from "../../scalexpert/insurance"
import {
  enabledSolutions,
  InsuranceRefusal,
  isExcludedFromInsurance,
  loadVariant,
  searchOffers,
  solutionView,
} from "./catalog"
import { describeFailure, insuranceContext } from "./context"

export type OffersInput = { variant_id: string; country: string; region_id: string }

export async function loadRegion(
  container: MedusaContainer,
  regionId: string
): Promise<{ id: string; currency_code: string }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "region",
    fields: ["id", "currency_code"],
    filters: { id: regionId },
  })
  if (!data[0]) throw new InsuranceRefusal("region_not_found", `No region ${regionId}`)
  return data[0] as { id: string; currency_code: string }
}

/**
 * The insurance offers for a product variant bought in a country, at the variant's price in the
 * region. Anything that prevents an offer (insurance off, excluded product, another currency,
 * Scalexpert not answering) gives an empty list: the product page then shows nothing.
 */
export async function insuranceOffers(
  container: MedusaContainer,
  input: OffersInput
): Promise<ScalexpertInsuranceOffersResponse> {
  const ctx = insuranceContext(container)
  const region = await loadRegion(container, input.region_id)
  const variant = await loadVariant(container, input.variant_id, region)
  if (!variant) {
    throw new InsuranceRefusal("variant_not_found", `No product variant ${input.variant_id}`)
  }
  const answer: ScalexpertInsuranceOffersResponse = {
    variant_id: variant.id,
    country: input.country,
    currency_code: region.currency_code,
    item_price: variant.price,
    solutions: [],
  }
  const offered =
    ctx.options.insuranceSolutions.length > 0 &&
    region.currency_code.toLowerCase() === "eur" &&
    variant.price !== null &&
    variant.price > 0 &&
    !isExcludedFromInsurance(variant.product.id, variant.category_ids, ctx.options)
  if (!offered) return answer
  try {
    const solutions = await enabledSolutions(ctx, input.country)
    for (const solution of solutions) {
      const code = solution.solutionCode as InsuranceSolutionCode
      const offers = await searchOffers(ctx, variant, code)
      if (offers.length > 0) answer.solutions.push(solutionView(solution, offers))
    }
  } catch (error) {
    ctx.logger.warn(
      `Scalexpert insurance offers for variant ${variant.id} unavailable: ${describeFailure(error)}`
    )
    answer.solutions = []
  }
  return answer
}
