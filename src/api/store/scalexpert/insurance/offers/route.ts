import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { insuranceOffers } from "../../../../../workflows/insurance/offers"
import { answer, OffersQuerySchema, parseParams } from "../helpers"

/**
 * `GET /store/scalexpert/insurance/offers?variant_id=&region_id=&country=FR`: the insurance
 * offers for a product variant at its price in the region, with each solution's communication kit
 * (legal text). No offer (empty `solutions`) when the product is not eligible or excluded, or when
 * Scalexpert does not answer.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  await answer(res, async () => {
    const params = parseParams(OffersQuerySchema, req.query)
    return insuranceOffers(req.scope, params)
  })
}
