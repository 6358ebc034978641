import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PaymentSessionStatus } from "@medusajs/framework/utils"
import { getScalexpert } from "../providers/scalexpert/registry"
import { SCALEXPERT_PROVIDER_ID } from "./steps/load-scalexpert-payment"
import { syncScalexpertFileWorkflow } from "./sync-scalexpert-file"

export type ReconciliationReport = { checked: number; failed: number }

/**
 * Re-reads every open Scalexpert file (a payment session still pending, or an order whose
 * pre-accepted credit awaits the lender), at most `reconciliationConcurrency` at a time, through
 * the sync workflow: orders for shoppers who never came back, late authorizations, cancellations.
 */
export async function reconcileScalexpertFiles(
  container: MedusaContainer
): Promise<ReconciliationReport> {
  const { options } = getScalexpert(container)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const since = new Date(Date.now() - options.reconciliationMaxAgeDays * 24 * 3600 * 1000)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sessions } = await query.graph({
    entity: "payment_session",
    fields: ["id", "data"],
    filters: {
      provider_id: SCALEXPERT_PROVIDER_ID,
      status: [PaymentSessionStatus.PENDING, PaymentSessionStatus.PENDING_AUTHORIZATION],
      created_at: { $gte: since.toISOString() },
    } as Record<string, unknown>,
    pagination: { take: 1000, order: { created_at: "ASC" } },
  })
  const open = sessions.filter((session) => !!session.data?.subscription_id)

  let failed = 0
  let next = 0
  const worker = async () => {
    while (next < open.length) {
      const session = open[next++]
      try {
        await syncScalexpertFileWorkflow(container).run({
          input: { payment_session_id: session.id, trigger: "job" },
        })
      } catch (error) {
        failed++
        logger.warn(
          `Scalexpert reconciliation of payment session ${session.id} failed: ${(error as Error).message}`
        )
      }
    }
  }
  await Promise.all(Array.from({ length: options.reconciliationConcurrency }, worker))
  return { checked: open.length, failed }
}
