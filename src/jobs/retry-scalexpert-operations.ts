import type { MedusaContainer } from "@medusajs/framework/types"
import { retryScalexpertOperations } from "../workflows/after-order/retry"

/**
 * Retries delivery confirmations and cancellations that Scalexpert did not take (5xx, timeout,
 * 429), with backoff, as stored on each file; runs in Medusa's worker (or shared) mode.
 */
export default async function retryScalexpertOperationsJob(container: MedusaContainer) {
  await retryScalexpertOperations(container)
}

export const config = {
  name: "scalexpert-retry-operations",
  schedule: "* * * * *",
}
