/**
 * Reading Scalexpert's answers: requests checked against the contract before they are sent, and
 * 2xx bodies parsed with the response schemas. Pure functions, used by the transport
 * (`transport.ts`); the error of a non-2xx answer is built in `answer-errors.ts`.
 */
import type { z } from "zod"

import { ScalexpertError, ScalexpertUnknownStatusError } from "./errors"
import { describeIssues } from "./schemas"

/** An HTTP answer as the transport received it. */
export interface RawAnswer {
  status: number
  text: string
  headers: Record<string, string>
  requestId?: string
  traceId?: string
}

/** A 2xx answer with its JSON body. */
export interface JsonAnswer {
  status: number
  json: unknown
  requestId?: string
}

/** Seconds to wait from a `Retry-After` value (delta-seconds or HTTP date). */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now()
): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed)
  }
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, (date - now) / 1000)
}

export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function issueValue(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<PropertyKey, unknown>)[part]
  }
  return current
}

/** Validates a request against the contract, or throws a `client_validation` error. */
export function checkRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  method: string,
  path: string
): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) {
    return result.data
  }
  const issues = describeIssues(result.error, input)
  const first = issues[0]
  throw new ScalexpertError({
    kind: "client_validation",
    message: `Invalid Scalexpert request: ${issues
      .map((i) => `$.${i.field}: ${i.reason}`)
      .join(", ")}`,
    errorCode: "CLIENT_VALIDATION_ERROR",
    field: first?.field,
    reason: first?.reason,
    details: issues,
    method,
    path,
  })
}

/** Parses a 2xx body with a response schema; unknown `consolidatedStatus` → typed error. */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  res: JsonAnswer,
  method: string,
  path: string
): z.output<S> {
  const result = schema.safeParse(res.json ?? {})
  if (result.success) {
    return result.data
  }
  const statusIssue = result.error.issues.find(
    (i) =>
      i.path[i.path.length - 1] === "consolidatedStatus" &&
      i.code === "invalid_value" &&
      typeof issueValue(res.json, i.path) === "string"
  )
  if (statusIssue) {
    const received = issueValue(res.json, statusIssue.path)
    const parent = issueValue(res.json, statusIssue.path.slice(0, -1)) as
      Record<string, unknown> | undefined
    const id = parent?.creditSubscriptionId
    throw new ScalexpertUnknownStatusError({
      receivedStatus: String(received),
      subscriptionId: typeof id === "string" ? id : undefined,
      method,
      path,
      status: res.status,
      requestId: res.requestId,
    })
  }
  throw contractBreachError(result.error, res, method, path)
}

/**
 * The `invalid_response` error of a 2xx body that breaks the contract, naming its first three
 * issues (the insurance client's answers too).
 */
export function contractBreachError(
  error: z.ZodError,
  res: JsonAnswer,
  method: string,
  path: string
): ScalexpertError {
  const issues = describeIssues(error, res.json)
  return new ScalexpertError({
    kind: "invalid_response",
    message: `Scalexpert answered ${method} ${path} with a body that breaks the contract: ${issues
      .slice(0, 3)
      .map((i) => `$.${i.field}: ${i.reason}`)
      .join(", ")}`,
    status: res.status,
    errorCode: "INVALID_RESPONSE",
    requestId: res.requestId,
    field: issues[0]?.field,
    reason: issues[0]?.reason,
    method,
    path,
  })
}

/** The JSON of a 2xx answer, or the `invalid_response` error of a body that is not JSON. */
export function readJsonAnswer(
  raw: RawAnswer,
  request: { method: string; path: string; expectBody: boolean }
): JsonAnswer | ScalexpertError {
  if (!request.expectBody || raw.status === 204) {
    return { status: raw.status, json: undefined, requestId: raw.requestId }
  }
  const parsed = tryParseJson(raw.text)
  if (parsed.ok) {
    return { status: raw.status, json: parsed.value, requestId: raw.requestId }
  }
  return new ScalexpertError({
    kind: "invalid_response",
    message: `Scalexpert answered ${request.method} ${request.path} with a body that is not JSON`,
    status: raw.status,
    errorCode: "INVALID_RESPONSE",
    requestId: raw.requestId,
    traceId: raw.traceId,
    method: request.method,
    path: request.path,
  })
}
