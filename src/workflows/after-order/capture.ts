import type { MedusaContainer } from "@medusajs/framework/types"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { nextAttempt } from "../../providers/scalexpert/cancellation"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { recordOutsideCancellations } from "./cancellation"
import { fileService, type OrderFinancing, type TimelineTrigger } from "./load"
import { recordTimeline } from "./timeline"

/**
 * Captures the Medusa payment once the lender knows of the delivery, then records as refunds the
 * cancellations made outside Medusa meanwhile. A failure is kept for the retry job.
 */
export async function captureAfterDelivery(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger: TimelineTrigger,
  now = new Date()
): Promise<OrderFinancing> {
  const service = fileService(container)
  const { file, payment } = financing
  if (!payment) return financing
  const { options } = getScalexpert(container)
  if (payment.captured_cents < payment.amount_cents && !payment.canceled_at) {
    try {
      await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
      payment.captured_cents = payment.amount_cents
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "success",
          message:
            "Payment captured in Medusa: the lender funds the credit now that it knows of the delivery",
          detail: { payment_id: payment.id },
        },
      ])
    } catch (error) {
      const attempts = (file.delivery_attempts ?? 1) + 1
      const { giveUp, next } = nextAttempt(attempts, options.retryPolicy, { now })
      const reason = `Medusa could not capture the payment: ${(error as Error).message}`
      await service.updateScalexpertFiles({
        id: file.id,
        delivery_attempts: attempts,
        delivery_next_attempt_at: next,
        delivery_error: reason,
      })
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "failure",
          message: giveUp ? reason : `${reason}; retried at ${next!.toISOString()}`,
        },
      ])
      financing.file = { ...file, delivery_error: reason, delivery_next_attempt_at: next }
      return financing
    }
  }
  const capturedAt = now
  await service.updateScalexpertFiles({
    id: file.id,
    captured_at: capturedAt,
    delivery_next_attempt_at: null,
    delivery_error: null,
  })
  financing.file = { ...file, captured_at: capturedAt, delivery_next_attempt_at: null }
  await recordOutsideCancellations(container, financing, trigger)
  return financing
}
