/** Building blocks of the tolerant response schemas. */
import { z } from "zod"

/** A wire number that may also arrive as a decimal string (`"1500.0"` in the OpenAPI examples). */
export const WireNumberSchema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
])

/** Optional in the response, `null` accepted, normalised to `undefined`. */
export function tolerant<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined)
}

/** A list that may be absent or `null` in the response, normalised to `[]`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? [])
}
