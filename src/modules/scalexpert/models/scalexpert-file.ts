import { model } from "@medusajs/framework/utils"
import { ScalexpertFileEvent } from "./scalexpert-file-event"

/** What the plugin knows of one Scalexpert financing file (one per payment session). */
export const ScalexpertFile = model
  .define("scalexpert_file", {
    id: model.id({ prefix: "sxfile" }).primaryKey(),
    payment_session_id: model.text().unique(),
    subscription_id: model.text().nullable(),
    solution_code: model.text(),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    /** The last `consolidatedStatus` the plugin acted on; it only moves forward. */
    status: model.text().nullable(),
    substatus: model.text().nullable(),
    financed_amount: model.bigNumber().nullable(),
    cancelled_amount: model.bigNumber().nullable(),
    last_read_at: model.dateTime().nullable(),
    events: model.hasMany(() => ScalexpertFileEvent, { mappedBy: "file" }),
  })
  .indexes([{ on: ["subscription_id"] }, { on: ["status"] }])
