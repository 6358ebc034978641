import { z } from "@medusajs/framework/zod"

/** `GET /admin/scalexpert/settings` takes no parameter. */
export const AdminScalexpertSettingsQuery = z.object({}).strict()

/** `POST /admin/scalexpert/settings/connection-check`: no body. */
export const AdminScalexpertConnectionCheckBody = z.object({}).strict()

/** `GET /admin/scalexpert/settings/solutions?fresh=true`: `fresh` skips the short cache. */
export const AdminScalexpertSolutionsQuery = z
  .object({
    fresh: z
      .enum(["true", "false"], { message: "fresh must be true or false" })
      .optional()
      .transform((v) => v === "true"),
  })
  .strict()
