import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SCALEXPERT_MODULE } from "../../modules/scalexpert"
import type ScalexpertModuleService from "../../modules/scalexpert/service"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import { rankedStatus, type Action } from "../../providers/scalexpert/decide"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { nextOpenRead } from "../reconcile-schedule"
import type { LoadedScalexpertPayment } from "./load-scalexpert-payment"

export type ScalexpertTrigger = "return" | "webhook" | "job" | "admin"

const ACTION_MESSAGES: Partial<Record<Action, string>> = {
  complete_cart: "Order created",
  authorize_payment: "Payment authorized",
  cancel_order: "Order canceled: the financing ended without funding",
  fail: "No order: the financing did not go through; the cart is kept",
}

const firstRead = (container: MedusaContainer) => {
  const now = Date.now()
  return nextOpenRead(now, now, getScalexpert(container).options.reconciliationMaxAgeDays)
}

/**
 * Writes down what the plugin now knows of the file, and the timeline lines for what changed.
 * A failure here is logged, never thrown: it must not undo the order made just before.
 */
export const recordScalexpertFileStep = createStep(
  "record-scalexpert-file",
  async (
    input: {
      loaded: LoadedScalexpertPayment
      file: FileSnapshot
      action: Action
      order_id?: string
      trigger: ScalexpertTrigger
    },
    { container }
  ) => {
    const { loaded, file, action, trigger } = input
    const scalexpert = container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
    try {
      const [row] = await scalexpert.listScalexpertFiles({ payment_session_id: loaded.session.id })
      const known = (row?.status ?? undefined) as ConsolidatedStatus | undefined
      const forward = rankedStatus(known, file.status) === file.status
      const fields = {
        subscription_id: loaded.session.data.subscription_id,
        solution_code: loaded.session.data.solution_code,
        cart_id: loaded.cart_id ?? null,
        order_id: input.order_id ?? loaded.order_id ?? row?.order_id ?? null,
        last_read_at: new Date(file.read_at),
        ...(forward
          ? {
              status: file.status,
              substatus: file.substatus ?? null,
              financed_amount: file.financed_amount,
            }
          : {}),
      }
      const tracked = row
        ? await scalexpert.updateScalexpertFiles({ id: row.id, ...fields })
        : await scalexpert.createScalexpertFiles({
            payment_session_id: loaded.session.id,
            ...fields,
            // On the reconciliation job's ladder while no order pays it.
            next_read_at: fields.order_id ? null : firstRead(container),
          })
      const events = []
      if (forward && known !== file.status) {
        events.push({
          file_id: tracked.id,
          kind: "status_change",
          trigger,
          from_status: known ?? null,
          to_status: file.status,
          outcome: "info",
          message: file.substatus ?? file.status,
        })
      }
      // A completion that failed is recorded by the step that settles the file without order.
      const message =
        action === "complete_cart" && !input.order_id ? undefined : ACTION_MESSAGES[action]
      if (message) {
        events.push({
          file_id: tracked.id,
          kind: "note",
          trigger,
          from_status: null,
          to_status: file.status,
          outcome: action === "fail" || action === "cancel_order" ? "failure" : "success",
          message,
        })
      }
      const replay =
        trigger === "webhook" &&
        !events.length &&
        (
          await scalexpert.listScalexpertFileEvents(
            { file_id: tracked.id, trigger: "webhook", to_status: file.status },
            { take: 1 }
          )
        ).length > 0
      if (!events.length && trigger === "webhook" && !replay) {
        // Kept (once per status) so the settings page can tell signed webhooks arrive even when
        // they change nothing; a replayed event adds no line.
        events.push({
          file_id: tracked.id,
          kind: "note",
          trigger,
          from_status: null,
          to_status: file.status,
          outcome: "info",
          message: "Signed webhook received; nothing to change",
        })
      }
      if (events.length) await scalexpert.createScalexpertFileEvents(events)
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `Scalexpert: could not record file of payment session ${loaded.session.id}: ${(error as Error).message}`
        )
    }
    return new StepResponse(undefined)
  }
)
