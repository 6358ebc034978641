/**
 * The `ScalexpertError` of a non-2xx answer, from whichever error body Scalexpert sent: its APIs
 * answer in three shapes (business errors, gateway 422s, OAuth2 errors), and sometimes in none.
 */
import { ScalexpertError } from "./errors"
import { parseGatewayMessage } from "./gateway-message"
import { parseRetryAfter, tryParseJson, type RawAnswer } from "./http-answers"
import { BaasErrorResponseSchema, GatewayErrorResponseSchema } from "./schemas"

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "unauthorized (missing, invalid or expired token, or wrong client credentials)",
  403: "forbidden (scope missing or insufficient permissions)",
  404: "not found",
  429: "too many requests",
}

/**
 * The `ScalexpertError` of a non-2xx answer: business errors (`errorCode`, `errorMessage`,
 * `errors[]`), gateway 422 (`[Code: 1028 | Message: $.field: reason]` parsed into field and
 * reason), OAuth2 errors (`error`, `error_description`) and bodies that are none of these.
 */
export function buildAnswerError(method: string, path: string, raw: RawAnswer): ScalexpertError {
  const parsed = tryParseJson(raw.text)
  const body =
    parsed.ok && parsed.value && typeof parsed.value === "object"
      ? (parsed.value as Record<string, unknown>)
      : undefined
  const common = {
    kind: "http" as const,
    status: raw.status,
    method,
    path,
    retryAfterSeconds: parseRetryAfter(raw.headers["retry-after"]),
    requestId: raw.requestId,
    traceId: raw.traceId,
  }

  const gateway = GatewayErrorResponseSchema.safeParse(body)
  const g = gateway.success ? parseGatewayMessage(gateway.data.message) : undefined
  if (gateway.success && g) {
    const first = g.issues[0]
    return new ScalexpertError({
      ...common,
      message: `Scalexpert refused ${method} ${path} (${raw.status}): ${g.message}`,
      errorCode: g.code,
      field: first?.field,
      reason: first?.reason,
      details: g.issues,
      requestId: gateway.data.requestId ?? raw.requestId,
      traceId: gateway.data.traceId ?? raw.traceId,
    })
  }

  const baas = BaasErrorResponseSchema.safeParse(body)
  if (baas.success && (baas.data.errorCode || baas.data.errorMessage || baas.data.errors)) {
    const details = (baas.data.errors ?? []).map((e) => ({ code: e.code, message: e.message }))
    const firstMessage = details.find((d) => d.message)?.message
    const fieldMatch = firstMessage
      ? /^\$?\.?([\w[\].]+) (?:is invalid|must|should)/.exec(firstMessage)
      : null
    return new ScalexpertError({
      ...common,
      message: `Scalexpert refused ${method} ${path} (${raw.status}${baas.data.errorCode ? ` ${baas.data.errorCode}` : ""}): ${
        baas.data.errorMessage ?? firstMessage ?? baas.data.httpStatusMessage ?? "error"
      }`,
      errorCode: baas.data.errorCode ?? details[0]?.code,
      details,
      field: fieldMatch?.[1],
      reason: fieldMatch ? firstMessage : undefined,
      requestId:
        (typeof body?.requestId === "string" ? body.requestId : undefined) ?? raw.requestId,
    })
  }

  if (body && typeof body.error === "string") {
    return new ScalexpertError({
      ...common,
      message: `Scalexpert refused ${method} ${path} (${raw.status}): ${body.error}${
        typeof body.error_description === "string" ? ` (${body.error_description})` : ""
      }`,
      errorCode: body.error,
    })
  }

  const known = FALLBACK_MESSAGES[raw.status]
  const suffix = known ? `: ${known}` : raw.status >= 500 ? ": server error" : ""
  return new ScalexpertError({
    ...common,
    message: `Scalexpert answered ${method} ${path} with HTTP ${raw.status}${suffix}`,
  })
}
