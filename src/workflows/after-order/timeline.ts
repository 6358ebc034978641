import type { MedusaContainer } from "@medusajs/framework/types"
import {
  centsOf,
  formatEuros,
  isCancellationRequest,
  lenderName,
  type ProviderCall,
} from "../../providers/scalexpert/cancellation"
import { fileService, type FileRow, type TimelineTrigger } from "./load"
import { errorForLog } from "../../scalexpert/errors"

/** One line of a file's timeline, as the plugin writes it after the order. */
export type TimelineLine = {
  kind: "status_change" | "api_call" | "note"
  trigger: TimelineTrigger
  outcome: "success" | "failure" | "info"
  message: string
  from_status?: string | null
  to_status?: string | null
  detail?: Record<string, unknown> | null
}

let lastStamp = 0

/** Strictly increasing times, so that lines written together keep their order. */
function nextStamp(): Date {
  lastStamp = Math.max(Date.now(), lastStamp + 1)
  return new Date(lastStamp)
}

/** Appends lines to a file's timeline, in the given order. Never throws: it is a record. */
export async function recordTimeline(
  container: MedusaContainer,
  file: Pick<FileRow, "id" | "status">,
  lines: TimelineLine[]
): Promise<void> {
  if (!lines.length) return
  const rows = lines.map((line) => ({
    file_id: file.id,
    kind: line.kind,
    trigger: line.trigger,
    from_status: line.from_status ?? null,
    to_status: line.to_status ?? file.status ?? null,
    outcome: line.outcome,
    message: line.message,
    detail: line.detail ?? null,
    created_at: nextStamp(),
  }))
  try {
    await fileService(container).createScalexpertFileEvents(rows)
  } catch (error) {
    container
      .resolve("logger")
      .warn(`Scalexpert: could not write the timeline of ${file.id}: ${errorForLog(error)}`)
  }
}

/** What a call the payment provider made means, for the timeline. */
export function describeProviderCall(call: ProviderCall, solutionCode: string): string {
  const amount = call.amount !== undefined ? formatEuros(centsOf(call.amount)) : ""
  switch (call.call) {
    case "_confirmDelivery":
      return call.answer === "409"
        ? "Delivery already confirmed at Scalexpert (409): counted as confirmed"
        : "Delivery confirmed to Scalexpert"
    case "_confirmReturn":
      return "Return of the goods confirmed to Scalexpert"
    case "_cancel":
      if (call.answer === "refused") {
        return `${lenderName(solutionCode)} does not cancel this financing (${amount}): ${call.message ?? "refused"}. The order is canceled in Medusa; refund the customer another way.`
      }
      if (isCancellationRequest(call.answer)) {
        return `${call.full ? "Cancellation" : "Partial cancellation"} of ${amount} requested from ${lenderName(solutionCode)}: awaiting its answer`
      }
      return call.full
        ? `Financing cancelled at Scalexpert (${amount})`
        : `Partial cancellation of ${amount} accepted by Scalexpert`
  }
}

/**
 * Writes the calls the payment provider made (kept in the payment's data, as the provider cannot
 * reach the plugin's module) that the timeline does not list yet.
 */
export async function recordProviderCalls(
  container: MedusaContainer,
  file: FileRow,
  calls: ProviderCall[] | undefined,
  trigger: (call: ProviderCall) => TimelineTrigger
): Promise<ProviderCall[]> {
  if (!calls?.length) return []
  const events = (await fileService(container).listScalexpertFileEvents(
    { file_id: file.id, kind: "api_call" },
    { select: ["id", "detail"] }
  )) as { detail?: { call_id?: string } | null }[]
  const known = new Set(events.map((e) => e.detail?.call_id).filter(Boolean))
  const fresh = calls.filter((call) => !known.has(call.id))
  await recordTimeline(
    container,
    file,
    fresh.map((call) => ({
      kind: "api_call",
      trigger: trigger(call),
      outcome: call.answer === "refused" ? "failure" : "success",
      message: describeProviderCall(call, file.solution_code),
      detail: {
        call: call.call,
        call_id: call.id,
        answer: call.answer,
        ...(call.amount !== undefined ? { amount: call.amount, full: call.full } : {}),
        ...(call.refund_id ? { refund_id: call.refund_id } : {}),
      },
    }))
  )
  return fresh
}

/** A failed Scalexpert call, without anything personal: the error's own safe fields. */
export function errorDetail(error: unknown): Record<string, unknown> {
  const e = error as {
    status?: number
    errorCode?: string
    requestId?: string
    kind?: string
    message?: string
  }
  return {
    status: e?.status,
    error_code: e?.errorCode,
    request_id: e?.requestId,
    error_kind: e?.kind,
    error: e?.message ?? String(error),
  }
}
