import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createStep,
  createWorkflow,
  StepResponse,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { cancelFileOfCanceledOrder, readSnapshot, recordPaymentOperation } from "./cancellation"
import { fileService, loadFinancingByOrder, type FileRow, type TimelineTrigger } from "./load"
import { locateOrderStep, underFileLock } from "./locate"
import { failedAttempt } from "./retry-rule"
import { recordTimeline } from "./timeline"

/** The file could not be read to cancel it: tried again later, with backoff, up to the limit. */
export async function postponeCancel(
  container: MedusaContainer,
  file: FileRow,
  error: unknown,
  now: Date,
  trigger: TimelineTrigger
): Promise<void> {
  const reason = `Scalexpert could not be read: ${(error as Error).message}`
  // A read that failed is always worth another try (no error given), up to the policy's limit.
  const { giveUp, fields } = failedAttempt("cancel", {
    attempts: (file.cancel_attempts ?? 0) + 1,
    policy: getScalexpert(container).options.retryPolicy,
    reason,
    now,
  })
  await fileService(container).updateScalexpertFiles({ id: file.id, ...fields })
  await recordTimeline(container, file, [
    {
      kind: "note",
      trigger,
      outcome: "failure",
      message: giveUp
        ? `The financing could not be cancelled: ${reason}. Cancel it from the admin once Scalexpert answers.`
        : `The financing could not be cancelled yet (${reason}): retried by the job`,
    },
  ])
}

const orderCanceledStep = createStep(
  "scalexpert-order-canceled-step",
  async (input: { order_id: string }, { container }) => {
    const financing = await loadFinancingByOrder(container, input.order_id)
    if (!financing?.file.subscription_id) return new StepResponse(undefined)
    let observed
    try {
      observed = await readSnapshot(container, financing.file)
    } catch (error) {
      // Scalexpert cannot be read now: the cancellation is retried by the job.
      await recordPaymentOperation(container, financing, "order_canceled")
      if (!financing.payment?.canceled_at) {
        await postponeCancel(container, financing.file, error, new Date(), "order_canceled")
      }
      return new StepResponse(undefined)
    }
    await cancelFileOfCanceledOrder(container, financing, observed, "order_canceled")
    return new StepResponse(undefined)
  }
)

/** `order.canceled`: the order's financing is cancelled too, for its full amount. */
export const scalexpertOrderCanceledWorkflow = createWorkflow(
  "scalexpert-order-canceled",
  (input: { order_id: string }) => {
    underFileLock(locateOrderStep(input), () => orderCanceledStep(input))
    return new WorkflowResponse(undefined)
  }
)
