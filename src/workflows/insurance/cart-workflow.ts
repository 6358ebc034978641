import type { CreateCartCreateLineItemDTO } from "@medusajs/framework/types"
import { createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow, deleteLineItemsWorkflow } from "@medusajs/medusa/core-flows"

export type SetInsuranceLineInput = {
  cart_id: string
  /** The cover already chosen for the insured line (replaced), if any. */
  replaced_line_ids: string[]
  /** The insurance line, priced by the insurer's quotation. */
  item: CreateCartCreateLineItemDTO
}

export const setInsuranceLineWorkflowId = "scalexpert-insurance-set-cart-line"

/**
 * Puts a quoted cover into the cart, replacing the one chosen before for the same line. Medusa's
 * own workflows do the work (as steps: their locks, cart refresh and events); if adding the new
 * line fails, the removal is compensated and the previous cover is back in the cart.
 */
export const setInsuranceLineWorkflow = createWorkflow(
  setInsuranceLineWorkflowId,
  (input: SetInsuranceLineInput) => {
    when("scalexpert-insurance-replace-cover", { input }, ({ input }) => {
      return input.replaced_line_ids.length > 0
    }).then(() => {
      const removed = transform({ input }, ({ input }) => ({
        cart_id: input.cart_id,
        ids: input.replaced_line_ids,
      }))
      deleteLineItemsWorkflow.runAsStep({ input: removed })
    })
    const added = transform({ input }, ({ input }) => ({
      cart_id: input.cart_id,
      items: [input.item],
    }))
    addToCartWorkflow.runAsStep({ input: added })
  }
)
