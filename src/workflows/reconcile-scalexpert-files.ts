import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PaymentSessionStatus } from "@medusajs/framework/utils"
import { SCALEXPERT_MODULE } from "../modules/scalexpert"
import type ScalexpertModuleService from "../modules/scalexpert/service"
import { getScalexpert } from "../providers/scalexpert/registry"
import { SCALEXPERT_PROVIDER_ID } from "./steps/load-scalexpert-payment"
import { syncScalexpertFileWorkflow } from "./sync-scalexpert-file"

export type ReconciliationReport = { checked: number; failed: number }

/**
 * Accepted files with an order, read again after the order (at most every
 * `reconciliationAcceptedIntervalMinutes`, at each run while a German cancellation awaits its
 * outcome or a difference with Medusa is being checked): cancellations made in Scalexpert's back
 * office and cancellation outcomes reach Medusa even without a webhook.
 */
async function acceptedFilesToRead(
  container: MedusaContainer,
  already: Set<string>
): Promise<{ id: string }[]> {
  const { options } = getScalexpert(container)
  const now = Date.now()
  const since = new Date(now - options.reconciliationAcceptedMaxAgeDays * 24 * 3600 * 1000)
  const staleBefore = now - options.reconciliationAcceptedIntervalMinutes * 60 * 1000
  const files = await container
    .resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
    .listScalexpertFiles(
      { status: "ACCEPTED", order_id: { $ne: null }, created_at: { $gte: since } } as Record<
        string,
        unknown
      >,
      { take: 1000, order: { last_read_at: "ASC" } }
    )
  return files
    .filter(
      (file) =>
        !already.has(file.payment_session_id) &&
        (!!file.pending_cancellation ||
          !!file.unexplained_cancellation ||
          file.cancel_status === "awaiting_acceptance" ||
          !file.last_read_at ||
          new Date(file.last_read_at).getTime() <= staleBefore)
    )
    .map((file) => ({ id: file.payment_session_id }))
}

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
  const open: { id: string }[] = sessions.filter((session) => !!session.data?.subscription_id)
  open.push(...(await acceptedFilesToRead(container, new Set(open.map((s) => s.id)))))

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
