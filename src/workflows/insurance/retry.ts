import type { MedusaContainer } from "@medusajs/framework/types"
import { LIVE_INSURANCE_STATUSES } from "../../scalexpert/insurance"
import { cancelPolicy } from "./cancel"
import { refreshPolicy } from "./refresh"
import { describeFailure, insuranceContext, policyService } from "./context"
import { subscribePolicy } from "./subscribe"

export type InsuranceRetryReport = { subscriptions: number; cancellations: number }

/**
 * Runs the subscriptions and cancellations that failed for a passing reason and are due, as
 * stored on each policy (`next_attempt_at`), so they survive a restart. `now` lets tests run a
 * later retry at once.
 */
export async function retryInsuranceOperations(
  container: MedusaContainer,
  options: { now?: Date } = {}
): Promise<InsuranceRetryReport> {
  const now = options.now ?? new Date()
  const service = policyService(container)
  const due = { $lte: now } as unknown as Date
  const [subscriptions, cancellations] = await Promise.all([
    service.listScalexpertInsurancePolicies(
      { subscribe_status: "pending", cancel_status: null, next_attempt_at: due },
      { select: ["id"], take: 200, order: { next_attempt_at: "ASC" } }
    ),
    service.listScalexpertInsurancePolicies(
      { cancel_status: "pending", next_attempt_at: due },
      { select: ["id"], take: 200, order: { next_attempt_at: "ASC" } }
    ),
  ])
  for (const p of subscriptions) await subscribePolicy(container, p.id, now)
  for (const p of cancellations) await cancelPolicy(container, p.id, now)
  return { subscriptions: subscriptions.length, cancellations: cancellations.length }
}

/**
 * Re-reads live policies (subscribed, activated) that were not read for `maxAgeMinutes`, so that
 * statuses the webhooks missed (activation after the withdrawal period, termination, a
 * cancellation made at the insurer) reach the shop.
 */
export async function reconcileInsurancePolicies(
  container: MedusaContainer,
  options: { now?: Date; maxAgeMinutes?: number } = {}
): Promise<{ read: number; failed: number }> {
  const now = options.now ?? new Date()
  const before = new Date(now.getTime() - (options.maxAgeMinutes ?? 60) * 60_000)
  const policies = await policyService(container).listScalexpertInsurancePolicies(
    {
      status: [...LIVE_INSURANCE_STATUSES],
      $or: [{ last_read_at: null }, { last_read_at: { $lte: before } }],
    } as Record<string, unknown>,
    { select: ["id"], take: 500, order: { last_read_at: "ASC" } }
  )
  let failed = 0
  for (const p of policies) {
    try {
      await refreshPolicy(container, p.id, now)
    } catch (error) {
      failed++
      insuranceContext(container).logger.warn(
        `Scalexpert insurance policy ${p.id} not re-read: ${describeFailure(error)}`
      )
    }
  }
  return { read: policies.length, failed }
}

/** The admin's "refresh": a subscription or cancellation that failed or waits is tried again now. */
export async function retryInsuranceNow(container: MedusaContainer, policyId: string) {
  const service = policyService(container)
  const p = await service.retrieveScalexpertInsurancePolicy(policyId)
  const cancelling = p.cancel_status === "pending" || p.cancel_status === "failed"
  const subscribing = !p.cancel_status && !p.subscription_id && p.subscribe_status !== "subscribed"
  if (!cancelling && !subscribing) return
  await service.updateScalexpertInsurancePolicies({
    id: p.id,
    ...(cancelling ? { cancel_status: "pending" } : { subscribe_status: "pending" }),
    next_attempt_at: null,
  })
  if (cancelling) await cancelPolicy(container, p.id)
  else await subscribePolicy(container, p.id)
}
