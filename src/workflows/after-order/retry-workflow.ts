import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { captureAfterDeliverySteps, captureDue, type CaptureDue } from "./capture"
import { attemptDeliveryConfirmation } from "./delivery-attempt"
import { cancelFileOfCanceledOrder, readSnapshot } from "./cancellation"
import { loadFinancingByFile } from "./load"
import { locateFileStep, underFileLock } from "./locate"
import { postponeCancel } from "./order-canceled-workflow"
import { isDue } from "./retry-rule"

export type ScalexpertRetryInput = { file_id: string; now?: string }

/** The file's retry, unless a file without order (settled by the sync workflow the job runs). */
const fileToRetry = async (container: MedusaContainer, fileId: string) => {
  const financing = await loadFinancingByFile(container, fileId)
  return financing && !financing.file.no_order_reason ? financing : undefined
}

const retryDeliveryStep = createStep(
  "scalexpert-retry-delivery-step",
  async (input: ScalexpertRetryInput, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    const financing = await fileToRetry(container, input.file_id)
    const file = financing?.file
    let due: CaptureDue | null = null
    // The cancellation's lane is due as the file was before this retry began.
    const cancel = file?.cancel_status === "pending" && isDue(file.cancel_next_attempt_at, now)
    if (file?.delivery_status === "pending" && isDue(file.delivery_next_attempt_at, now)) {
      due = await attemptDeliveryConfirmation(container, financing!, "job", now)
    } else if (
      file?.delivery_status === "confirmed" &&
      !file.captured_at &&
      isDue(file.delivery_next_attempt_at, now)
    ) {
      due = captureDue(financing!, "job", now)
    }
    return new StepResponse({ due, cancel })
  }
)

const retryCancelStep = createStep(
  "scalexpert-retry-cancel-step",
  async (input: ScalexpertRetryInput & { cancel: boolean }, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    const financing = input.cancel ? await fileToRetry(container, input.file_id) : undefined
    if (!financing) return new StepResponse(undefined)
    const { file } = financing
    let observed
    try {
      observed = await readSnapshot(container, file)
    } catch (error) {
      await postponeCancel(container, file, error, now, "job")
      return new StepResponse(undefined)
    }
    await cancelFileOfCanceledOrder(container, financing, observed, "job", now)
    return new StepResponse(undefined)
  }
)

/** One due retry of a file: its delivery confirmation, its capture, or its cancellation. */
export const retryScalexpertFileWorkflow = createWorkflow(
  "scalexpert-retry-file",
  (input: ScalexpertRetryInput) => {
    underFileLock(locateFileStep(input), () => {
      const retry = retryDeliveryStep(input)
      captureAfterDeliverySteps(transform({ retry }, ({ retry }) => retry.due))
      retryCancelStep(
        transform({ input, retry }, ({ input, retry }) => ({ ...input, cancel: retry.cancel }))
      )
    })
    return new WorkflowResponse(undefined)
  }
)
