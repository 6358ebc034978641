/**
 * Error bodies in the shapes the OpenAPI documents give:
 * - gateway validation: 422 `{message: "[Code: 1028 | Message: $.field: reason, ...]", requestId, traceId}`;
 * - everything else: `BaasExceptionHttpResponse` `{timestamp, httpStatusCode, httpStatusMessage,
 *   errorCode?, errorMessage, errors[{code, message}]?, requestMethod, requestURI}`.
 */
import { randomBytes, randomUUID } from "node:crypto"

import type { Request } from "express"

export const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
}

/** The gateway's code for a request that fails the OpenAPI schema. */
export const GATEWAY_VALIDATION_CODE = "1028"

/** An error the real API answers with `{errorCode, errorMessage, errors[]}`. */
export class BusinessError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string
  ) {
    super(message)
  }
}

/** A refused control-API request (`{error}`, not a Scalexpert shape). */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** A complete answer thrown from a handler (status, body, headers). */
export class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {}
  ) {
    super(`HTTP ${status}`)
  }
}

/** Service-relative URI as the real error bodies give it (`/v1/subscriptions`). */
function serviceUri(req: Request): string {
  const path = req.originalUrl.split("?")[0]
  const m = /\/api(\/v1\/.*)$/.exec(path)
  return m ? m[1] : path
}

export function baasBody(
  req: Request,
  status: number,
  errorCode: string | undefined,
  errorMessage: string
): Record<string, unknown> {
  return {
    timestamp: new Date().toISOString(),
    httpStatusCode: status,
    httpStatusMessage: STATUS_TEXT[status] ?? "Error",
    ...(errorCode ? { errorCode } : {}),
    errorMessage,
    ...(errorCode ? { errors: [{ code: errorCode, message: errorMessage }] } : {}),
    requestMethod: req.method,
    requestURI: serviceUri(req),
  }
}

/** `issues` are `"$.buyers[0].contact.email: does not match ..."` strings. */
export function gatewayBody(issues: string[]): Record<string, unknown> {
  return {
    message: `[Code: ${GATEWAY_VALIDATION_CODE} | Message: ${issues.join(", ")}]`,
    requestId: randomUUID(),
    traceId: randomBytes(16).toString("hex"),
  }
}

export function gatewayError(issues: string[]): HttpAnswer {
  return new HttpAnswer(422, gatewayBody(issues))
}
