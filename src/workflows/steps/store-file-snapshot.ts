import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import type { LoadedScalexpertPayment } from "./load-scalexpert-payment"

/**
 * Keeps the file just read in the payment session, so that authorizing the payment right after
 * (in the same locked run) needs no second read from Scalexpert.
 */
export const storeFileSnapshotStep = createStep(
  "store-scalexpert-file-snapshot",
  async (
    input: { session: LoadedScalexpertPayment["session"]; file: FileSnapshot },
    { container }
  ) => {
    const payment = container.resolve(Modules.PAYMENT)
    await payment.updatePaymentSession({
      id: input.session.id,
      amount: input.session.amount,
      currency_code: input.session.currency_code,
      data: { ...input.session.data, file: input.file },
    })
    return new StepResponse(input.file)
  }
)
