import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { removeInsuranceFromCart } from "../../../../../../../../workflows/insurance/cart"
import { answer } from "../../../../helpers"

/**
 * `DELETE /store/scalexpert/insurance/carts/:id/lines/:line_id`: removes the cover of a line
 * (`line_id` is the insurance line or the insured line).
 */
export async function DELETE(req: MedusaRequest, res: MedusaResponse) {
  await answer(res, () =>
    removeInsuranceFromCart(req.scope, {
      cart_id: String(req.params.id),
      line_item_id: String(req.params.line_id),
    })
  )
}
