import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
} from "@medusajs/framework/types"
import { logger } from "@medusajs/framework/logger"
import { amountToCents } from "../../scalexpert/money"
import { buildSubscriptionRequest, type CheckoutCart } from "./build-subscription"
import type { ScalexpertGateway } from "./gateway"
import { getStatus } from "./state-machine"
import { rememberUnconfirmedFile } from "./unconfirmed-files"
import { currentFile, sessionData, type ScalexpertSessionData } from "./session-data"

/**
 * The checkout side of the provider: a payment session creates the Scalexpert file from the cart
 * the server read, and its authorization maps the lender's decision to Medusa's statuses.
 */

/** Creates the Scalexpert file of a payment session from the cart snapshot read on the server. */
export async function initiateSession(
  gateway: ScalexpertGateway,
  input: InitiatePaymentInput
): Promise<InitiatePaymentOutput> {
  const data = input.data ?? {}
  const sessionId = String(data.session_id ?? input.context?.idempotency_key ?? "")
  if (!data.cart || !sessionId) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Scalexpert payment sessions are created with POST /store/payment-collections/:id/payment-sessions, which reads the cart on the server"
    )
  }
  let draft
  try {
    draft = buildSubscriptionRequest({
      cart: data.cart as CheckoutCart,
      solutionCode: data.solution_code,
      paymentSessionId: sessionId,
      options: gateway.options,
    })
  } catch (error) {
    throw gateway.buildError("start the financing", error)
  }
  if (amountToCents(draft.request.financedAmount) !== amountToCents(input.amount)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "The cart total changed since the payment collection was created: refresh the cart and choose the payment method again"
    )
  }

  let created
  try {
    created = await gateway.client.createSubscription(draft.request, { language: draft.language })
  } catch (error) {
    throw gateway.buildError("start the financing", error)
  }
  if (!created.redirect?.value) {
    rememberUnconfirmedFile({
      payment_session_id: sessionId,
      subscription_id: created.id,
      solution_code: draft.solution.code,
      amount: draft.request.financedAmount,
    })
    // The creation answer was lost and the file was found by its order id; Scalexpert offers
    // no call that gives the journey URL again, so this session cannot go on. The file is
    // tracked (and cancelled if it is ever accepted) by the plugin.
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Scalexpert did not confirm the creation of the financing file: choose the payment method again"
    )
  }
  const paymentData: ScalexpertSessionData & { cart: undefined } = {
    session_id: sessionId,
    solution_code: draft.solution.code,
    subscription_id: created.id,
    redirect_url: created.redirect.value,
    amount: draft.request.financedAmount,
    // The cart snapshot carried personal data to this method; it is not kept.
    cart: undefined,
  }
  return { id: created.id, status: PaymentSessionStatus.PENDING, data: paymentData }
}

/** The lender's decision as the session's status; a file for another amount is never authorized. */
export async function authorizeSession(
  gateway: ScalexpertGateway,
  input: AuthorizePaymentInput
): Promise<AuthorizePaymentOutput> {
  const data = sessionData(input.data)
  const file = await currentFile(gateway, data)
  const status = getStatus(file.status, data.solution_code)
  const authorizing =
    status === PaymentSessionStatus.AUTHORIZED || status === PaymentSessionStatus.CAPTURED
  if (authorizing && amountToCents(file.financed_amount) !== amountToCents(data.amount)) {
    // An error status, not a throw: Medusa ends the session instead of retrying forever; the
    // plugin's sync flags the file for the admin.
    logger.warn(
      `Scalexpert file of payment session ${data.session_id}: financed ${file.financed_amount} €, expected ${data.amount} €; not authorized`
    )
    return {
      status: PaymentSessionStatus.ERROR,
      data: { ...data, file, amount_mismatch: true },
    }
  }
  const accepted = authorizing && !data.accepted_at ? { accepted_at: file.read_at } : {}
  return { status, data: { ...data, file, ...accepted } }
}
