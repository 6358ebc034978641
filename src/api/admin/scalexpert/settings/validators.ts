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

/** `GET /admin/scalexpert/settings/webhook` takes no parameter. */
export const AdminScalexpertWebhookQuery = z.object({}).strict()

/** `POST /admin/scalexpert/settings/webhook/register`: Scalexpert alerts this address when deliveries fail. */
export const AdminScalexpertWebhookRegisterBody = z
  .object({
    email_for_alerts: z.email({ message: "email_for_alerts must be an e-mail address" }).optional(),
  })
  .strict()

/** `POST /admin/scalexpert/settings/webhook/test`: no body. */
export const AdminScalexpertWebhookTestBody = z.object({}).strict()
