import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import {
  centsOf,
  euros,
  formatEuros,
  planCancellation,
  remainingCents,
} from "../../providers/scalexpert/cancellation"
import { loadFinancingByOrder } from "./load"
import { recordPaymentOperation } from "./payment-records"

/**
 * The admin's cancellation (`amount` absent: all that is still financed), through Medusa's own
 * paths: a refund of a captured payment, or the cancellation of an authorized one. Refused with a
 * clear message before any call when Scalexpert would refuse it.
 */
export async function cancelFromAdmin(
  container: MedusaContainer,
  orderId: string,
  amount: number | undefined
): Promise<void> {
  const financing = await loadFinancingByOrder(container, orderId)
  if (!financing) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} is not paid with Scalexpert`
    )
  }
  const { payment } = financing
  if (!payment) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      financing.session.status === PaymentSessionStatus.PENDING_AUTHORIZATION
        ? "The lender has not accepted this credit yet (pre-accepted): Scalexpert cannot cancel it now. Cancel the order instead: the plugin cancels the file as soon as Scalexpert allows it."
        : "This order has no Scalexpert payment to cancel"
    )
  }
  if (payment.canceled_at) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The Scalexpert payment is already canceled"
    )
  }
  const refundable = payment.captured_cents - payment.refunded_cents
  const remaining = remainingCents(payment.data)
  if (payment.captured_cents > 0) {
    const cents = amount === undefined ? Math.min(refundable, remaining) : centsOf(amount)
    if (cents > refundable) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Only ${formatEuros(refundable)} of this payment can still be refunded in Medusa`
      )
    }
    const plan = planCancellation({ data: payment.data, cents })
    if (plan.kind === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, plan.message)
    await refundPaymentWorkflow(container).run({
      input: {
        payment_id: payment.id,
        amount: euros(cents),
        note: "Scalexpert cancellation (admin)",
      },
    })
  } else {
    if (amount !== undefined && centsOf(amount) !== remaining) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `A partial cancellation is a refund, and this payment is not captured yet (long-term credit is captured when its delivery is confirmed): cancel the whole ${formatEuros(remaining)}, or confirm the delivery first.`
      )
    }
    const plan = planCancellation({ data: payment.data, cents: remaining })
    if (plan.kind === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, plan.message)
    await container.resolve(Modules.PAYMENT).cancelPayment(payment.id)
  }
  const reloaded = await loadFinancingByOrder(container, orderId)
  if (reloaded) await recordPaymentOperation(container, reloaded, "admin")
}
