import { MedusaError } from "@medusajs/framework/utils"
import type { RefundPaymentInput, RefundPaymentOutput } from "@medusajs/framework/types"
import { cancelAtLender } from "./cancel-at-lender"
import { centsOf, planCancellation, remainingCents, type AfterOrderData } from "./cancellation"
import { refusedCancel } from "./cancel-payment"
import type { ScalexpertGateway } from "./gateway"
import { sessionData, type ScalexpertSessionData } from "./session-data"

/**
 * Medusa's refund: records a cancellation Scalexpert already applied, or cancels `amount` at the
 * lender (after confirming the return of a delivered long credit).
 */
export async function refundScalexpertPayment(
  gateway: ScalexpertGateway,
  input: RefundPaymentInput
): Promise<RefundPaymentOutput> {
  const data = sessionData(input.data) as ScalexpertSessionData & AfterOrderData
  const cents = centsOf(input.amount)
  const refundId = input.context?.idempotency_key
    ? String(input.context.idempotency_key)
    : undefined

  // Cancellations Scalexpert already applied (in its back office) that Medusa records now: one
  // of them, or all of them at once.
  const markers = data.unrecorded_cancellations ?? []
  const all = markers.reduce((sum, c) => sum + centsOf(c.amount), 0)
  const recorded =
    markers.length && all === cents
      ? markers
      : markers.filter((c) => centsOf(c.amount) === cents).slice(0, 1)
  if (recorded.length) {
    const ids = new Set(recorded.map((c) => c.id))
    return {
      data: { ...data, unrecorded_cancellations: markers.filter((c) => !ids.has(c.id)) },
    }
  }

  const plan = planCancellation({ data, cents })
  if (plan.kind === "refuse" && plan.afterSplitWindow && cents === remainingCents(data)) {
    // The order's cancellation (or a full refund) after the 90 days: Medusa records it, the
    // lender's refusal goes to the timeline, the merchant refunds the customer another way.
    return { data: refusedCancel(data, cents, plan.message, refundId) }
  }
  if (plan.kind === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, plan.message)
  let current: ScalexpertSessionData & AfterOrderData = data
  if (plan.confirmReturnFirst) {
    // Delivered long credit: Scalexpert cancels it only after it knows the goods came back.
    try {
      await gateway.client.confirmReturn(data.subscription_id, { isReturned: true })
    } catch (error) {
      throw gateway.buildError("confirm the return of the goods", error)
    }
    const at = new Date().toISOString()
    current = {
      ...current,
      return_confirmed_at: at,
      calls: [
        ...(current.calls ?? []),
        {
          id: `${refundId ?? at}:return`,
          at,
          call: "_confirmReturn",
          by: "refund",
          answer: "204",
        },
      ],
    }
  }
  return {
    data: await cancelAtLender(gateway, current, plan.cents, plan.full, "refund", refundId),
  }
}
