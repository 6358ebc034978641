import {
  createStep,
  StepResponse,
  transform,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import { underLock } from "../under-lock"
import { loadFinancingByFile, loadFinancingByOrder } from "./load"

/** The lock the sync workflow takes too: one operation at a time on a file. */
export const lockKey = (paymentSessionId: string | null) =>
  paymentSessionId ? `scalexpert-file:${paymentSessionId}` : undefined

/**
 * Composes an operation under the file's lock (its session found by a locate step below). Call
 * it once inside `createWorkflow`.
 */
export function underFileLock<T>(sessionId: WorkflowData<string | null>, compose: () => T): T {
  return underLock(
    transform({ sessionId }, ({ sessionId }) => lockKey(sessionId)),
    compose
  )
}

/** The payment session of the order's file (its lock's key); null for an order paid otherwise. */
export const locateOrderStep = createStep(
  "scalexpert-locate-order",
  async (input: { order_id: string }, { container }) => {
    const financing = await loadFinancingByOrder(container, input.order_id)
    return new StepResponse(financing ? financing.file.payment_session_id : null)
  }
)

/** The payment session of a tracked file (its lock's key). */
export const locateFileStep = createStep(
  "scalexpert-locate-file",
  async (input: { file_id: string }, { container }) => {
    const financing = await loadFinancingByFile(container, input.file_id)
    return new StepResponse(financing ? financing.file.payment_session_id : null)
  }
)
