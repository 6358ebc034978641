import type { MedusaContainer } from "@medusajs/framework/types"
import { insuranceRegistered } from "../workflows/insurance/context"
import { retryInsuranceOperations } from "../workflows/insurance/retry"

/** Retries insurance subscriptions and cancellations that Scalexpert did not take, with backoff. */
export default async function scalexpertInsuranceRetryJob(container: MedusaContainer) {
  if (!insuranceRegistered(container)) return
  await retryInsuranceOperations(container)
}

export const config = { name: "scalexpert-insurance-retry", schedule: "* * * * *" }
