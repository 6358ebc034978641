import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { reconcileScalexpertFiles } from "../workflows/reconcile-scalexpert-files"

/**
 * Reconciliation of Scalexpert files (see the workflow): the event log since the last run, then
 * the files due on their schedule. One run at a time across instances (a lock): a run that finds
 * the previous one still going does nothing. Runs in Medusa's worker (or shared) mode only.
 */
export default async function reconcileScalexpertFilesJob(container: MedusaContainer) {
  const report = await reconcileScalexpertFiles(container)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (report.skipped) {
    logger.info("Scalexpert reconciliation skipped: the previous run is still going")
  } else if (report.failed) {
    logger.warn(`Scalexpert reconciliation: ${report.failed} of ${report.checked} reads failed`)
  }
}

export const config = {
  name: "scalexpert-reconcile-files",
  // Every 5 minutes; SCALEXPERT_RECONCILE_SCHEDULE (a cron) changes it (the topology test runs it
  // every minute). Read when Medusa loads the job.
  schedule: process.env.SCALEXPERT_RECONCILE_SCHEDULE || "*/5 * * * *",
}
