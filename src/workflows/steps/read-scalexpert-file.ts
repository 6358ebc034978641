import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { toSnapshot } from "../../providers/scalexpert/gateway"

/** Re-reads the file from Scalexpert: whoever brought the news, only Scalexpert's answer counts. */
export const readScalexpertFileStep = createStep(
  "read-scalexpert-file",
  async (input: { subscription_id: string }, { container }) => {
    const file = await getScalexpert(container).readFile(input.subscription_id)
    return new StepResponse(toSnapshot(file))
  }
)
