import { model } from "@medusajs/framework/utils"

/**
 * An item registered with the insurer (`POST /items`), shared by every Medusa instance: one row
 * per credential and item description, so a variant is registered once for the whole deployment.
 */
export const ScalexpertInsuranceItem = model
  .define("scalexpert_insurance_item", {
    id: model.id({ prefix: "sxitem" }).primaryKey(),
    /** Digest of the insurer's API root, the client id and the item's description. */
    key: model.text(),
    variant_id: model.text(),
    solution_code: model.text(),
    /** The insurer's id of the item. */
    item_id: model.text(),
  })
  .indexes([{ on: ["key"], unique: true }])
