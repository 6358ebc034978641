import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { scalexpertProviderId } from "../../providers/scalexpert/registry"
import { adminCancelSteps, type ScalexpertAdminCancelInput } from "./admin-cancel"
import { recordPaymentOperation } from "./cancellation"
import { loadFinancingByOrder, loadFinancingBySession } from "./load"
import { locateOrderStep, underFileLock } from "./locate"
import { confirmReturnReceived } from "./returns"

// ---- Payment captured or refunded -------------------------------------------------------------

const locatePaymentStep = createStep(
  "scalexpert-locate-payment",
  async (input: { payment_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "payment",
      fields: ["id", "provider_id", "payment_session_id"],
      filters: { id: input.payment_id },
    })
    const payment = data[0] as { provider_id?: string; payment_session_id?: string } | undefined
    if (!payment?.payment_session_id || payment.provider_id !== scalexpertProviderId(container)) {
      return new StepResponse(null)
    }
    return new StepResponse(payment.payment_session_id)
  }
)

const paymentOperationStep = createStep(
  "scalexpert-payment-operation-step",
  async (input: { session_id: string | null }, { container }) => {
    if (!input.session_id) return new StepResponse(undefined)
    const financing = await loadFinancingBySession(container, input.session_id)
    if (financing) await recordPaymentOperation(container, financing)
    return new StepResponse(undefined)
  }
)

/** `payment.captured` / `payment.refunded`: what the provider did goes to the timeline. */
export const scalexpertPaymentOperationWorkflow = createWorkflow(
  "scalexpert-payment-operation",
  (input: { payment_id: string }) => {
    const sessionId = locatePaymentStep(input)
    underFileLock(sessionId, () =>
      paymentOperationStep(transform({ sessionId }, ({ sessionId }) => ({ session_id: sessionId })))
    )
    return new WorkflowResponse(undefined)
  }
)

// ---- Return received --------------------------------------------------------------------------

const returnReceivedStep = createStep(
  "scalexpert-return-received-step",
  async (input: { order_id: string; return_id?: string }, { container }) => {
    const financing = await loadFinancingByOrder(container, input.order_id)
    if (financing) {
      await confirmReturnReceived(container, financing, "goods_return", input.return_id)
    }
    return new StepResponse(undefined)
  }
)

/** `order.return_received`: long credit's goods came back (`_confirmReturn`, before a refund). */
export const scalexpertReturnReceivedWorkflow = createWorkflow(
  "scalexpert-return-received",
  (input: { order_id: string; return_id?: string }) => {
    underFileLock(locateOrderStep(input), () => returnReceivedStep(input))
    return new WorkflowResponse(undefined)
  }
)

// ---- Admin cancellation -----------------------------------------------------------------------

export type { ScalexpertAdminCancelInput }

/** `POST /admin/scalexpert/orders/:order_id/cancel`: a refund, or the payment's cancellation. */
export const cancelScalexpertFinancingWorkflow = createWorkflow(
  "scalexpert-admin-cancel",
  (input: WorkflowData<ScalexpertAdminCancelInput>) => {
    underFileLock(locateOrderStep(input), () => adminCancelSteps(input))
    return new WorkflowResponse(undefined)
  }
)
