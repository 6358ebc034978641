import { MedusaError } from "@medusajs/framework/utils"
import type { CapturePaymentInput, CapturePaymentOutput } from "@medusajs/framework/types"
import { isScalexpertError } from "../../scalexpert/errors"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import { isSplitPayment } from "../../scalexpert/solutions"
import { acceptedAt, type AfterOrderData, type ProviderCall } from "./cancellation"
import { decide } from "./decide"
import type { ScalexpertGateway } from "./gateway"
import { sessionData, type ScalexpertSessionData } from "./session-data"

/** Medusa's capture: nothing to ask for split payment; confirms the delivery of a long credit. */
export async function captureScalexpertPayment(
  gateway: ScalexpertGateway,
  input: CapturePaymentInput
): Promise<CapturePaymentOutput> {
  const data = sessionData(input.data) as ScalexpertSessionData & AfterOrderData
  // Split payment: the lender pays the merchant once the file is accepted. Long credit is
  // funded once the lender knows the goods were delivered: capturing is confirming delivery.
  // The plugin's delivery workflow confirms it first (with the tracking number) and marks it.
  if (isSplitPayment(data.solution_code) || data.delivery_confirmed_at) return { data }
  refuseCaptureBeforeShipment(data)
  let answer = "204"
  try {
    await gateway.client.confirmDelivery(data.subscription_id, { isDelivered: true })
  } catch (error) {
    // 409: delivery was confirmed already (by the plugin or in Scalexpert's back office).
    if (!(isScalexpertError(error) && error.isConflict)) {
      throw gateway.buildError("confirm the delivery", error)
    }
    answer = "409"
  }
  const at = new Date().toISOString()
  const call: ProviderCall = {
    id: String(input.context?.idempotency_key ?? `capture-${at}`),
    at,
    call: "_confirmDelivery",
    by: "capture",
    answer,
  }
  return {
    data: {
      ...data,
      accepted_at: acceptedAt(data),
      delivery_confirmed_at: at,
      calls: [...(data.calls ?? []), call],
    },
  }
}

/**
 * Medusa's "Capture payment" on a long credit tells the lender the goods were delivered: refused
 * while nothing was shipped (a merchant who delivered by hand confirms it in the order's
 * Scalexpert panel).
 */
function refuseCaptureBeforeShipment(data: ScalexpertSessionData) {
  const known = (data.file?.status ?? "ACCEPTED") as ConsolidatedStatus
  const [action] = decide(
    { known, medusa: "paid", orderShipped: !!data.shipped_at },
    { kind: "admin", action: "capture" }
  )
  if (action === "confirm_delivery") return
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    known === "ACCEPTED"
      ? "This long-term credit is paid by the lender once it knows the goods were delivered, and the order has no shipped fulfillment yet. Ship the order (the plugin then confirms the delivery with its tracking number and captures the payment), or, if you delivered by hand, use “Confirm delivery” in the order's Scalexpert panel."
      : `The lender has not accepted this credit (${known}): there is nothing to capture.`
  )
}
