import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { toSnapshot, type FileSnapshot } from "../../providers/scalexpert/gateway"

/**
 * Re-reads the file from Scalexpert: whoever brought the news, only Scalexpert's answer counts.
 * `known` is a read of the last minutes that the news only confirmed: it stands for a new one.
 */
export const readScalexpertFileStep = createStep(
  "read-scalexpert-file",
  async (input: { subscription_id: string; known?: FileSnapshot }, { container }) => {
    if (input.known) return new StepResponse(input.known)
    const file = await getScalexpert(container).readFile(input.subscription_id)
    return new StepResponse(toSnapshot(file))
  }
)
