import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import type { Action } from "../../providers/scalexpert/decide"
import type { LoadedScalexpertPayment } from "../steps/load-scalexpert-payment"
import { cancelFileOfCanceledOrder } from "./order-canceled"
import { cancellationChange, settleCancellation, type OutsidePlan } from "./outside-cancellations"
import { loadFinancingBySession, type TimelineTrigger } from "./load"
import { ledgerOf } from "./ledger"
import { isDue } from "./retry-rule"
import { recordTimeline } from "./timeline"

/** What the state machine needs to know of the order after it exists. */
export type AfterOrderFacts = {
  order_canceled: boolean
  cancel_owed: boolean
  cancellation_changed: boolean
}

const NO_FACTS: AfterOrderFacts = {
  order_canceled: false,
  cancel_owed: false,
  cancellation_changed: false,
}

/**
 * For the sync workflow: is the order canceled (and the file still owed a cancellation), and does
 * the file just read differ from what Medusa knows of its cancellations?
 */
export const afterOrderFactsStep = createStep(
  "scalexpert-after-order-facts",
  async (input: { loaded: LoadedScalexpertPayment; file: FileSnapshot }, { container }) => {
    const { loaded, file } = input
    if (!loaded.order_id || !loaded.tracked) return new StepResponse(NO_FACTS)
    const financing = await loadFinancingBySession(container, loaded.session.id, loaded.order_id)
    if (!financing) return new StepResponse(NO_FACTS)
    const row = financing.file
    const orderCanceled = !!financing.order?.canceled
    const pending =
      !!ledgerOf(financing).pending_cancellation ||
      /^REQUEST_FOR/.test(file.cancellation_status ?? "")
    const due =
      row.cancel_status !== "pending" ||
      !row.cancel_next_attempt_at ||
      isDue(row.cancel_next_attempt_at, new Date())
    const cancelOwed =
      orderCanceled &&
      !pending &&
      !["done", "failed", "requested", "not_needed"].includes(row.cancel_status ?? "") &&
      due
    const change = await cancellationChange(financing, file)
    // Without a payment, only the answer to the plugin's own request counts.
    const changed = change.kind === "outcome" || (!!financing.payment && change.kind !== "none")
    return new StepResponse({
      order_canceled: orderCanceled,
      cancel_owed: cancelOwed,
      cancellation_changed: changed,
    })
  }
)

/** The sync workflow's branch after the order: cancellations to send, record or settle. */
export const afterOrderActionStep = createStep(
  "scalexpert-after-order-action",
  async (
    input: {
      action: Action
      loaded: LoadedScalexpertPayment
      file: FileSnapshot
      trigger: TimelineTrigger
    },
    { container }
  ) => {
    const financing = await loadFinancingBySession(
      container,
      input.loaded.session.id,
      input.loaded.order_id
    )
    const nothing: OutsidePlan | null = null
    if (!financing) return new StepResponse(nothing)
    try {
      if (input.action === "settle_cancellation") {
        const plan = await settleCancellation(container, financing, input.file, input.trigger)
        return new StepResponse(plan.refund || plan.cancel_order_id ? plan : nothing)
      }
      await cancelFileOfCanceledOrder(container, financing, input.file, input.trigger)
    } catch (error) {
      // Recorded, never thrown: what the rest of the sync does must not be undone.
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `Scalexpert: ${input.action} of payment session ${input.loaded.session.id} failed: ${(error as Error).message}`
        )
      await recordTimeline(container, financing.file, [
        {
          kind: "note",
          trigger: input.trigger,
          outcome: "failure",
          message: `Could not apply the file's change in Medusa: ${(error as Error).message}`,
        },
      ])
    }
    return new StepResponse(nothing)
  }
)
