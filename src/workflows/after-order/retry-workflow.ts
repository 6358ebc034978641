import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { attemptDeliveryConfirmation, captureAfterDelivery } from "./delivery"
import { cancelFileOfCanceledOrder, readSnapshot } from "./cancellation"
import { loadFinancingByFile } from "./load"
import { lockKey, locateFileStep } from "./locate"
import { postponeCancel } from "./order-canceled-workflow"

export type ScalexpertRetryInput = { file_id: string; now?: string }

const retryStep = createStep(
  "scalexpert-retry-file-step",
  async (input: ScalexpertRetryInput, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    const financing = await loadFinancingByFile(container, input.file_id)
    // A file without order is settled by the sync workflow (the job reads it), not here.
    if (!financing || financing.file.no_order_reason) return new StepResponse(undefined)
    const { file } = financing
    const due = (at: Date | string | null | undefined) => !!at && new Date(at) <= now
    if (file.delivery_status === "pending" && due(file.delivery_next_attempt_at)) {
      await attemptDeliveryConfirmation(container, financing, "job", now)
    } else if (
      file.delivery_status === "confirmed" &&
      !file.captured_at &&
      due(file.delivery_next_attempt_at)
    ) {
      await captureAfterDelivery(container, financing, "job", now)
    }
    if (file.cancel_status === "pending" && due(file.cancel_next_attempt_at)) {
      const fresh = (await loadFinancingByFile(container, input.file_id)) ?? financing
      let observed
      try {
        observed = await readSnapshot(container, fresh.file)
      } catch (error) {
        await postponeCancel(container, fresh.file, error, now, "job")
        return new StepResponse(undefined)
      }
      await cancelFileOfCanceledOrder(container, fresh, observed, "job", now)
    }
    return new StepResponse(undefined)
  }
)

/** One due retry of a file: its delivery confirmation, its capture, or its cancellation. */
export const retryScalexpertFileWorkflow = createWorkflow(
  "scalexpert-retry-file",
  (input: ScalexpertRetryInput) => {
    const sessionId = locateFileStep(input)
    const key = transform({ sessionId }, ({ sessionId }) => lockKey(sessionId))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    retryStep(input)
    releaseLockStep({ key })
    return new WorkflowResponse(undefined)
  }
)
