import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cancelAtLender } from "../../providers/scalexpert/cancel-at-lender"
import {
  centsOf,
  formatEuros,
  lenderName,
  type AfterOrderData,
} from "../../providers/scalexpert/cancellation"
import { decide, type Action } from "../../providers/scalexpert/decide"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { fileService, type FileRow } from "../after-order/load"
import { failedAttempt } from "../after-order/retry-rule"
import { recordTimeline } from "../after-order/timeline"
import type { LoadedScalexpertPayment } from "./load-scalexpert-payment"
import { settleNoOrderCancellation } from "./no-order-cancellation"
import type { ScalexpertTrigger } from "./record-scalexpert-file"

/** Why a file has no order, in words for the timeline and the Settings page. */
const REASONS: Record<string, string> = {
  session_replaced:
    "its payment session was replaced (the cart changed or another payment method was chosen)",
  cart_not_completed:
    "Medusa could not complete the cart (a missing shipping method, a product out of stock, an expired promotion...)",
  amount_mismatch: "the lender accepted another amount than the cart's",
  creation_unconfirmed:
    "Scalexpert's answer to its creation was lost, so the shopper could not be sent to the lender's pages",
}

export type NoOrderInput = {
  loaded: LoadedScalexpertPayment
  file: FileSnapshot
  action: Action
  /** The order the cart completion made in this run, if any. */
  completed_order_id?: string
  trigger: ScalexpertTrigger
}

async function orderOfCart(container: MedusaContainer, cartId?: string) {
  if (!cartId) return undefined
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order_cart",
    fields: ["order_id"],
    filters: { cart_id: cartId },
  })
  return data[0]?.order_id as string | undefined
}

/** The plugin's row of the file, made now if the session was never tracked. */
async function ensureRow(container: MedusaContainer, input: NoOrderInput): Promise<FileRow> {
  const service = fileService(container)
  const { session } = input.loaded
  const [row] = (await service.listScalexpertFiles({
    payment_session_id: session.id,
  })) as unknown as FileRow[]
  if (row) return row
  return (await service.createScalexpertFiles({
    payment_session_id: session.id,
    subscription_id: session.data.subscription_id,
    solution_code: session.data.solution_code,
    cart_id: input.loaded.cart_id ?? null,
    status: input.file.status,
  })) as unknown as FileRow
}

/** `_cancel` of the whole file, recorded; retried with backoff by the job when it fails. */
async function cancelWithoutOrder(
  container: MedusaContainer,
  row: FileRow,
  input: NoOrderInput,
  reason: string
) {
  const gateway = getScalexpert(container)
  const service = fileService(container)
  const { session } = input.loaded
  const cents = centsOf(input.file.financed_amount)
  const attempts = (row.cancel_attempts ?? 0) + 1
  const because = REASONS[reason] ?? reason
  try {
    const data: AfterOrderData = {
      ...session.data,
      amount: input.file.financed_amount,
      cancelled_amount: 0,
    }
    const next = await cancelAtLender(gateway, data, cents, true, "cancel", `no-order-${row.id}`)
    const requested = !!next.pending_cancellation
    await service.updateScalexpertFiles({
      id: row.id,
      cancel_status: requested ? "requested" : "done",
      cancel_attempts: attempts,
      cancel_next_attempt_at: null,
      cancel_error: null,
      pending_cancellation: next.pending_cancellation ?? null,
    })
    await recordTimeline(container, row, [
      {
        kind: "api_call",
        trigger: input.trigger,
        outcome: "success",
        message: `${requested ? `Cancellation of ${formatEuros(cents)} requested from ${lenderName(row.solution_code)}` : `Financing of ${formatEuros(cents)} cancelled at Scalexpert`}: no order can be made from it, ${because}`,
        detail: { call: "_cancel", amount: input.file.financed_amount, reason },
      },
    ])
  } catch (error) {
    const message = `The financing has no order (${because}) and could not be cancelled: ${(error as Error).message}`
    const policy = gateway.options.retryPolicy
    const { fields } = failedAttempt("cancel", {
      attempts,
      policy,
      reason: message,
      error,
      now: new Date(),
    })
    await service.updateScalexpertFiles({ id: row.id, ...fields })
    await recordTimeline(container, row, [
      { kind: "api_call", trigger: input.trigger, outcome: "failure", message },
    ])
  }
}

/**
 * A file with no Medusa order to pay: its session was replaced, or its cart could not be completed.
 * Accepted, it is cancelled at the lender with the reason on record (listed under Settings → files
 * that need attention until it is); not decided yet, it is tracked until it is.
 */
export const settleFileWithoutOrderStep = createStep(
  "settle-scalexpert-file-without-order",
  async (input: NoOrderInput, { container }) => {
    const none = new StepResponse<{ no_order: boolean; reason?: string }>({ no_order: false })
    let action = input.action
    let reason = input.loaded.tracked?.no_order_reason ?? "session_replaced"
    if (action === "complete_cart") {
      const orderId =
        input.completed_order_id ?? (await orderOfCart(container, input.loaded.cart_id))
      if (orderId) return none
      reason = "cart_not_completed"
      ;[action] = decide(
        { known: input.file.status, medusa: "no_session" },
        { kind: "completion_failed" }
      )
    } else if (action === "cancel_no_order" && input.loaded.medusa === "open") {
      reason = "amount_mismatch"
    } else if (input.loaded.medusa !== "no_session") {
      return none
    }
    const row = await ensureRow(container, input)
    const first = !row.no_order_reason
    if (first) {
      await fileService(container).updateScalexpertFiles({ id: row.id, no_order_reason: reason })
      await recordTimeline(container, row, [
        {
          kind: "note",
          trigger: input.trigger,
          outcome: "failure",
          message: `No order from this financing: ${REASONS[reason] ?? reason}. The plugin cancels it at the lender once it is accepted.`,
          detail: { reason },
        },
      ])
    }
    if (action === "cancel_no_order") await cancelWithoutOrder(container, row, input, reason)
    if (action === "settle_no_order_cancel") {
      await settleNoOrderCancellation(container, row, input, REASONS[reason] ?? reason)
    }
    if (action === "close_no_order" && row.cancel_status !== "not_needed") {
      await fileService(container).updateScalexpertFiles({
        id: row.id,
        cancel_status: "not_needed",
        cancel_next_attempt_at: null,
      })
    }
    return new StepResponse<{ no_order: boolean; reason?: string }>({ no_order: true, reason })
  }
)
