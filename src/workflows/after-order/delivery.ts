import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { isScalexpertError } from "../../scalexpert/errors"
import type { DeliveryOperator } from "../../scalexpert/schemas"
import { isLongCredit, marketForSolution } from "../../scalexpert/solutions"
import { retryDelayMs } from "../../providers/scalexpert/cancellation"
import {
  deliveryRequest,
  pickTrackingNumber,
  resolveDeliveryOperator,
} from "../../providers/scalexpert/delivery-operator"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { recordOutsideCancellations } from "./cancellation"
import {
  fileService,
  loadFinancingByOrder,
  updatePaymentData,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"
import { errorDetail, recordTimeline } from "./timeline"

/** A shipment as the delivery confirmation needs it. */
export type ShipmentFacts = {
  order_id: string
  fulfillment_id: string
  tracking_number?: string
  operator: DeliveryOperator
  /** Every item of the order is shipped (or delivered, for `delivery`), counting this one. */
  complete: boolean
}

type FulfillmentRow = {
  id: string
  provider_id?: string | null
  shipping_option_id?: string | null
  shipped_at?: string | Date | null
  delivered_at?: string | Date | null
  canceled_at?: string | Date | null
  labels?: { tracking_number?: string | null }[] | null
  shipping_option?: { name?: string | null; type?: { code?: string | null } | null } | null
  items?: { line_item_id?: string | null; quantity?: unknown }[] | null
}

/** Reads a fulfillment, its order and how it travels. Undefined when it belongs to no order. */
export async function readShipment(
  container: MedusaContainer,
  fulfillmentId: string,
  event: "shipment" | "delivery"
): Promise<ShipmentFacts | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({
    entity: "order_fulfillment",
    fields: ["order_id"],
    filters: { fulfillment_id: fulfillmentId },
  })
  const orderId = (links[0] as { order_id?: string } | undefined)?.order_id
  if (!orderId) return undefined
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "items.id",
      "items.quantity",
      "shipping_methods.name",
      "shipping_methods.shipping_option_id",
      "fulfillments.id",
      "fulfillments.provider_id",
      "fulfillments.shipping_option_id",
      "fulfillments.shipped_at",
      "fulfillments.delivered_at",
      "fulfillments.canceled_at",
      "fulfillments.labels.tracking_number",
      "fulfillments.items.line_item_id",
      "fulfillments.items.quantity",
    ],
    filters: { id: orderId },
  })
  const order = orders[0] as
    | {
        items?: { id: string; quantity: unknown }[]
        shipping_methods?: { name?: string; shipping_option_id?: string | null }[]
        fulfillments?: FulfillmentRow[]
      }
    | undefined
  if (!order) return undefined
  const fulfillment = order.fulfillments?.find((f) => f.id === fulfillmentId)
  if (!fulfillment) return undefined

  let option: FulfillmentRow["shipping_option"] = null
  if (fulfillment.shipping_option_id) {
    const { data: options } = await query.graph({
      entity: "shipping_option",
      fields: ["id", "name", "type.code"],
      filters: { id: fulfillment.shipping_option_id },
    })
    option = (options[0] as FulfillmentRow["shipping_option"]) ?? null
  }
  const method =
    order.shipping_methods?.find((m) => m.shipping_option_id === fulfillment.shipping_option_id) ??
    order.shipping_methods?.[0]

  // Quantities shipped (or delivered) per line item, over the fulfillments not canceled.
  const done = new Map<string, number>()
  for (const f of order.fulfillments ?? []) {
    if (f.canceled_at) continue
    const counts = event === "delivery" ? !!f.delivered_at : !!f.shipped_at || !!f.delivered_at
    if (!counts && f.id !== fulfillmentId) continue
    for (const item of f.items ?? []) {
      if (!item.line_item_id) continue
      done.set(item.line_item_id, (done.get(item.line_item_id) ?? 0) + Number(item.quantity ?? 0))
    }
  }
  const complete = (order.items ?? []).every(
    (item) => (done.get(item.id) ?? 0) >= Number(item.quantity ?? 0)
  )
  const { options: providerOptions } = getScalexpert(container)
  return {
    order_id: orderId,
    fulfillment_id: fulfillmentId,
    tracking_number: pickTrackingNumber(fulfillment.labels),
    operator: resolveDeliveryOperator(
      {
        shippingOptionId: fulfillment.shipping_option_id,
        shippingOptionName: option?.name,
        shippingOptionCode: option?.type?.code,
        providerId: fulfillment.provider_id,
        shippingMethodName: method?.name,
      },
      providerOptions.deliveryOperators
    ),
    complete,
  }
}

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
  const transient = !isScalexpertError(error) || error.isTransient || error.isUnauthorized
  const giveUp = !transient || attempts >= options.retryPolicy.maxAttempts
  const next = giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts, options.retryPolicy))
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
      const giveUp = attempts > options.retryPolicy.maxAttempts
      const next = giveUp
        ? null
        : new Date(now.getTime() + retryDelayMs(attempts, options.retryPolicy))
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
