/** Error bodies of Scalexpert and the gateway, and the gateway's wording of validation failures. */
import { z } from "zod"

import { WireNumberSchema, tolerant } from "./wire"

/** Business error body (OpenAPI `BaasExceptionHttpResponse`). */
export const BaasErrorResponseSchema = z.looseObject({
  timestamp: tolerant(z.string()),
  httpStatusCode: tolerant(WireNumberSchema),
  httpStatusMessage: tolerant(z.string()),
  errorCode: tolerant(z.string()),
  errorMessage: tolerant(z.string()),
  errors: tolerant(
    z.array(z.object({ code: tolerant(z.string()), message: tolerant(z.string()) }))
  ),
  requestMethod: tolerant(z.string()),
  requestURI: tolerant(z.string()),
})
export type BaasErrorResponse = z.infer<typeof BaasErrorResponseSchema>

/** Gateway validation error body: `{ message: "[Code: 1028 | Message: $.x: ...]", requestId, traceId }`. */
export const GatewayErrorResponseSchema = z.looseObject({
  message: z.string(),
  requestId: tolerant(z.string()),
  traceId: tolerant(z.string()),
})

/** The gateway's code for a request that fails schema validation. */
export const GATEWAY_VALIDATION_CODE = "1028"

// ---------------------------------------------------------------------------------------------
// Validation messages, shared by the client (local validation) and the sandbox (422 answers)
// ---------------------------------------------------------------------------------------------

export interface FieldIssue {
  /** JSON path without the `$.` prefix, e.g. `buyers[0].contact.email`. */
  field: string
  /** What is wrong, in the gateway's (networknt json-schema-validator) wording. */
  reason: string
}

/** `["buyers", 0, "contact", "email"]` → `buyers[0].contact.email`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ""
  for (const part of path) {
    if (typeof part === "number") {
      out += `[${part}]`
    } else {
      out += out === "" ? String(part) : `.${String(part)}`
    }
  }
  return out
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input
  for (const part of path) {
    if (current === null || typeof current !== "object") {
      return undefined
    }
    current = (current as Record<PropertyKey, unknown>)[part]
  }
  return current
}

function jsonType(value: unknown): string {
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number"
  return typeof value
}

/**
 * Turns zod issues into field + reason pairs worded like the Scalexpert gateway
 * (`$.solutionCode: is missing but it is required`).
 */
export function describeIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = formatIssuePath(issue.path)
    const actual = valueAt(input, issue.path)
    let reason: string
    if (actual === undefined && issue.code !== "custom") {
      return { field, reason: "is missing but it is required" }
    }
    switch (issue.code) {
      case "invalid_type":
        reason = `${jsonType(actual)} found, ${issue.expected} expected`
        break
      case "too_big":
        reason =
          issue.origin === "string"
            ? `may only be ${String(issue.maximum)} characters long`
            : issue.origin === "array"
              ? `there must be a maximum of ${String(issue.maximum)} items in the array`
              : `must have a maximum value of ${String(issue.maximum)}`
        break
      case "too_small":
        reason =
          issue.origin === "string"
            ? `must be at least ${String(issue.minimum)} characters long`
            : issue.origin === "array"
              ? `expected at least ${String(issue.minimum)} items`
              : issue.inclusive
                ? `must have a minimum value of ${String(issue.minimum)}`
                : `must have an exclusive minimum value of ${String(issue.minimum)}`
        break
      case "invalid_format":
        reason =
          issue.format === "regex" && "pattern" in issue && typeof issue.pattern === "string"
            ? `does not match the regex pattern ${issue.pattern.replace(/^\/|\/[a-z]*$/g, "")}`
            : `does not match the ${issue.format} pattern`
        break
      case "invalid_value":
        reason = `does not have a value in the enumeration [${issue.values.map(String).join(", ")}]`
        break
      default:
        reason = issue.message
    }
    return { field, reason }
  })
}

/** `[Code: 1028 | Message: $.a: reason, $.b: reason]`, the gateway's 422 `message`. */
export function formatGatewayMessage(issues: readonly FieldIssue[]): string {
  const text = issues
    .map((i) => (i.field === "" ? `$: ${i.reason}` : `$.${i.field}: ${i.reason}`))
    .join(", ")
  return `[Code: ${GATEWAY_VALIDATION_CODE} | Message: ${text}]`
}
