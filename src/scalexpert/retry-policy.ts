/**
 * The transport's retry policy, as one decision per exchange: return the answer, wait and send
 * again (counted as an attempt or not), or throw.
 *
 * - Network errors, timeouts, 5xx and unreadable 2xx bodies are retried for idempotent requests
 *   only (a refused connection, where nothing was received, for any request), up to
 *   `maxAttempts`, with exponential backoff and jitter.
 * - A 429 is not an attempt: the request waits for `Retry-After` (or a backoff) and goes again,
 *   as long as one wait is at most `maxRetryAfterMs` and all of them `maxRateLimitedMs`.
 */
import type { RetryOptions } from "./client-options"
import { ScalexpertError } from "./errors"
import { buildAnswerError } from "./answer-errors"
import { readJsonAnswer, type JsonAnswer, type RawAnswer } from "./http-answers"
import type { RequestSpec } from "./http-exchange"

export type Exchange =
  | { raw: RawAnswer; bearer?: string; failure?: undefined }
  | { failure: ScalexpertError; bearer?: string; raw?: undefined }

export type Decision =
  { done: JsonAnswer } | { waitMs: number; attempt: boolean } | { error: unknown }

export interface RetryState {
  /** Attempts made so far, this one included. */
  attempt: number
  /** Time already spent waiting on 429 answers. */
  rateLimitedMs: number
}

export interface RetryContext {
  retry: RetryOptions
  backoffDelay: (attempt: number) => number
  warn: (message: string, meta: object) => void
}

/** Exponential backoff with jitter: a random delay in [d/2, d], d = min(max, base·2^(n-1)). */
export function backoffDelay(retry: RetryOptions, attempt: number): number {
  const exp = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exp / 2 + Math.random() * (exp / 2))
}

function rateLimited(
  error: ScalexpertError,
  state: RetryState,
  ctx: RetryContext,
  where: object
): Decision {
  const waitMs =
    error.retryAfterSeconds !== undefined
      ? Math.ceil(error.retryAfterSeconds * 1000)
      : ctx.backoffDelay(state.attempt)
  const withinBounds =
    waitMs <= ctx.retry.maxRetryAfterMs &&
    state.rateLimitedMs + waitMs <= ctx.retry.maxRateLimitedMs
  if (!withinBounds) return { error }
  state.rateLimitedMs += waitMs
  ctx.warn("scalexpert rate limited, waiting", { ...where, waitMs })
  return { waitMs, attempt: false }
}

/** What to do after one exchange (a 401 is handled before, by the transport). */
export function decideNext(
  spec: RequestSpec,
  exchange: Exchange,
  state: RetryState,
  ctx: RetryContext
): Decision {
  const canRetry = state.attempt < ctx.retry.maxAttempts
  const where = { method: spec.method, path: spec.path, attempt: state.attempt }
  const retry = (reason: object): Decision => {
    const waitMs = ctx.backoffDelay(state.attempt)
    ctx.warn("scalexpert retry", { ...where, ...reason, waitMs })
    return { waitMs, attempt: true }
  }
  if (exchange.failure) {
    const e = exchange.failure
    const safe = spec.idempotent || e.errorCode === "ECONNREFUSED"
    return safe && canRetry ? retry({ reason: e.kind }) : { error: e }
  }
  const raw = exchange.raw
  if (raw.status >= 200 && raw.status < 300) {
    const answer = readJsonAnswer(raw, spec)
    if (!(answer instanceof ScalexpertError)) return { done: answer }
    return spec.idempotent && canRetry ? retry({ reason: "invalid_response" }) : { error: answer }
  }
  const error = buildAnswerError(spec.method, spec.path, raw)
  if (raw.status === 429) return rateLimited(error, state, ctx, where)
  if (raw.status >= 500 && spec.idempotent && canRetry) return retry({ status: raw.status })
  return { error }
}
