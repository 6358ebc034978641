import type { MedusaContainer } from "@medusajs/framework/types"
import { isScalexpertError } from "../../scalexpert/errors"
import {
  FINAL_INSURANCE_STATUSES,
  isInsuranceStatusMoveAllowed,
  type InsuranceStatus,
} from "../../scalexpert/insurance"
import {
  describeFailure,
  insuranceContext,
  isTransient,
  nextAttemptAt,
  policyService,
} from "./context"

export type CancelReason = "order_canceled" | "refund" | "return" | "admin"

type Policy = Awaited<
  ReturnType<ReturnType<typeof policyService>["retrieveScalexpertInsurancePolicy"]>
>

const isFinal = (status: string | null) =>
  !!status && FINAL_INSURANCE_STATUSES.includes(status as InsuranceStatus)

/**
 * Cancels policies of an order: all of them, or those of some lines (the insured line or its
 * insurance line), at most `units[line]` per line, latest units first. Already cancelled or
 * never subscribed policies are left as they are.
 */
export async function cancelOrderPolicies(
  container: MedusaContainer,
  orderId: string,
  reason: CancelReason,
  select: { units?: Record<string, number>; policyIds?: string[] } = {}
): Promise<string[]> {
  const { units, policyIds } = select
  const service = policyService(container)
  const policies = await service.listScalexpertInsurancePolicies(
    { order_id: orderId },
    { order: { unit_index: "DESC" } }
  )
  const left = { ...(units ?? {}) }
  const chosen = policies.filter((p) => {
    if (p.cancel_status === "cancelled" || p.cancel_status === "not_needed") return false
    if (policyIds) return policyIds.includes(p.id)
    if (!units) return true
    const key = [p.line_item_id, p.insured_line_item_id].find((id) => id && (left[id] ?? 0) > 0)
    if (!key) return false
    left[key]--
    return true
  })
  for (const p of chosen) {
    await service.updateScalexpertInsurancePolicies({
      id: p.id,
      cancel_status: "pending",
      cancel_reason: reason,
      attempts: 0,
      next_attempt_at: null,
    })
    await cancelPolicy(container, p.id)
  }
  return chosen.map((p) => p.id)
}

/** One cancellation attempt (`POST /subscriptions/{id}/_cancel`), retried later on a passing failure. */
export async function cancelPolicy(container: MedusaContainer, policyId: string, now = new Date()) {
  const ctx = insuranceContext(container)
  const service = policyService(container)
  const policy = await service.retrieveScalexpertInsurancePolicy(policyId)
  if (policy.cancel_status !== "pending") return
  if (!policy.subscription_id || isFinal(policy.status)) {
    const done = policy.status === "CANCELLED" ? "cancelled" : "not_needed"
    const subscribe_status = policy.subscription_id ? policy.subscribe_status : "cancelled"
    await service.updateScalexpertInsurancePolicies({
      id: policy.id,
      cancel_status: done,
      subscribe_status,
      next_attempt_at: null,
    })
    return
  }
  const attempts = policy.attempts + 1
  try {
    await ctx.client.cancelSubscription(
      policy.subscription_id,
      policy.cancel_reason ?? "merchant",
      { lane: "background" }
    )
    await service.updateScalexpertInsurancePolicies({
      id: policy.id,
      attempts,
      status: "CANCELLED",
      cancel_status: "cancelled",
      next_attempt_at: null,
      last_error: null,
    })
  } catch (error) {
    if (isScalexpertError(error) && error.status === 400) {
      // Refused: the policy may have ended meanwhile; what the insurer says decides.
      const refreshed = await refreshPolicy(container, policy.id, now)
      if (isFinal(refreshed.status)) return
    }
    const retryAt = isTransient(error) ? nextAttemptAt(ctx.options, attempts, now) : null
    ctx.logger.warn(
      `Scalexpert insurance policy ${policy.id} not cancelled (attempt ${attempts}): ${describeFailure(error)}`
    )
    await service.updateScalexpertInsurancePolicies({
      id: policy.id,
      attempts,
      cancel_status: retryAt ? "pending" : "failed",
      next_attempt_at: retryAt,
      last_error: describeFailure(error),
    })
  }
}

/**
 * Reads a policy's status from the insurer and keeps it if it moves forward. A policy the insurer
 * ended (cancelled from its side, terminated) is recorded as such.
 */
export async function refreshPolicy(
  container: MedusaContainer,
  policyId: string,
  now = new Date()
): Promise<Policy> {
  const ctx = insuranceContext(container)
  const service = policyService(container)
  const policy = await service.retrieveScalexpertInsurancePolicy(policyId)
  if (!policy.subscription_id) return policy
  const remote = await ctx.client.getSubscription(policy.subscription_id, { lane: "background" })
  const update: Record<string, unknown> = { id: policy.id, last_read_at: now }
  if (
    isInsuranceStatusMoveAllowed(policy.status as InsuranceStatus | null, remote.consolidatedStatus)
  ) {
    update.status = remote.consolidatedStatus
    if (isFinal(remote.consolidatedStatus) && policy.cancel_status !== "cancelled") {
      update.cancel_status = remote.consolidatedStatus === "CANCELLED" ? "cancelled" : "not_needed"
      update.cancel_reason = policy.cancel_reason ?? "insurer"
      update.next_attempt_at = null
    }
  }
  const [updated] = await service.updateScalexpertInsurancePolicies([update as { id: string }])
  return updated
}
