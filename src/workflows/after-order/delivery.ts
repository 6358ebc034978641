import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { isScalexpertError } from "../../scalexpert/errors"
import type { ConsolidatedStatus, DeliveryOperator } from "../../scalexpert/schemas"
import { rankedStatus } from "../../providers/scalexpert/decide"
import { toSnapshot } from "../../providers/scalexpert/gateway"
import { isLongCredit, marketForSolution } from "../../scalexpert/solutions"
import { nextAttempt } from "../../providers/scalexpert/cancellation"
import { deliveryRequest } from "../../providers/scalexpert/delivery-operator"
import { getScalexpert } from "../../providers/scalexpert/registry"
import {
  fileService,
  loadFinancingByOrder,
  updatePaymentData,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"
import { errorDetail, recordTimeline } from "./timeline"
import { captureAfterDelivery } from "./capture"

export { readShipment, type ShipmentFacts } from "./shipment"
export { captureAfterDelivery }

/** Why the delivery of this financing cannot be confirmed (nothing is called then), if so. */
export function deliveryBlocker(financing: OrderFinancing): string | undefined {
  const { file, order } = financing
  if (!isLongCredit(file.solution_code)) {
    return "Split payment has nothing to confirm: the lender pays once the file is accepted"
  }
  if (!order) return "The financing has no order yet"
  if (order.canceled) return "The order is canceled"
  if (file.status !== "ACCEPTED") {
    return file.status === "PRE_ACCEPTED"
      ? "The lender has not accepted the credit yet (pre-accepted): its delivery can be confirmed once it is accepted"
      : `The financing is ${file.status ?? "not accepted"}: there is no delivery to confirm`
  }
  return undefined
}

/**
 * Marks the delivery as to be confirmed (with what is known of the shipment) and tries at once.
 * A failure is kept for the retry job, never thrown: the shipment is made whatever Scalexpert says.
 */
export async function requestDeliveryConfirmation(
  container: MedusaContainer,
  financing: OrderFinancing,
  request: {
    trigger: TimelineTrigger
    tracking_number?: string
    operator?: DeliveryOperator
    fulfillment_id?: string
  },
  now = new Date()
): Promise<OrderFinancing> {
  const service = fileService(container)
  const { file } = financing
  const updated = await service.updateScalexpertFiles({
    id: file.id,
    delivery_status: "pending",
    delivery_attempts: 0,
    delivery_next_attempt_at: now,
    delivery_error: null,
    delivery_tracking_number: request.tracking_number ?? null,
    delivery_operator: request.operator ?? null,
    delivery_trigger: request.trigger,
    delivery_fulfillment_id: request.fulfillment_id ?? null,
  })
  financing.file = { ...file, ...(updated as unknown as typeof file) }
  return attemptDeliveryConfirmation(container, financing, request.trigger, now)
}

/** One attempt at `_confirmDelivery`, then the capture of the Medusa payment. */
export async function attemptDeliveryConfirmation(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger: TimelineTrigger,
  now = new Date()
): Promise<OrderFinancing> {
  const gateway = getScalexpert(container)
  const service = fileService(container)
  const { file } = financing
  const blocker = deliveryBlocker(financing)
  if (blocker && file.status === "PRE_ACCEPTED" && !financing.order?.canceled) {
    // Shipped before the lender's final answer: confirmed once it accepts (checked locally, no
    // call, until then).
    if (file.delivery_error !== blocker) {
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "info",
          message: `Delivery to confirm later: ${blocker}`,
        },
      ])
    }
    const next = new Date(now.getTime() + gateway.options.retryPolicy.initialDelaySeconds * 1000)
    await service.updateScalexpertFiles({
      id: file.id,
      delivery_status: "pending",
      delivery_next_attempt_at: next,
      delivery_error: blocker,
    })
    financing.file = { ...file, delivery_status: "pending", delivery_error: blocker }
    return financing
  }
  if (blocker) {
    await recordTimeline(container, file, [
      { kind: "note", trigger, outcome: "failure", message: `Delivery not confirmed: ${blocker}` },
    ])
    await service.updateScalexpertFiles({
      id: file.id,
      delivery_status: "failed",
      delivery_next_attempt_at: null,
      delivery_error: blocker,
    })
    financing.file = { ...file, delivery_status: "failed", delivery_error: blocker }
    return financing
  }

  const body = deliveryRequest({
    trackingNumber: file.delivery_tracking_number,
    operator: (file.delivery_operator as DeliveryOperator | null) ?? undefined,
    market: marketForSolution(file.solution_code),
    trackingMarkets: gateway.options.deliveryTrackingMarkets,
  })
  const attempts = (file.delivery_attempts ?? 0) + 1
  const sent = body.trackingNumber
    ? ` (tracking ${body.trackingNumber}, operator ${body.operator})`
    : " (no tracking)"
  try {
    await gateway.client.confirmDelivery(file.subscription_id!, body)
    await recordTimeline(container, file, [
      {
        kind: "api_call",
        trigger,
        outcome: "success",
        message: `Delivery confirmed to Scalexpert${sent}`,
        detail: { call: "_confirmDelivery", request: body, attempt: attempts },
      },
    ])
  } catch (error) {
    if (isScalexpertError(error) && error.isConflict) {
      await recordTimeline(container, file, [
        {
          kind: "api_call",
          trigger,
          outcome: "success",
          message: "Delivery already confirmed at Scalexpert (409): counted as confirmed",
          detail: { call: "_confirmDelivery", request: body, attempt: attempts, status: 409 },
        },
      ])
    } else {
      return deliveryFailed(container, financing, trigger, error, attempts, body, now)
    }
  }

  const confirmedAt = now
  await service.updateScalexpertFiles({
    id: file.id,
    delivery_status: "confirmed",
    delivery_attempts: attempts,
    delivery_next_attempt_at: confirmedAt,
    delivery_error: null,
    delivery_confirmed_at: confirmedAt,
    // The lender's sub-status moves on with the delivery: shown as it is now.
    ...(await freshStatus(gateway, file)),
  })
  financing.file = {
    ...file,
    delivery_status: "confirmed",
    delivery_attempts: attempts,
    delivery_confirmed_at: confirmedAt,
    delivery_next_attempt_at: confirmedAt,
    delivery_error: null,
  }
  if (financing.payment) {
    // The provider's capture then makes no second confirmation.
    await updatePaymentData(container, financing.payment, {
      delivery_confirmed_at: confirmedAt.toISOString(),
    })
  }
  return captureAfterDelivery(container, financing, trigger, now)
}

/** The file's status read again (a failed read keeps what is known). */
async function freshStatus(
  gateway: ReturnType<typeof getScalexpert>,
  file: OrderFinancing["file"]
): Promise<Record<string, unknown>> {
  try {
    const read = toSnapshot(await gateway.readFile(file.subscription_id!))
    const status = rankedStatus(
      (file.status ?? undefined) as ConsolidatedStatus | undefined,
      read.status
    )
    return status === read.status
      ? { status, substatus: read.substatus ?? null, last_read_at: new Date(read.read_at) }
      : {}
  } catch {
    return {}
  }
}

async function deliveryFailed(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger: TimelineTrigger,
  error: unknown,
  attempts: number,
  body: Record<string, unknown>,
  now: Date
): Promise<OrderFinancing> {
  const { options } = getScalexpert(container)
  const { file } = financing
  const { giveUp, next } = nextAttempt(attempts, options.retryPolicy, { error, now })
  const reason = isScalexpertError(error)
    ? `${error.status ?? error.kind}${error.errorCode ? ` ${error.errorCode}` : ""}: ${error.message}`
    : (error as Error).message
  const message = giveUp
    ? `Delivery confirmation failed for good after ${attempts} attempt(s) (${reason}): confirm it from the admin once the cause is fixed`
    : `Delivery confirmation failed (${reason}): attempt ${attempts} of ${options.retryPolicy.maxAttempts}, retried at ${next!.toISOString()}`
  await recordTimeline(container, file, [
    {
      kind: "api_call",
      trigger,
      outcome: "failure",
      message,
      detail: { call: "_confirmDelivery", request: body, attempt: attempts, ...errorDetail(error) },
    },
  ])
  await fileService(container).updateScalexpertFiles({
    id: file.id,
    delivery_status: giveUp ? "failed" : "pending",
    delivery_attempts: attempts,
    delivery_next_attempt_at: next,
    delivery_error: reason,
  })
  financing.file = {
    ...file,
    delivery_status: giveUp ? "failed" : "pending",
    delivery_attempts: attempts,
    delivery_next_attempt_at: next,
    delivery_error: reason,
  }
  return financing
}

/** The admin's confirmation (any mode): 4xx before any call when there is nothing to confirm. */
export async function confirmDeliveryFromAdmin(
  container: MedusaContainer,
  orderId: string,
  input: { tracking_number?: string; operator?: DeliveryOperator }
): Promise<OrderFinancing> {
  const financing = await loadFinancingByOrder(container, orderId)
  if (!financing) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Order ${orderId} is not paid with Scalexpert`
    )
  }
  const blocker = deliveryBlocker(financing)
  if (blocker) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, blocker)
  if (financing.file.delivery_status === "confirmed") {
    // Already confirmed: only a capture that failed may be left to do.
    return financing.file.captured_at
      ? financing
      : captureAfterDelivery(container, financing, "admin")
  }
  return requestDeliveryConfirmation(container, financing, {
    trigger: "admin",
    tracking_number: input.tracking_number ?? financing.file.delivery_tracking_number ?? undefined,
    operator:
      input.operator ?? (financing.file.delivery_operator as DeliveryOperator | null) ?? undefined,
    fulfillment_id: financing.file.delivery_fulfillment_id ?? undefined,
  })
}
