import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import { isSplitPayment } from "../../scalexpert/solutions"

/**
 * What a Scalexpert status means for Medusa's payment session and for the shopper's failure page.
 * What Medusa *does* with a status is decided by `decide` (./decide.ts), nowhere else.
 */

/** Medusa's payment session status for a file. */
export function getStatus(status: ConsolidatedStatus, solutionCode: string): PaymentSessionStatus {
  switch (status) {
    case "ACCEPTED":
      // Split payment: the lender pays the merchant, nothing left to capture. Long credit is
      // funded only once delivery is confirmed: authorized now, captured then.
      return isSplitPayment(solutionCode)
        ? PaymentSessionStatus.CAPTURED
        : PaymentSessionStatus.AUTHORIZED
    case "PRE_ACCEPTED":
      return PaymentSessionStatus.PENDING_AUTHORIZATION
    case "INITIALIZED":
    case "REQUESTED":
      return PaymentSessionStatus.PENDING
    case "REJECTED":
      return PaymentSessionStatus.ERROR
    case "ABORTED":
    case "CANCELLED":
      return PaymentSessionStatus.CANCELED
  }
}

/** A reason a storefront can put in its failure URL and translate for the shopper. */
export function failureReason(status: ConsolidatedStatus | undefined): string {
  switch (status) {
    case "REJECTED":
      return "refused"
    case "ABORTED":
      return "abandoned"
    case "CANCELLED":
      return "cancelled"
    case "INITIALIZED":
    case "REQUESTED":
      return "pending"
    default:
      return "error"
  }
}
