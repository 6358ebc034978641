import {
  createStep,
  StepResponse,
  transform,
  when,
  type WorkflowData,
} from "@medusajs/framework/workflows-sdk"
import { cancelOrderWorkflow, refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import {
  centsOf,
  euros,
  formatEuros,
  type UnrecordedCancellation,
} from "../../providers/scalexpert/cancellation"
import { setFileRow } from "./cancellation-outcome"
import {
  loadFinancingByFile,
  loadFinancingByOrder,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"
import { recordTimeline } from "./timeline"

/**
 * Medusa's side of a cancellation made in the lender's back office, once it is on record (see
 * `settleCancellation`): the refund of what the captured payment covers, or the order's
 * cancellation, as Medusa's own workflows composed in the calling workflow. A failure of theirs
 * undoes nothing: it goes to the timeline, and the refund is tried again at the next capture
 * record.
 */

export type OutsideRefund = {
  payment_id: string
  amount: number
  note: string
  marker_ids: string[]
}

const NOTE = "Cancelled in Scalexpert's back office"

/**
 * The back-office cancellations the captured payment covers now, as one refund: all of them when
 * it covers them all (the provider records them without a call), else the first it covers.
 */
export function outsideRefundDue(financing: OrderFinancing): OutsideRefund | null {
  const { payment } = financing
  const markers: UnrecordedCancellation[] = payment?.data.unrecorded_cancellations ?? []
  if (!payment || payment.canceled_at || !markers.length) return null
  const refundable = payment.captured_cents - payment.refunded_cents
  const total = markers.reduce((sum, m) => sum + centsOf(m.amount), 0)
  const due = total <= refundable ? markers : markers.filter((m) => centsOf(m.amount) <= refundable)
  const picked = total <= refundable ? due : due.slice(0, 1)
  if (!picked.length) return null
  const cents = picked.reduce((sum, m) => sum + centsOf(m.amount), 0)
  return {
    payment_id: payment.id,
    amount: euros(cents),
    note: NOTE,
    marker_ids: picked.map((m) => m.id),
  }
}

type RecordInput = { file_id: string; trigger: TimelineTrigger } | null | undefined

const planOutsideRefundStep = createStep(
  "scalexpert-plan-outside-refund",
  async (input: RecordInput, { container }) => {
    if (!input) return new StepResponse(null)
    const financing = await loadFinancingByFile(container, input.file_id)
    const refund = financing && outsideRefundDue(financing)
    return new StepResponse(refund ? { ...input, refund } : null)
  }
)

/** After the refund: recorded when the provider took the markers off the payment's data. */
const recordOutsideRefundStep = createStep(
  "scalexpert-record-outside-refund",
  async (plan: (NonNullable<RecordInput> & { refund: OutsideRefund }) | null, { container }) => {
    if (!plan) return new StepResponse(undefined)
    const financing = await loadFinancingByFile(container, plan.file_id)
    if (!financing) return new StepResponse(undefined)
    const left = new Set((financing.payment?.data.unrecorded_cancellations ?? []).map((m) => m.id))
    const done = plan.refund.marker_ids.every((id) => !left.has(id))
    const amount = formatEuros(centsOf(plan.refund.amount))
    await recordTimeline(container, financing.file, [
      {
        kind: "note",
        trigger: plan.trigger,
        outcome: done ? "success" : "failure",
        message: done
          ? `Refund of ${amount} recorded in Medusa: cancelled in Scalexpert's back office (no call to Scalexpert)`
          : `Medusa could not record the refund of ${amount} cancelled in Scalexpert's back office: it is tried again at the next capture record`,
        detail: { amount: plan.refund.amount, marker_ids: plan.refund.marker_ids },
      },
    ])
    return new StepResponse(undefined)
  }
)

/**
 * Composes the refund of back-office cancellations the captured payment covers (nothing when
 * `input` is null). Call it once inside `createWorkflow`, under the file's lock.
 */
export function recordOutsideRefundSteps(input: WorkflowData<RecordInput>): void {
  const plan = planOutsideRefundStep(input)
  when("scalexpert-outside-refund-due", { plan }, ({ plan }) => !!plan).then(() => {
    const refund = transform({ plan }, ({ plan }) => ({
      payment_id: plan!.refund.payment_id,
      amount: plan!.refund.amount,
      note: plan!.refund.note,
    }))
    refundPaymentWorkflow.runAsStep({ input: refund }).config({ continueOnPermanentFailure: true })
  })
  recordOutsideRefundStep(plan)
}

type OrderCancelInput = { file_id: string; order_id: string; trigger: TimelineTrigger } | null

/** After the order's cancellation: on record, or its failure in the timeline. */
const recordOutsideOrderCancelStep = createStep(
  "scalexpert-record-outside-order-cancel",
  async (input: OrderCancelInput, { container }) => {
    if (!input) return new StepResponse(undefined)
    const financing = await loadFinancingByOrder(container, input.order_id)
    if (!financing) return new StepResponse(undefined)
    const canceled = !!financing.order?.canceled
    await recordTimeline(container, financing.file, [
      {
        kind: "note",
        trigger: input.trigger,
        outcome: canceled ? "success" : "failure",
        message: canceled
          ? "Order canceled in Medusa: its financing was cancelled in Scalexpert's back office"
          : "The financing was cancelled in Scalexpert's back office but Medusa could not cancel the order: cancel it from the admin",
      },
    ])
    if (canceled) await setFileRow(container, financing, { cancel_status: "done" })
    return new StepResponse(undefined)
  }
)

/**
 * Composes the cancellation of an order whose whole financing was cancelled in the lender's back
 * office before any capture (nothing when `input` is null), with `cancelOrderWorkflow` as a step.
 */
export function cancelOrderCancelledOutsideSteps(input: WorkflowData<OrderCancelInput>): void {
  when("scalexpert-outside-order-cancel", { input }, ({ input }) => !!input).then(() => {
    const order = transform({ input }, ({ input }) => ({ order_id: input!.order_id }))
    // Medusa types the step of a workflow without result as `never`; it is a step all the same.
    const step = cancelOrderWorkflow.runAsStep({ input: order }) as unknown as WorkflowData
    // Named: the sync workflow also cancels orders of pre-accepted credits that ended.
    step.config({
      name: "scalexpert-cancel-order-cancelled-outside",
      continueOnPermanentFailure: true,
    })
  })
  recordOutsideOrderCancelStep(input)
}
