import { ScalexpertError } from "../../../scalexpert/errors"
import { failedAttempt, isDue } from "../retry-rule"

const policy = { maxAttempts: 3, initialDelaySeconds: 60, maxDelaySeconds: 600 }
const now = new Date("2026-12-01T10:00:00Z")

describe("the after-order retry rule", () => {
  it("a retry is due at its time and after it, never before (the job's `$lte`)", () => {
    expect(isDue(now, now)).toBe(true)
    expect(isDue(new Date(now.getTime() - 1), now)).toBe(true)
    expect(isDue(new Date(now.getTime() + 1).toISOString(), now)).toBe(false)
    expect(isDue(null, now)).toBe(false)
  })

  it("counts a failed attempt and retries with backoff until the policy's limit, then gives up", () => {
    const first = failedAttempt("delivery", { attempts: 1, policy, reason: "503", now })
    expect(first).toEqual({
      attempts: 1,
      giveUp: false,
      next: new Date(now.getTime() + 60_000),
      fields: {
        delivery_status: "pending",
        delivery_attempts: 1,
        delivery_next_attempt_at: new Date(now.getTime() + 60_000),
        delivery_error: "503",
      },
    })
    const second = failedAttempt("cancel", { attempts: 2, policy, reason: "503", now })
    expect(second.next).toEqual(new Date(now.getTime() + 120_000))
    // The limit is the number of attempts made: the third failure is the last.
    const last = failedAttempt("cancel", { attempts: 3, policy, reason: "503", now })
    expect(last).toMatchObject({ giveUp: true, next: null })
    expect(last.fields).toMatchObject({ cancel_status: "failed", cancel_next_attempt_at: null })
  })

  it("gives up at once on a permanent Scalexpert error, and can leave the lane's status alone", () => {
    const error = new ScalexpertError({ kind: "http", status: 400, message: "bad request" })
    const refused = failedAttempt("delivery", { attempts: 1, policy, reason: "400", error, now })
    expect(refused.giveUp).toBe(true)
    const capture = failedAttempt("delivery", {
      attempts: 2,
      policy,
      reason: "capture",
      now,
      keepStatus: true,
    })
    expect(capture.fields).not.toHaveProperty("delivery_status")
  })
})
