/**
 * One error type for everything that can go wrong when talking to Scalexpert.
 *
 * A `ScalexpertError` carries the HTTP status (absent when no answer came back), Scalexpert's
 * `errorCode`, a message, the `requestId` / `traceId` to quote to Scalexpert support and, for
 * validation errors, the `field` and `reason` parsed from the gateway's
 * `[Code: 1028 | Message: $.field: reason]` text. It never carries a request body, a token or a
 * secret, so it is safe to log.
 */

const EMAIL = /[^\s"'<>@,;:]+@[^\s"'<>@,;:]+\.[a-z]{2,}/gi
const PHONE = /(?<![\w-])(?:\+\d{1,3}|0)[\d .]{7,14}\d(?![\w-])/g

/** Masks e-mail addresses and phone numbers in a text (error messages from the API). */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PHONE, "[phone]")
}

/**
 * Any caught error as a log-safe text: its message with e-mails and phone numbers masked (a
 * Medusa error may quote the buyer's e-mail), at most 500 characters. A workflow's error arrives
 * as a plain object (`{ message, name, stack }`), not an `Error`: its message is used too.
 */
export function errorForLog(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message
  const text = typeof message === "string" ? message : String(error)
  return redactPersonalData(text).slice(0, 500)
}

/** What kind of failure it was. */
export type ScalexpertErrorKind =
  /** Scalexpert answered with a non-2xx status. */
  | "http"
  /** No answer: connection refused, reset, DNS... */
  | "network"
  /** No answer within `timeoutMs`. */
  | "timeout"
  /** A 2xx answer whose body is not JSON or does not match the contract. */
  | "invalid_response"
  /** The request was refused locally, before being sent, because it breaks the contract. */
  | "client_validation"
  /** A subscription came back with a `consolidatedStatus` this version does not know. */
  | "unknown_status"

export interface ScalexpertErrorInit {
  kind: ScalexpertErrorKind
  message: string
  status?: number
  errorCode?: string
  requestId?: string
  traceId?: string
  field?: string
  reason?: string
  method?: string
  path?: string
  /** Every `{code, message}` or `{field, reason}` pair the answer listed. */
  details?: ReadonlyArray<{ code?: string; message?: string; field?: string; reason?: string }>
  /** Seconds from a `Retry-After` header (429/503). */
  retryAfterSeconds?: number
  cause?: unknown
}

export class ScalexpertError extends Error {
  override readonly name: string = "ScalexpertError"
  readonly kind: ScalexpertErrorKind
  /** HTTP status, `undefined` when no answer came back (network, timeout, local validation). */
  readonly status?: number
  /** Scalexpert's machine-readable code (`BAD_REQUEST`, `FORBIDDEN`, `ENTITY_NOT_FOUND`, `1028`...). */
  readonly errorCode?: string
  readonly requestId?: string
  readonly traceId?: string
  /** Field at fault, e.g. `buyers[0].contact.mobilePhoneNumber`. */
  readonly field?: string
  /** Why the field is refused, e.g. `does not match the regex pattern ^\+[1-9]\d{1,14}$`. */
  readonly reason?: string
  readonly method?: string
  /** API path (no query string). */
  readonly path?: string
  readonly details: ReadonlyArray<{
    code?: string
    message?: string
    field?: string
    reason?: string
  }>
  readonly retryAfterSeconds?: number

  constructor(init: ScalexpertErrorInit) {
    // Messages end up in logs and admin answers: whatever personal data Scalexpert echoes is masked.
    super(redactPersonalData(init.message))
    if (init.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: init.cause, enumerable: false })
    }
    this.kind = init.kind
    this.status = init.status
    this.errorCode = init.errorCode
    this.requestId = init.requestId
    this.traceId = init.traceId
    this.field = init.field
    this.reason = init.reason && redactPersonalData(init.reason)
    this.method = init.method
    this.path = init.path
    this.details = init.details ?? []
    this.retryAfterSeconds = init.retryAfterSeconds
  }

  /** 404, or `ENTITY_NOT_FOUND`. */
  get isNotFound(): boolean {
    return this.status === 404 || this.errorCode === "ENTITY_NOT_FOUND"
  }

  /** 409 (e.g. a second delivery confirmation). */
  get isConflict(): boolean {
    return this.status === 409
  }

  get isUnauthorized(): boolean {
    return this.status === 401
  }

  get isForbidden(): boolean {
    return this.status === 403 || this.errorCode === "FORBIDDEN"
  }

  get isRateLimited(): boolean {
    return this.status === 429
  }

  /** Gateway 422, a 400 `REQUEST_VALIDATION_ERROR`, or refused locally before sending. */
  get isValidationError(): boolean {
    return (
      this.kind === "client_validation" ||
      this.status === 422 ||
      this.errorCode === "REQUEST_VALIDATION_ERROR"
    )
  }

  /** No answer, a 5xx, or an unreadable 2xx: the request may or may not have been processed. */
  get isAmbiguous(): boolean {
    return (
      this.kind === "network" ||
      this.kind === "timeout" ||
      (this.kind === "http" && (this.status ?? 0) >= 500) ||
      this.kind === "invalid_response"
    )
  }

  /** Worth trying again later (the client already retried what it safely could). */
  get isTransient(): boolean {
    return this.isAmbiguous || this.isRateLimited
  }

  /** A plain object for logs and API answers (no body, no token, no secret). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      errorCode: this.errorCode,
      requestId: this.requestId,
      traceId: this.traceId,
      field: this.field,
      reason: this.reason,
      method: this.method,
      path: this.path,
    }
  }
}

/** A subscription's `consolidatedStatus` is not one of the seven this version knows. */
export class ScalexpertUnknownStatusError extends ScalexpertError {
  override readonly name: string = "ScalexpertUnknownStatusError"
  /** The value Scalexpert sent. */
  readonly receivedStatus: string
  /** The subscription it came with, when known. */
  readonly subscriptionId?: string

  constructor(init: {
    receivedStatus: string
    subscriptionId?: string
    method?: string
    path?: string
    status?: number
    requestId?: string
  }) {
    super({
      kind: "unknown_status",
      message: `Scalexpert returned an unknown consolidatedStatus "${init.receivedStatus}"${
        init.subscriptionId ? ` for subscription ${init.subscriptionId}` : ""
      }`,
      status: init.status,
      errorCode: "UNKNOWN_CONSOLIDATED_STATUS",
      method: init.method,
      path: init.path,
      requestId: init.requestId,
    })
    this.receivedStatus = init.receivedStatus
    this.subscriptionId = init.subscriptionId
  }
}

export function isScalexpertError(error: unknown): error is ScalexpertError {
  return error instanceof ScalexpertError
}

export function isNotFound(error: unknown): boolean {
  return isScalexpertError(error) && error.isNotFound
}

export function isConflict(error: unknown): boolean {
  return isScalexpertError(error) && error.isConflict
}

export function isValidationError(error: unknown): boolean {
  return isScalexpertError(error) && error.isValidationError
}

export function isUnknownStatusError(error: unknown): error is ScalexpertUnknownStatusError {
  return error instanceof ScalexpertUnknownStatusError
}
