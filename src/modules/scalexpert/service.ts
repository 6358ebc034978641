import { MedusaService } from "@medusajs/framework/utils"
import { ScalexpertFile } from "./models/scalexpert-file"
import { ScalexpertFileEvent } from "./models/scalexpert-file-event"
import { ScalexpertSyncCursor } from "./models/scalexpert-sync-cursor"

/** Stores the plugin's view of each financing file and its timeline. */
class ScalexpertModuleService extends MedusaService({
  ScalexpertFile,
  ScalexpertFileEvent,
  ScalexpertSyncCursor,
}) {}

export default ScalexpertModuleService
