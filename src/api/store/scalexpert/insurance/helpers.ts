import type { MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { InsuranceRefusal } from "../../../../workflows/insurance/catalog"

export const OffersQuerySchema = z.object({
  variant_id: z.string().min(1, "is required"),
  region_id: z.string().min(1, "is required"),
  country: z
    .string()
    .regex(/^[a-zA-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as FR")
    .transform((c) => c.toUpperCase()),
})

export const AddInsuranceBodySchema = z.object({
  line_item_id: z.string().min(1, "is required"),
  solution_code: z.enum(["CIFRWE-DXCO", "CIFRBS-DXCO"]),
  insurance_id: z.string().min(1, "is required").max(100),
  country: z
    .string()
    .regex(/^[a-zA-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as FR")
    .transform((c) => c.toUpperCase())
    .optional(),
})

/** Parses parameters, or throws a refusal naming each wrong one. */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {})
  if (result.success) return result.data
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "body"} ${i.message}`)
  throw new InsuranceRefusal("invalid_parameters", `Invalid request: ${problems.join("; ")}`)
}

/** Answers a refusal with `{type, code, message}` (400, or 503 when the insurer did not answer). */
export async function answer<T>(res: MedusaResponse, run: () => Promise<T>): Promise<void> {
  try {
    res.json(await run())
  } catch (error) {
    if (!(error instanceof InsuranceRefusal)) throw error
    res.status(error.status).json({
      type: error.status === 400 ? "invalid_data" : "unexpected_state",
      code: error.code,
      message: error.message,
    })
  }
}
