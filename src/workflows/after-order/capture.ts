import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createStep,
  StepResponse,
  transform,
  when,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { fileService, loadFinancingByFile, type OrderFinancing, type TimelineTrigger } from "./load"
import { recordOutsideRefundSteps } from "./outside-records"
import { failedAttempt } from "./retry-rule"
import { recordTimeline } from "./timeline"

/** What a confirmed delivery leaves to do: capture the Medusa payment, then record it. */
export type CaptureDue = {
  file_id: string
  payment_id: string
  /** The payment is still to be captured in Medusa (else only the record is left). */
  capture: boolean
  trigger: TimelineTrigger
  now: string
}

/** The capture owed once the lender knows of the delivery; null when there is no payment. */
export function captureDue(
  financing: OrderFinancing,
  trigger: TimelineTrigger,
  now = new Date()
): CaptureDue | null {
  const { file, payment } = financing
  if (!payment) return null
  return {
    file_id: file.id,
    payment_id: payment.id,
    capture: payment.captured_cents < payment.amount_cents && !payment.canceled_at,
    trigger,
    now: now.toISOString(),
  }
}

/** The capture failed: kept for the retry job, on the delivery lane. */
async function captureFailed(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger: TimelineTrigger,
  now: Date
): Promise<void> {
  const { file } = financing
  const reason = "Medusa could not capture the payment"
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .warn(`Scalexpert: ${reason} of file ${file.id}; retried by the job`)
  const { giveUp, next, fields } = failedAttempt("delivery", {
    attempts: (file.delivery_attempts ?? 1) + 1,
    policy: getScalexpert(container).options.retryPolicy,
    reason,
    now,
    keepStatus: true,
  })
  await fileService(container).updateScalexpertFiles({ id: file.id, ...fields })
  await recordTimeline(container, file, [
    {
      kind: "note",
      trigger,
      outcome: "failure",
      message: giveUp ? reason : `${reason}; retried at ${next!.toISOString()}`,
    },
  ])
}

/** The capture is done: stored (the back-office cancellations meanwhile are refunded next). */
async function captured(
  container: MedusaContainer,
  financing: OrderFinancing,
  due: CaptureDue
): Promise<void> {
  const { file } = financing
  if (due.capture) {
    await recordTimeline(container, file, [
      {
        kind: "note",
        trigger: due.trigger,
        outcome: "success",
        message:
          "Payment captured in Medusa: the lender funds the credit now that it knows of the delivery",
        detail: { payment_id: due.payment_id },
      },
    ])
  }
  await fileService(container).updateScalexpertFiles({
    id: file.id,
    captured_at: new Date(due.now),
    delivery_next_attempt_at: null,
    delivery_error: null,
  })
}

/** After the capture's attempt: stored, or kept for the retry job. Captured: what to record next. */
const settleCaptureStep = createStep(
  "scalexpert-settle-capture",
  async (due: CaptureDue | null, { container }) => {
    const none = new StepResponse<{ file_id: string; trigger: TimelineTrigger } | null>(null)
    if (!due) return none
    const financing = await loadFinancingByFile(container, due.file_id)
    const payment = financing?.payment
    if (!financing || !payment) return none
    const done = !!payment.captured_at || payment.captured_cents >= payment.amount_cents
    if (due.capture && !done) {
      await captureFailed(container, financing, due.trigger, new Date(due.now))
      return none
    }
    await captured(container, financing, due)
    return new StepResponse({ file_id: due.file_id, trigger: due.trigger })
  }
)

/**
 * Composes the capture after a confirmed delivery: Medusa's `capturePaymentWorkflow` as a step
 * (a failure does not undo the confirmation: it is kept for the retry job), its record, then the
 * refund of the cancellations made outside Medusa meanwhile. Call it once inside `createWorkflow`,
 * under the file's lock.
 */
export function captureAfterDeliverySteps(due: WorkflowData<CaptureDue | null>): void {
  when("scalexpert-capture-due", { due }, ({ due }) => !!due?.capture).then(() => {
    const input = transform({ due }, ({ due }) => ({ payment_id: due!.payment_id }))
    capturePaymentWorkflow.runAsStep({ input }).config({ continueOnPermanentFailure: true })
  })
  // Captured: the cancellations made in the lender's back office meanwhile, refunded now.
  const settled = settleCaptureStep(due)
  recordOutsideRefundSteps(settled)
}
