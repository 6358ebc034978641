import { model } from "@medusajs/framework/utils"

/**
 * Where the reconciliation job stands in a feed it reads by pages (the lender's event log, the
 * new payment sessions): one row per feed, kept between runs.
 */
export const ScalexpertSyncCursor = model.define("scalexpert_sync_cursor", {
  id: model.id({ prefix: "sxcur" }).primaryKey(),
  name: model.text().unique(),
  value: model.json().nullable(),
})
