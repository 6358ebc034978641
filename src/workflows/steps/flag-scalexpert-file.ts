import { Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { formatEuros, centsOf } from "../../providers/scalexpert/cancellation"
import type { Action } from "../../providers/scalexpert/decide"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import { fileService, type FileRow } from "../after-order/load"
import { recordTimeline } from "../after-order/timeline"
import type { LoadedScalexpertPayment } from "./load-scalexpert-payment"
import type { ScalexpertTrigger } from "./record-scalexpert-file"

type Flag = { flag: string; status: PaymentSessionStatus; message: (file: FileSnapshot) => string }

const FLAGS: Partial<Record<Action, Flag>> = {
  refused_after_shipment: {
    flag: "refused_after_shipment",
    status: PaymentSessionStatus.CANCELED,
    message: (file) =>
      `The lender ended the credit (${file.status}) after the order was shipped: the payment is canceled and nothing will be paid by Scalexpert. Recover the goods or get paid otherwise.`,
  },
  flag_amount_mismatch: {
    flag: "amount_mismatch",
    status: PaymentSessionStatus.ERROR,
    message: (file) =>
      `The lender accepted ${formatEuros(centsOf(file.financed_amount))}, which is not the order's amount: the payment is not authorized. Contact Scalexpert before shipping.`,
  },
}

/**
 * Ends the payment session of an order the lender will not pay as Medusa expects (refused after
 * shipment, another amount) and flags the file for the admin, instead of failing at every read.
 */
export const flagScalexpertFileStep = createStep(
  "flag-scalexpert-file",
  async (
    input: {
      loaded: LoadedScalexpertPayment
      file: FileSnapshot
      action: Action
      trigger: ScalexpertTrigger
    },
    { container }
  ) => {
    const flag = FLAGS[input.action]
    if (!flag) return new StepResponse(undefined)
    const { session } = input.loaded
    await container.resolve(Modules.PAYMENT).updatePaymentSession({
      id: session.id,
      amount: session.amount,
      currency_code: session.currency_code,
      data: { ...session.data, file: input.file },
      status: flag.status,
    })
    const service = fileService(container)
    const [row] = (await service.listScalexpertFiles({
      payment_session_id: session.id,
    })) as unknown as FileRow[]
    if (row && row.flag !== flag.flag) {
      await service.updateScalexpertFiles({ id: row.id, flag: flag.flag })
      await recordTimeline(container, row, [
        {
          kind: "note",
          trigger: input.trigger,
          outcome: "failure",
          to_status: input.file.status,
          message: flag.message(input.file),
          detail: { flag: flag.flag },
        },
      ])
    }
    return new StepResponse(undefined)
  }
)
