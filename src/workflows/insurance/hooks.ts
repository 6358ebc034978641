import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { syncInsuranceLines } from "./lines"

// Every change of a cart's items (add, update, delete) ends with a refresh of its items: insurance
// lines follow their insured line there (removed with it, one cover per unit).
refreshCartItemsWorkflow.hooks.beforeRefreshingPaymentCollection(
  async ({ input }, { container }) => {
    await syncInsuranceLines(container, input.cart_id)
  }
)
