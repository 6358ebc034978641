import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addInsuranceToCart } from "../../../../../../../workflows/insurance/cart"
import { AddInsuranceBodySchema, answer, parseParams } from "../../../helpers"

/**
 * `POST /store/scalexpert/insurance/carts/:id/lines` `{line_item_id, solution_code, insurance_id,
 * country?}`: adds the chosen cover of a cart line as an insurance line priced by the insurer's
 * quotation (one cover per unit of the insured line). Replaces a cover already chosen for it.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  await answer(res, async () => {
    const body = parseParams(AddInsuranceBodySchema, req.body)
    return addInsuranceToCart(req.scope, { cart_id: String(req.params.id), ...body })
  })
}
