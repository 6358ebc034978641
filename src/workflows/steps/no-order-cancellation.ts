import type { MedusaContainer } from "@medusajs/framework/types"
import { formatEuros, lenderName } from "../../providers/scalexpert/cancellation"
import { fileService, type FileRow } from "../after-order/load"
import { recordTimeline } from "../after-order/timeline"
import { noOrderCancellationOutcome } from "./file-state"
import type { NoOrderInput } from "./settle-file-without-order"

/**
 * The lender's answer to the cancellation the plugin requested for a file with no order (Hanseatic
 * Bank first answers "requested"), as a read brought it: accepted, the file is settled (`done`);
 * refused, it stays under Settings → files that need attention (`refused`) with the lender's
 * answer and why there is no order, for a person to settle with the lender. No call is made.
 */
export async function settleNoOrderCancellation(
  container: MedusaContainer,
  row: FileRow,
  input: NoOrderInput,
  because: string
): Promise<void> {
  const outcome = noOrderCancellationOutcome(input.loaded, input.file)
  if (!outcome) return
  const lender = lenderName(row.solution_code)
  const amount = formatEuros(outcome.cents)
  const requestedAt = input.loaded.tracked?.pending_cancellation?.requested_at
  const requested = requestedAt ? ` requested on ${requestedAt.slice(0, 10)}` : ""
  const detail = { call: "_cancel", outcome: outcome.accepted ? "accepted" : "refused" }
  if (outcome.accepted) {
    await fileService(container).updateScalexpertFiles({
      id: row.id,
      cancel_status: "done",
      cancel_error: null,
      cancel_next_attempt_at: null,
      pending_cancellation: null,
    })
    await recordTimeline(container, row, [
      {
        kind: "note",
        trigger: input.trigger,
        outcome: "success",
        message: `${lender} accepted the cancellation of ${amount}${requested}: the financing with no order is cancelled`,
        detail,
      },
    ])
    return
  }
  const answer = outcome.status ? ` (${outcome.status})` : ""
  const message = `${lender} refused the cancellation of ${amount}${requested}${answer}. The financing has no order (${because}): settle it with ${lender}.`
  await fileService(container).updateScalexpertFiles({
    id: row.id,
    cancel_status: "refused",
    cancel_error: message,
    cancel_next_attempt_at: null,
    pending_cancellation: null,
  })
  await recordTimeline(container, row, [
    { kind: "note", trigger: input.trigger, outcome: "failure", message, detail },
  ])
}
