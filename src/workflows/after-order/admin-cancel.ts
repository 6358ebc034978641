import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import {
  createStep,
  StepResponse,
  transform,
  when,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
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

export type ScalexpertAdminCancelInput = { order_id: string; amount?: number }

/** What the admin's cancellation does: a refund of a captured payment, else its cancellation. */
export type AdminCancelPlan = { payment_id: string; refund?: { amount: number; note: string } }

/**
 * The admin's cancellation (`amount` absent: all that is still financed), through Medusa's own
 * paths: a refund of a captured payment, or the cancellation of an authorized one. Refused with a
 * clear message before any call when Scalexpert would refuse it.
 */
export async function planAdminCancel(
  container: MedusaContainer,
  orderId: string,
  amount: number | undefined
): Promise<AdminCancelPlan> {
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
    return {
      payment_id: payment.id,
      refund: { amount: euros(cents), note: "Scalexpert cancellation (admin)" },
    }
  }
  if (amount !== undefined && centsOf(amount) !== remaining) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `A partial cancellation is a refund, and this payment is not captured yet (long-term credit is captured when its delivery is confirmed): cancel the whole ${formatEuros(remaining)}, or confirm the delivery first.`
    )
  }
  const plan = planCancellation({ data: payment.data, cents: remaining })
  if (plan.kind === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, plan.message)
  return { payment_id: payment.id }
}

const planAdminCancelStep = createStep(
  "scalexpert-admin-cancel-step",
  async (input: ScalexpertAdminCancelInput, { container }) =>
    new StepResponse(await planAdminCancel(container, input.order_id, input.amount))
)

/** The authorized payment canceled (the provider sends the `_cancel`); it cannot be undone. */
const cancelAuthorizedPaymentStep = createStep(
  "scalexpert-admin-cancel-payment",
  async (input: { payment_id: string }, { container }) => {
    await container.resolve(Modules.PAYMENT).cancelPayment(input.payment_id)
    return new StepResponse(undefined)
  }
)

const recordAdminCancelStep = createStep(
  "scalexpert-admin-cancel-record",
  async (input: ScalexpertAdminCancelInput, { container }) => {
    const reloaded = await loadFinancingByOrder(container, input.order_id)
    if (reloaded) await recordPaymentOperation(container, reloaded, "admin")
    return new StepResponse(undefined)
  }
)

/**
 * Composes the admin's cancellation (inside `createWorkflow`, under the file's lock): checked
 * first, then Medusa's `refundPaymentWorkflow` as a step, or the payment's cancellation, then
 * what was done goes to the timeline.
 */
export function adminCancelSteps(input: WorkflowData<ScalexpertAdminCancelInput>): void {
  const plan = planAdminCancelStep(input)
  when("scalexpert-admin-refund", { plan }, ({ plan }) => !!plan.refund).then(() => {
    const refund = transform({ plan }, ({ plan }) => ({
      payment_id: plan.payment_id,
      ...plan.refund!,
    }))
    refundPaymentWorkflow.runAsStep({ input: refund })
  })
  when("scalexpert-admin-cancel-authorized", { plan }, ({ plan }) => !plan.refund).then(() => {
    cancelAuthorizedPaymentStep(plan)
  })
  recordAdminCancelStep(input)
}
