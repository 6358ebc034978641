import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { getScalexpert } from "../../providers/scalexpert/registry"
import {
  toSnapshot,
  type FileSnapshot,
  type ScalexpertGateway,
} from "../../providers/scalexpert/gateway"
import type { RequestLane } from "../../scalexpert/request-budget"

export type ReadScalexpertFileInput = {
  subscription_id: string
  known?: FileSnapshot
  /** The request budget's lane (the provider's default when not given). */
  lane?: RequestLane
}

/** The file as the sync workflow sees it: `known` when it stands, else a read in `lane`. */
export async function readScalexpertFile(
  gateway: Pick<ScalexpertGateway, "readFile">,
  input: ReadScalexpertFileInput
): Promise<FileSnapshot> {
  if (input.known) return input.known
  return toSnapshot(await gateway.readFile(input.subscription_id, { lane: input.lane }))
}

/**
 * Re-reads the file from Scalexpert: whoever brought the news, only Scalexpert's answer counts.
 * `known` is a read of the last minutes that the news only confirmed: it stands for a new one.
 */
export const readScalexpertFileStep = createStep(
  "read-scalexpert-file",
  async (input: ReadScalexpertFileInput, { container }) =>
    new StepResponse(await readScalexpertFile(getScalexpert(container), input))
)
