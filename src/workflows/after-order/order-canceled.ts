import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import { cancelAtLender } from "../../providers/scalexpert/cancel-at-lender"
import { centsOf, euros, formatEuros } from "../../providers/scalexpert/cancellation"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { getStatus } from "../../providers/scalexpert/state-machine"
import {
  fileService,
  loadFinancingByOrder,
  type FileRow,
  type OrderFinancing,
  type TimelineTrigger,
} from "./load"
import { failedAttempt } from "./retry-rule"
import { errorDetail, recordProviderCalls, recordTimeline } from "./timeline"
import { ledgerOf, writeLedger } from "./ledger"
import { recordPaymentOperation } from "./payment-records"

/** The payment session of a canceled order ends with its file (the job stops reading it). */
async function closeSession(
  container: MedusaContainer,
  financing: OrderFinancing,
  file: FileSnapshot
) {
  if (financing.session.status !== PaymentSessionStatus.PENDING_AUTHORIZATION) return
  const status = getStatus(file.status, financing.file.solution_code)
  await container.resolve(Modules.PAYMENT).updatePaymentSession({
    id: financing.session.id,
    amount: financing.session.amount,
    currency_code: financing.session.currency_code,
    data: { ...financing.session.data, file },
    status,
  })
}

/**
 * The Medusa order is canceled: the file must be cancelled too, for its full amount. Medusa
 * cancels an authorized payment itself (the provider's `cancelPayment`); this covers what it
 * cannot: a pre-accepted credit (no payment yet: cancelled once the lender accepts it), a
 * cancellation that failed (retried with backoff), and follows a German request.
 */
export async function cancelFileOfCanceledOrder(
  container: MedusaContainer,
  financing: OrderFinancing,
  observed: FileSnapshot,
  trigger: TimelineTrigger,
  now = new Date()
): Promise<void> {
  const service = fileService(container)
  const gateway = getScalexpert(container)
  const { file } = financing
  const set = async (patch: Record<string, unknown>) => {
    const updated = await service.updateScalexpertFiles({ id: file.id, ...patch })
    financing.file = { ...financing.file, ...(updated as unknown as FileRow) }
  }
  // What the provider did when Medusa canceled the payment.
  await recordPaymentOperation(container, financing, trigger === "job" ? undefined : trigger)
  const refused = [...(ledgerOf(financing).calls ?? [])]
    .reverse()
    .find((call) => call.call === "_cancel" && call.answer === "refused")
  if (refused && observed.status === "ACCEPTED") {
    // The lender does not cancel it (after the 90 days of split payment): on record, for a person.
    if (file.cancel_status !== "failed") {
      await set({ cancel_status: "failed", cancel_error: refused.message ?? "refused" })
    }
    return
  }

  if (observed.status === "CANCELLED") {
    await closeSession(container, financing, observed)
    if (file.cancel_status !== "done") await set({ cancel_status: "done", cancel_error: null })
    return
  }
  if (observed.status === "REJECTED" || observed.status === "ABORTED") {
    await closeSession(container, financing, observed)
    if (file.cancel_status !== "not_needed") {
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "info",
          message: `The financing ended without funding (${observed.status}): nothing to cancel at Scalexpert`,
        },
      ])
      await set({ cancel_status: "not_needed", cancel_next_attempt_at: null })
    }
    return
  }
  if (observed.status !== "ACCEPTED") {
    if (file.cancel_status !== "awaiting_acceptance") {
      await recordTimeline(container, file, [
        {
          kind: "note",
          trigger,
          outcome: "info",
          message:
            "Order canceled while the lender has not accepted the credit: Scalexpert cancels a file only once it is accepted, so the plugin cancels it as soon as it is (if it is refused or expires, nothing is owed)",
        },
      ])
      await set({ cancel_status: "awaiting_acceptance" })
    }
    return
  }
  const pending = ledgerOf(financing).pending_cancellation
  if (pending || /^REQUEST_FOR/.test(observed.cancellation_status ?? "")) {
    if (file.cancel_status !== "requested") await set({ cancel_status: "requested" })
    return
  }

  const attempts = (file.cancel_attempts ?? 0) + 1
  const cents = centsOf(observed.financed_amount)
  try {
    if (financing.payment && !financing.payment.canceled_at) {
      // Medusa's own path: the provider's cancelPayment, as when the order was canceled, on the
      // file just read.
      await writeLedger(container, financing, { file: observed })
      await container.resolve(Modules.PAYMENT).cancelPayment(financing.payment.id)
      const reloaded = await loadFinancingByOrder(container, financing.order!.id)
      if (reloaded) Object.assign(financing, reloaded)
      await recordPaymentOperation(container, financing, trigger)
    } else {
      const ledger = ledgerOf(financing)
      const data = { ...ledger, cancelled_amount: euros(centsOf(ledger.amount) - cents) }
      const next = await cancelAtLender(
        gateway,
        data,
        cents,
        true,
        "cancel",
        `cancel-${now.getTime()}`
      )
      await recordProviderCalls(container, financing.file, next.calls?.slice(-1), () => trigger)
      await writeLedger(container, financing, next)
    }
    const requested = !!ledgerOf(financing).pending_cancellation
    await set({
      cancel_status: requested ? "requested" : "done",
      cancel_attempts: attempts,
      cancel_next_attempt_at: null,
      cancel_error: null,
    })
    if (!requested) {
      await closeSession(container, financing, { ...observed, status: "CANCELLED" })
    }
  } catch (error) {
    const reason = (error as Error).message
    const policy = gateway.options.retryPolicy
    const failed = failedAttempt("cancel", { attempts, policy, reason, error, now })
    const { giveUp, next, fields } = failed
    await recordTimeline(container, financing.file, [
      {
        kind: "api_call",
        trigger,
        outcome: "failure",
        message: giveUp
          ? `Cancellation of the financing (${formatEuros(cents)}) failed for good: ${reason}. Cancel it from the admin once the cause is fixed.`
          : `Cancellation of the financing (${formatEuros(cents)}) failed: ${reason}; retried at ${next!.toISOString()}`,
        detail: { call: "_cancel", amount: euros(cents), attempt: attempts, ...errorDetail(error) },
      },
    ])
    await set(fields)
  }
}
