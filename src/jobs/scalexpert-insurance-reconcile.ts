import type { MedusaContainer } from "@medusajs/framework/types"
import { insuranceRegistered } from "../workflows/insurance/context"
import { reconcileInsurancePolicies } from "../workflows/insurance/retry"

/** Re-reads live insurance policies hourly: statuses the webhooks missed reach the shop. */
export default async function scalexpertInsuranceReconcileJob(container: MedusaContainer) {
  if (!insuranceRegistered(container)) return
  await reconcileInsurancePolicies(container)
}

export const config = { name: "scalexpert-insurance-reconcile", schedule: "17 * * * *" }
