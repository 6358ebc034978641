import { MedusaError } from "@medusajs/framework/utils"
import type { CancelPaymentInput, CancelPaymentOutput } from "@medusajs/framework/types"
import { cancelAtLender } from "./cancel-at-lender"
import {
  acceptedAt,
  centsOf,
  euros,
  planCancellation,
  type AfterOrderData,
  type ProviderCall,
} from "./cancellation"
import { decide } from "./decide"
import type { ScalexpertGateway } from "./gateway"
import { currentFile, sessionData, type ScalexpertSessionData } from "./session-data"

/** Medusa's payment cancellation (the order's): cancels the whole financing at the lender. */
export async function cancelScalexpertPayment(
  gateway: ScalexpertGateway,
  input: CancelPaymentInput
): Promise<CancelPaymentOutput> {
  const data = sessionData(input.data) as ScalexpertSessionData & AfterOrderData
  // A cancellation already awaits the lender's answer: the plugin's job follows it up.
  if (data.pending_cancellation) return { data }
  const file = await currentFile(gateway, data)
  // Only a file the lender accepted can be cancelled; others end by themselves (Scalexpert
  // refuses a cancellation of a pre-accepted file, and a payment exists only once accepted).
  const [action] = decide(
    { known: file.status, medusa: "paid" },
    { kind: "admin", action: "cancel" }
  )
  if (action !== "cancel_file") return { data: { ...data, file } }
  const cents = centsOf(file.financed_amount)
  if (cents === 0) return { data: { ...data, file } }
  const id = input.context?.idempotency_key ? String(input.context.idempotency_key) : undefined
  // The whole amount still financed, as Scalexpert reads it: a full cancellation.
  const known = { ...data, file, cancelled_amount: euros(centsOf(data.amount) - cents) }
  const plan = planCancellation({ data: known, cents })
  // The order is canceled in Medusa even when the lender will not cancel the financing (after
  // the 90 days of split payment): the refusal goes to the timeline, nothing stays stuck.
  if (plan.kind === "refuse") return { data: refusedCancel(known, cents, plan.message, id) }
  try {
    return { data: await cancelAtLender(gateway, known, cents, true, "cancel", id) }
  } catch (error) {
    if (!(error instanceof MedusaError) || error.type !== MedusaError.Types.NOT_ALLOWED) throw error
    return { data: refusedCancel(known, cents, error.message, id) }
  }
}

/** The payment's data once a cancellation was refused (by the lender, or by its rules before). */
export function refusedCancel<T extends AfterOrderData>(
  data: T,
  cents: number,
  message: string,
  reference?: string
): T {
  const at = new Date().toISOString()
  const call: ProviderCall = {
    id: reference ?? `cancel-${at}`,
    at,
    call: "_cancel",
    by: "cancel",
    amount: euros(cents),
    full: true,
    answer: "refused",
    message,
  }
  return { ...data, accepted_at: acceptedAt(data), calls: [...(data.calls ?? []), call] }
}
