import type { RetryPolicy } from "../../providers/scalexpert/options"
import { nextAttempt } from "../../providers/scalexpert/cancellation"

/**
 * The retry bookkeeping of the after-order lanes, in one place. A lane (the delivery confirmation
 * with its capture, the cancellation) stores on the file its status, how many attempts failed, when
 * the next is due and why the last failed; the job runs what is due.
 */
export type RetryLane = "delivery" | "cancel"

type When = Date | string | null | undefined

/** Whether a retry stored for `at` is due at `now`: the job's query says the same (`$lte`). */
export const isDue = (at: When, now: Date): boolean =>
  !!at && new Date(at).getTime() <= now.getTime()

/** The filter on `*_next_attempt_at` that selects the due retries (the same rule as `isDue`). */
export const dueAt = (now: Date): Date => ({ $lte: now }) as unknown as Date

export type FailedAttempt = {
  attempts: number
  /** Exhausted: the policy's limit is reached (`nextAttempt`), or the error is permanent. */
  giveUp: boolean
  next: Date | null
  /** The file's fields of the lane, to store as they are. */
  fields: Record<string, unknown>
}

/**
 * A failed attempt of a lane: counted, then either retried at `next` (with backoff) or given up
 * (status `failed`), as `nextAttempt` decides. `error` undefined: always worth another try.
 * `keepStatus` leaves the lane's status alone (a capture failing after a confirmed delivery).
 */
export function failedAttempt(
  lane: RetryLane,
  input: {
    attempts: number
    policy: Required<RetryPolicy>
    reason: string
    error?: unknown
    now: Date
    keepStatus?: boolean
  }
): FailedAttempt {
  const { attempts, policy, reason, error, now } = input
  const { giveUp, next } = nextAttempt(attempts, policy, { error, now })
  const fields: Record<string, unknown> = {
    [`${lane}_attempts`]: attempts,
    [`${lane}_next_attempt_at`]: next,
    [`${lane}_error`]: reason,
  }
  if (!input.keepStatus) fields[`${lane}_status`] = giveUp ? "failed" : "pending"
  return { attempts, giveUp, next, fields }
}
