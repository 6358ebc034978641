import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { RECONCILIATION_LOCK } from "../../src/workflows/reconcile-scalexpert-files"

/**
 * Keeps the scheduled reconciliation job (every 5 minutes) out of a test that counts Scalexpert
 * calls: a run that finds its lock taken does nothing. Returns the release.
 */
export async function holdReconciliation(container: MedusaContainer) {
  const locking = container.resolve(Modules.LOCKING)
  const ownerId = `test-${Date.now()}`
  await locking.acquire(RECONCILIATION_LOCK, { ownerId, expire: 600 })
  return () => locking.release(RECONCILIATION_LOCK, { ownerId })
}
