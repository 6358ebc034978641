import { MedusaError } from "@medusajs/framework/utils"
import {
  applyCancelAnswer,
  euros,
  formatEuros,
  isRefusedCancellation,
  type AfterOrderData,
  type ProviderCall,
} from "./cancellation"
import { dropCancelIntent, recordCancelIntent } from "./cancel-intents"
import type { ScalexpertGateway } from "./gateway"

/**
 * `_cancel` of `cents` (always with the amount Medusa asked for), and the payment's data after
 * Scalexpert's answer: applied at once by French lenders, a request for Hanseatic Bank.
 */
export async function cancelAtLender<T extends AfterOrderData>(
  gateway: ScalexpertGateway,
  data: T,
  cents: number,
  full: boolean,
  by: ProviderCall["by"],
  reference?: string
): Promise<T> {
  const started = new Date().toISOString()
  const id = reference ?? `${by}-${started}`
  // On record before the call: a read meanwhile sees this amount as ours, not as cancelled
  // outside Medusa. Forgotten when the call fails; once its answer is stored, the call's id in
  // the data says the same.
  await recordCancelIntent(data.subscription_id, { id, cents, at: started })
  let answer
  try {
    answer = await gateway.client.cancelSubscription(data.subscription_id, {
      cancelledAmount: euros(cents),
    })
  } catch (error) {
    await dropCancelIntent(data.subscription_id, id)
    throw gateway.buildError(full ? "cancel the financing" : "cancel part of the financing", error)
  }
  if (isRefusedCancellation(answer.status)) {
    await dropCancelIntent(data.subscription_id, id)
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Scalexpert refused to cancel ${formatEuros(cents)} (${answer.status})`
    )
  }
  const at = new Date().toISOString()
  const call: ProviderCall = {
    id,
    at,
    call: "_cancel",
    by,
    amount: euros(cents),
    full,
    answer: answer.status ?? "200",
    ...(by === "refund" && reference ? { refund_id: reference } : {}),
  }
  return applyCancelAnswer(data, { cents, full, answer, call }) as T
}
