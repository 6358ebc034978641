import type { MedusaContainer } from "@medusajs/framework/types"
import { reconcileScalexpertFiles } from "../workflows/reconcile-scalexpert-files"

/** Runs in Medusa's worker (or shared) mode only; no route can trigger it. */
export default async function reconcileScalexpertFilesJob(container: MedusaContainer) {
  await reconcileScalexpertFiles(container)
}

export const config = {
  name: "scalexpert-reconcile-files",
  schedule: "*/5 * * * *",
}
