import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { errorForLog } from "../../scalexpert/errors"
import { fileService } from "./load"
import { dueAt } from "./retry-rule"
import { retryScalexpertFileWorkflow } from "./workflows"

export type RetryReport = { due: number; failed: number }

/**
 * Runs the retries that are due: delivery confirmations (and the captures that follow them) and
 * cancellations of canceled orders that Scalexpert failed to take. They are stored on the file
 * (`*_next_attempt_at`), so they survive a restart. `now` lets tests run a later retry at once.
 */
export async function retryScalexpertOperations(
  container: MedusaContainer,
  options: { now?: Date } = {}
): Promise<RetryReport> {
  const now = options.now ?? new Date()
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service = fileService(container)
  const due = dueAt(now)
  const [deliveries, captures, cancels] = await Promise.all([
    service.listScalexpertFiles(
      { delivery_status: "pending", delivery_next_attempt_at: due },
      { take: 200, order: { delivery_next_attempt_at: "ASC" } }
    ),
    service.listScalexpertFiles(
      { delivery_status: "confirmed", captured_at: null, delivery_next_attempt_at: due },
      { take: 200 }
    ),
    service.listScalexpertFiles(
      { cancel_status: "pending", cancel_next_attempt_at: due },
      { take: 200, order: { cancel_next_attempt_at: "ASC" } }
    ),
  ])
  const ids = [...new Set([...deliveries, ...captures, ...cancels].map((file) => file.id))]
  let failed = 0
  for (const id of ids) {
    try {
      await retryScalexpertFileWorkflow(container).run({
        input: { file_id: id, now: now.toISOString() },
      })
    } catch (error) {
      failed++
      logger.warn(`Scalexpert retry of file ${id} failed: ${errorForLog(error)}`)
    }
  }
  return { due: ids.length, failed }
}
