import type { MedusaContainer } from "@medusajs/framework/types"
import { isScalexpertError } from "../../scalexpert/errors"
import type { ConsolidatedStatus, DeliveryOperator } from "../../scalexpert/schemas"
import { marketForSolution } from "../../scalexpert/solutions"
import { rankedStatus } from "../../providers/scalexpert/decide"
import { toSnapshot } from "../../providers/scalexpert/gateway"
import { deliveryRequest } from "../../providers/scalexpert/delivery-operator"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { captureDue, type CaptureDue } from "./capture"
import { deliveryBlocker } from "./delivery-blocker"
import { writeLedger } from "./ledger"
import { fileService, type OrderFinancing, type TimelineTrigger } from "./load"
import { failedAttempt } from "./retry-rule"
import { errorDetail, recordTimeline } from "./timeline"

type Gateway = ReturnType<typeof getScalexpert>

/**
 * One attempt at `_confirmDelivery`. Confirmed: the capture of the Medusa payment is what is left
 * (composed by the calling workflow); else null, the failure kept for the retry job.
 */
export async function attemptDeliveryConfirmation(
  container: MedusaContainer,
  financing: OrderFinancing,
  trigger: TimelineTrigger,
  now = new Date()
): Promise<CaptureDue | null> {
  const blocker = deliveryBlocker(financing)
  if (blocker) {
    await blockedDelivery(container, financing, blocker, trigger, now)
    return null
  }
  const gateway = getScalexpert(container)
  const { file } = financing
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
  const detail = { call: "_confirmDelivery", request: body, attempt: attempts }
  try {
    await gateway.client.confirmDelivery(file.subscription_id!, body)
    await recordTimeline(container, file, [
      {
        kind: "api_call",
        trigger,
        outcome: "success",
        message: `Delivery confirmed to Scalexpert${sent}`,
        detail,
      },
    ])
  } catch (error) {
    if (!(isScalexpertError(error) && error.isConflict)) {
      await deliveryFailed(container, financing, { trigger, error, attempts, detail, now })
      return null
    }
    await recordTimeline(container, file, [
      {
        kind: "api_call",
        trigger,
        outcome: "success",
        message: "Delivery already confirmed at Scalexpert (409): counted as confirmed",
        detail: { ...detail, status: 409 },
      },
    ])
  }
  await deliveryConfirmed(container, gateway, financing, attempts, now)
  return captureDue(financing, trigger, now)
}

/**
 * Nothing to call: a pre-accepted credit shipped before the lender's final answer is confirmed
 * once it accepts (checked locally, no call, until then); any other blocker ends the lane.
 */
async function blockedDelivery(
  container: MedusaContainer,
  financing: OrderFinancing,
  blocker: string,
  trigger: TimelineTrigger,
  now: Date
): Promise<void> {
  const service = fileService(container)
  const { file } = financing
  if (file.status === "PRE_ACCEPTED" && !financing.order?.canceled) {
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
    const { initialDelaySeconds } = getScalexpert(container).options.retryPolicy
    await service.updateScalexpertFiles({
      id: file.id,
      delivery_status: "pending",
      delivery_next_attempt_at: new Date(now.getTime() + initialDelaySeconds * 1000),
      delivery_error: blocker,
    })
    financing.file = { ...file, delivery_status: "pending", delivery_error: blocker }
    return
  }
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
}

/** Stored as confirmed; the ledger is marked so that the provider's capture confirms no more. */
async function deliveryConfirmed(
  container: MedusaContainer,
  gateway: Gateway,
  financing: OrderFinancing,
  attempts: number,
  now: Date
): Promise<void> {
  const { file } = financing
  const confirmed = {
    delivery_status: "confirmed",
    delivery_attempts: attempts,
    delivery_next_attempt_at: now,
    delivery_error: null,
  }
  await fileService(container).updateScalexpertFiles({
    id: file.id,
    ...confirmed,
    // The lender's sub-status moves on with the delivery: shown as it is now.
    ...(await freshStatus(gateway, file)),
  })
  financing.file = { ...file, ...confirmed }
  await writeLedger(container, financing, { delivery_confirmed_at: now.toISOString() })
}

/** The file's status read again (a failed read keeps what is known). */
async function freshStatus(
  gateway: Gateway,
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
  failure: {
    trigger: TimelineTrigger
    error: unknown
    attempts: number
    detail: Record<string, unknown>
    now: Date
  }
): Promise<void> {
  const { retryPolicy } = getScalexpert(container).options
  const { file } = financing
  const { trigger, error, attempts, detail, now } = failure
  const reason = isScalexpertError(error)
    ? `${error.status ?? error.kind}${error.errorCode ? ` ${error.errorCode}` : ""}: ${error.message}`
    : (error as Error).message
  const { giveUp, next, fields } = failedAttempt("delivery", {
    attempts,
    policy: retryPolicy,
    reason,
    error,
    now,
  })
  const message = giveUp
    ? `Delivery confirmation failed for good after ${attempts} attempt(s) (${reason}): confirm it from the admin once the cause is fixed`
    : `Delivery confirmation failed (${reason}): attempt ${attempts} of ${retryPolicy.maxAttempts}, retried at ${next!.toISOString()}`
  await recordTimeline(container, file, [
    {
      kind: "api_call",
      trigger,
      outcome: "failure",
      message,
      detail: { ...detail, ...errorDetail(error) },
    },
  ])
  await fileService(container).updateScalexpertFiles({ id: file.id, ...fields })
  financing.file = { ...file, ...fields }
}
