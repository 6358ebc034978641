import { Modules, type PaymentSessionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import type { LoadedScalexpertPayment } from "./load-scalexpert-payment"

/**
 * Keeps the file just read in the payment session, so that authorizing the payment right after
 * (in the same locked run) needs no second read from Scalexpert; with `status`, also ends a
 * session whose file was refused or abandoned (the reconciliation job then leaves it alone).
 */
export const storeFileSnapshotStep = createStep(
  "store-scalexpert-file-snapshot",
  async (
    input: { session: LoadedScalexpertPayment["session"]; file: FileSnapshot; status?: string },
    { container }
  ) => {
    const payment = container.resolve(Modules.PAYMENT)
    await payment.updatePaymentSession({
      id: input.session.id,
      amount: input.session.amount,
      currency_code: input.session.currency_code,
      data: { ...input.session.data, file: input.file },
      ...(input.status ? { status: input.status as PaymentSessionStatus } : {}),
    })
    return new StepResponse(input.file)
  }
)
