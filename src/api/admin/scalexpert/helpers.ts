import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { loadFinancingByOrder } from "../../../workflows/after-order/load"
import { syncScalexpertFileWorkflow } from "../../../workflows/sync-scalexpert-file"
import { errorForLog } from "../../../scalexpert/errors"

/** The payment session of the order's Scalexpert file; 404 for an order paid otherwise. */
export async function fileSessionOf(scope: MedusaContainer, orderId: string): Promise<string> {
  const financing = await loadFinancingByOrder(scope, orderId)
  if (!financing) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} is not paid with Scalexpert`
    )
  }
  return financing.file.payment_session_id
}

/**
 * Re-reads the file through the sync workflow (trigger `admin`) after an admin action, so that
 * the answer shows the lender's new status. A failed read is logged: the action itself is done.
 */
export async function refreshQuietly(scope: MedusaContainer, orderId: string): Promise<void> {
  try {
    await syncScalexpertFileWorkflow(scope).run({
      input: { payment_session_id: await fileSessionOf(scope, orderId), trigger: "admin" },
    })
  } catch (error) {
    scope
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Scalexpert: could not re-read the file of order ${orderId}: ${errorForLog(error)}`)
  }
}
