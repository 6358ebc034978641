import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { DELIVERY_OPERATORS } from "../../../scalexpert/schemas"
import { hasAtMostTwoDecimals } from "../../../scalexpert/money"

/**
 * Bodies of the admin routes (`/admin/scalexpert/orders/:order_id/*`). A wrong body is answered
 * 400 `{type: "invalid_data", message}` by Medusa's validation middleware, before any call to
 * Scalexpert; unknown fields are refused.
 */

/** `GET /admin/scalexpert/orders/:order_id` takes no parameter. */
export const AdminScalexpertOrderQuery = z.object({}).strict()

/** `POST .../refresh`: no body. */
export const AdminScalexpertRefreshBody = z.object({}).strict()

/** `POST .../confirm-delivery {tracking_number?, operator?}`. */
export const AdminScalexpertConfirmDeliveryBody = z
  .object({
    tracking_number: z
      .string()
      .trim()
      .min(1, "tracking_number must not be empty")
      .max(100, "tracking_number is at most 100 characters (Scalexpert's limit)")
      .optional(),
    operator: z
      .enum(DELIVERY_OPERATORS, {
        message: `operator must be one of ${DELIVERY_OPERATORS.join(", ")}`,
      })
      .optional(),
  })
  .strict()
export type AdminScalexpertConfirmDeliveryBodyType = z.infer<
  typeof AdminScalexpertConfirmDeliveryBody
>

/** `POST .../cancel {amount?}`: decimal euros; the whole amount still financed when absent. */
export const AdminScalexpertCancelBody = z
  .object({
    amount: z
      .number({ message: "amount must be a number of euros, e.g. 120.5" })
      .positive("amount must be positive")
      .refine(hasAtMostTwoDecimals, "amount has at most two decimals (euros and cents)")
      .optional(),
  })
  .strict()
export type AdminScalexpertCancelBodyType = z.infer<typeof AdminScalexpertCancelBody>

/**
 * The body as the validation middleware left it, or validated here when the middleware is not
 * mounted (a store that did not add `adminMiddlewares`): a wrong body is a 400 either way.
 */
export function bodyOf<T>(
  req: { validatedBody?: unknown; body?: unknown },
  schema: z.ZodType<T>
): T {
  if (req.validatedBody !== undefined) return req.validatedBody as T
  const parsed = schema.safeParse(req.body ?? {})
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) =>
        issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message
      )
      .join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${message}`)
  }
  return parsed.data
}
