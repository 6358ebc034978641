import { type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"

/**
 * Composes an operation under a lock shared by every instance (Medusa's locking module): taken
 * first (waiting up to 30 s for another holder), released last; it expires after 2 minutes should
 * the release never run. Call it once per workflow, inside `createWorkflow`.
 */
export function underLock<T>(key: WorkflowData<string | undefined>, compose: () => T): T {
  acquireLockStep({ key, timeout: 30, ttl: 120 })
  const result = compose()
  releaseLockStep({ key })
  return result
}
