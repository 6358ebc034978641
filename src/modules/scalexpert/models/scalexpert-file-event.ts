import { model } from "@medusajs/framework/utils"
import { ScalexpertFile } from "./scalexpert-file"

/** One line of a file's timeline: a status change or a call to Scalexpert, and what caused it. */
export const ScalexpertFileEvent = model.define("scalexpert_file_event", {
  id: model.id({ prefix: "sxevt" }).primaryKey(),
  /** `status_change`, `api_call` or `note`. */
  kind: model.text(),
  /** What brought it: `checkout`, `return`, `webhook`, `job`, `admin`, `shipment`, `order`, `refund`. */
  trigger: model.text(),
  from_status: model.text().nullable(),
  to_status: model.text().nullable(),
  /** `success`, `failure` or `info`. */
  outcome: model.text(),
  message: model.text(),
  detail: model.json().nullable(),
  file: model.belongsTo(() => ScalexpertFile, { mappedBy: "events" }),
})
