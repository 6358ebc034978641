import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SCALEXPERT_INSURANCE_MODULE } from "../../modules/scalexpert-insurance"
import type ScalexpertInsuranceModuleService from "../../modules/scalexpert-insurance/service"
import type { ResolvedScalexpertOptions } from "../../providers/scalexpert/options"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { errorForLog, isScalexpertError } from "../../scalexpert/errors"
import { insuranceClientOf, type ScalexpertInsuranceClient } from "../../scalexpert/insurance"

export type InsuranceContext = {
  container: MedusaContainer
  client: ScalexpertInsuranceClient
  options: ResolvedScalexpertOptions
  logger: Logger
  /** The insurer's API root and client id: keys of the item cache. */
  scope: string
}

const clients = new WeakMap<object, ScalexpertInsuranceClient>()

/** The insurance endpoints on the provider's client (same tokens, budget and options). */
export function insuranceContext(container: MedusaContainer): InsuranceContext {
  const gateway = getScalexpert(container)
  let client = clients.get(gateway.client)
  if (!client) {
    client = insuranceClientOf(gateway.client)
    clients.set(gateway.client, client)
  }
  return {
    container,
    client,
    options: gateway.options,
    logger: container.resolve<Logger>(ContainerRegistrationKeys.LOGGER),
    scope: `${gateway.client.apiRoot}|${gateway.options.clientId}`,
  }
}

/** Whether the shop registered the insurance module (it is optional: financing works without it). */
export function insuranceRegistered(container: MedusaContainer): boolean {
  return container.hasRegistration(SCALEXPERT_INSURANCE_MODULE)
}

export type Policy = Awaited<
  ReturnType<ScalexpertInsuranceModuleService["retrieveScalexpertInsurancePolicy"]>
>

/** What a policy's workflows (subscribe, cancel, refresh) take: the policy, the attempt's time. */
export type PolicyInput = { policy_id: string; now: string }

/** The lock a policy's operations (subscribe, cancel, refresh) take, shared by every instance. */
export const policyLockKey = (policyId: string) => `scalexpert-insurance-policy:${policyId}`

export function policyService(container: MedusaContainer): ScalexpertInsuranceModuleService {
  return container.resolve<ScalexpertInsuranceModuleService>(SCALEXPERT_INSURANCE_MODULE)
}

/** A failure worth retrying later: no answer, a timeout, a 5xx or a 429. */
export function isTransient(error: unknown): boolean {
  if (!isScalexpertError(error)) return false
  if (error.kind === "network" || error.kind === "timeout") return true
  return error.kind === "http" && (error.status === 429 || (error.status ?? 0) >= 500)
}

/** A short description for the admin and the logs: kind, status, code, never a body. */
export function describeFailure(error: unknown): string {
  if (isScalexpertError(error)) {
    const parts = [error.kind, error.status, error.errorCode].filter((p) => p !== undefined)
    return `${parts.join(" ")}: ${error.message}`.slice(0, 500)
  }
  return errorForLog(error)
}

/** The delay before attempt `attempts + 1`, from the provider's retry policy. */
export function nextAttemptAt(
  options: ResolvedScalexpertOptions,
  attempts: number,
  now = new Date()
): Date | null {
  const policy = options.retryPolicy
  if (attempts >= policy.maxAttempts) return null
  const delay = Math.min(
    policy.maxDelaySeconds,
    policy.initialDelaySeconds * 2 ** Math.max(0, attempts - 1)
  )
  return new Date(now.getTime() + delay * 1000)
}
