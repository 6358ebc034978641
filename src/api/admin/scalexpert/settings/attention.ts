/**
 * The files that need a person's attention, as `GET /admin/scalexpert/settings` lists them: each
 * with the lender's file id (`subscription_id`) to find it in Scalexpert's back office.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { AttentionFile, AttentionReason } from "../../../../admin/lib/types"
import { isLongCredit, solutionName } from "../../../../scalexpert/solutions"
import { fileService } from "../../../../workflows/after-order/load"

type FileRecord = {
  id: string
  subscription_id: string | null
  order_id: string | null
  solution_code: string
  status: string | null
  last_read_at: Date | string | null
  delivery_status: string | null
  delivery_attempts: number | null
  delivery_next_attempt_at: Date | string | null
  delivery_error: string | null
  cancel_status: string | null
  cancel_attempts: number | null
  cancel_next_attempt_at: Date | string | null
  cancel_error: string | null
  no_order_reason?: string | null
  flag?: string | null
  pending_cancellation?: { requested_at?: string } | null
}

export const iso = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null

/**
 * A file with no order stays listed until the lender has cancelled it: not cancelled yet, its
 * cancellation awaiting the lender's answer (Hanseatic Bank), or refused by the lender. Cancelled
 * or ended without money, it is done; a cancellation being retried is listed as such.
 */
function lifecycleWithoutOrder(
  f: FileRecord,
  list: (reason: AttentionReason, f: FileRecord, error: string | null) => void
) {
  const why = f.no_order_reason ?? null
  switch (f.cancel_status) {
    case "done":
    case "not_needed":
      return
    case "pending":
    case "failed":
      // Listed with the cancellations that failed or are being retried, once tried.
      if (f.cancel_status === "failed" || f.cancel_attempts || f.cancel_error) return
      return list("no_order", f, why)
    case "requested": {
      const on = f.pending_cancellation?.requested_at?.slice(0, 10)
      return list(
        "no_order_cancel_requested",
        f,
        `${why}: cancellation requested${on ? ` on ${on}` : ""}, awaiting the lender's answer`
      )
    }
    case "refused":
      return list("no_order_cancel_refused", f, f.cancel_error ?? why)
    default:
      return list("no_order", f, why)
  }
}

/** At most this many files per reason: the page is a to-do list, not a report. */
const ATTENTION_LIMIT = 50

/** A delivery confirmation or a cancellation: where it stands, how often it was tried. */
type Step = {
  status: string | null
  attempts: number | null
  next_attempt_at: Date | string | null
  error: string | null
}

const deliveryStep = (f: FileRecord): Step => ({
  status: f.delivery_status,
  attempts: f.delivery_attempts,
  next_attempt_at: f.delivery_next_attempt_at,
  error: f.delivery_error,
})

const cancelStep = (f: FileRecord): Step => ({
  status: f.cancel_status,
  attempts: f.cancel_attempts,
  next_attempt_at: f.cancel_next_attempt_at,
  error: f.cancel_error,
})

/** What every listed file shows, whatever the reason. */
const listed = (f: FileRecord) => ({
  file_id: f.id,
  subscription_id: f.subscription_id ?? null,
  order_id: f.order_id ?? null,
  solution_code: f.solution_code,
  solution_name: solutionName(f.solution_code, "en"),
  status: f.status ?? null,
  last_read_at: iso(f.last_read_at),
})

/** The files whose step failed (`failed`) or is being retried (`retrying`). */
function failedOrRetried(
  files: FileRecord[],
  stepOf: (f: FileRecord) => Step,
  failed: AttentionReason,
  retrying: AttentionReason
): AttentionFile[] {
  const out: AttentionFile[] = []
  for (const f of files) {
    const step = stepOf(f)
    // A step queued and not tried yet is the normal path, not a problem.
    if (step.status === "pending" && !step.attempts && !step.error) continue
    out.push({
      ...listed(f),
      reason: step.status === "failed" ? failed : retrying,
      attempts: step.attempts ?? 0,
      next_attempt_at: iso(step.next_attempt_at),
      error: step.error ?? null,
    })
  }
  return out
}

/**
 * Files that a person should look at: a pre-accepted long credit still waiting for the lender,
 * a delivery confirmation or a cancellation that failed or is being retried, a file with no order
 * until the lender has cancelled it, a file the lifecycle flagged.
 */
export async function filesNeedingAttention(container: MedusaContainer): Promise<AttentionFile[]> {
  const service = fileService(container)
  const list = (filters: Record<string, unknown>) =>
    service.listScalexpertFiles(filters, {
      take: ATTENTION_LIMIT,
      order: { updated_at: "DESC" },
    }) as unknown as Promise<FileRecord[]>
  const [preAccepted, delivery, cancel, noOrder, flagged] = await Promise.all([
    list({ status: "PRE_ACCEPTED" }),
    list({ delivery_status: ["failed", "pending"] }),
    list({ cancel_status: ["failed", "pending"] }),
    list({ no_order_reason: { $ne: null } }),
    list({ flag: { $ne: null } }),
  ])
  const out: AttentionFile[] = []
  const lifecycle = (reason: AttentionReason, f: FileRecord, error: string | null) =>
    out.push({ ...listed(f), reason, attempts: 0, next_attempt_at: null, error })
  for (const f of preAccepted) {
    if (f.order_id && isLongCredit(f.solution_code)) lifecycle("pre_accepted", f, null)
  }
  out.push(...failedOrRetried(delivery, deliveryStep, "delivery_failed", "delivery_retrying"))
  for (const f of noOrder) lifecycleWithoutOrder(f, lifecycle)
  for (const f of flagged) lifecycle("flagged", f, f.flag ?? null)
  out.push(...failedOrRetried(cancel, cancelStep, "cancel_failed", "cancel_retrying"))
  return out
}
