import {
  AbstractPaymentProvider,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import type { ScalexpertClient } from "../../scalexpert/client"
import { isScalexpertError } from "../../scalexpert/errors"
import { amountToCents, toWireAmount } from "../../scalexpert/money"
import { isSplitPayment } from "../../scalexpert/solutions"
import { buildSubscriptionRequest, type CheckoutCart } from "./build-subscription"
import { ScalexpertGateway, toSnapshot, type FileSnapshot } from "./gateway"
import {
  resolveOptions,
  type ResolvedScalexpertOptions,
  type ScalexpertProviderOptions,
} from "./options"
import { getStatus } from "./state-machine"

/** `data` of a Scalexpert payment session and payment. Shown to the storefront: nothing secret. */
export type ScalexpertSessionData = {
  session_id: string
  solution_code: string
  subscription_id: string
  /** The lender's journey: send the shopper there. */
  redirect_url: string
  /** The amount financed when the file was created (decimal euros). */
  amount: number
  file?: FileSnapshot
  delivery_confirmed_at?: string
}

/** How long a file read by the plugin's own workflow (under the file's lock) stays good to act on. */
const SNAPSHOT_TRUST_MS = 60_000

/**
 * Scalexpert consumer financing (split payment in 3 or 4 instalments, long-term credit) as a
 * Medusa payment provider. It builds nothing from what the browser sends: the payment session
 * route's middleware hands it a snapshot of the cart read on the server.
 */
class ScalexpertProviderService extends AbstractPaymentProvider<ScalexpertProviderOptions> {
  static identifier = "scalexpert"

  protected readonly gateway_: ScalexpertGateway
  protected readonly options_: ResolvedScalexpertOptions
  protected readonly client_: ScalexpertClient

  static validateOptions(options: Record<string, unknown>): void {
    resolveOptions(options)
  }

  constructor(container: { logger?: Logger }, options: ScalexpertProviderOptions) {
    super(container, options)
    this.gateway_ = new ScalexpertGateway(options, container.logger)
    this.options_ = this.gateway_.options
    this.client_ = this.gateway_.client
  }

  private sessionData(data: Record<string, unknown> | undefined): ScalexpertSessionData {
    if (!data?.subscription_id || !data.solution_code) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "This payment has no Scalexpert file: start the financing again"
      )
    }
    return data as unknown as ScalexpertSessionData
  }

  /** The file as the plugin's workflow just read it, or a fresh read. */
  private async currentFile(data: ScalexpertSessionData): Promise<FileSnapshot> {
    const snapshot = data.file
    if (snapshot && Date.now() - Date.parse(snapshot.read_at) < SNAPSHOT_TRUST_MS) return snapshot
    return toSnapshot(await this.gateway_.readFile(data.subscription_id))
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
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
        options: this.options_,
      })
    } catch (error) {
      throw this.gateway_.buildError("start the financing", error)
    }
    if (amountToCents(draft.request.financedAmount) !== amountToCents(input.amount)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The cart total changed since the payment collection was created: refresh the cart and choose the payment method again"
      )
    }

    let created
    try {
      created = await this.client_.createSubscription(draft.request, { language: draft.language })
    } catch (error) {
      throw this.gateway_.buildError("start the financing", error)
    }
    if (!created.redirect?.value) {
      // The creation answer was lost and the file was found by its order id; Scalexpert offers
      // no call that gives the journey URL again, so this session cannot go on.
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Scalexpert did not confirm the creation of the financing file: choose the payment method again"
      )
    }
    const sessionData: ScalexpertSessionData & { cart: undefined } = {
      session_id: sessionId,
      solution_code: draft.solution.code,
      subscription_id: created.id,
      redirect_url: created.redirect.value,
      amount: draft.request.financedAmount,
      // The cart snapshot carried personal data to this method; it is not kept.
      cart: undefined,
    }
    return { id: created.id, status: PaymentSessionStatus.PENDING, data: sessionData }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = this.sessionData(input.data)
    const file = await this.currentFile(data)
    const status = getStatus(file.status, data.solution_code)
    const authorizing =
      status === PaymentSessionStatus.AUTHORIZED || status === PaymentSessionStatus.CAPTURED
    if (authorizing && amountToCents(file.financed_amount) !== amountToCents(data.amount)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The financed amount (${file.financed_amount} €) differs from the payment amount (${data.amount} €): the payment is not authorized`
      )
    }
    return { status, data: { ...data, file } }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = this.sessionData(input.data)
    // Split payment: the lender pays the merchant once the file is accepted. Long credit is
    // funded once the lender knows the goods were delivered: capturing is confirming delivery.
    if (isSplitPayment(data.solution_code) || data.delivery_confirmed_at) return { data }
    try {
      await this.client_.confirmDelivery(data.subscription_id, { isDelivered: true })
    } catch (error) {
      // 409: delivery was confirmed already (by the plugin or in Scalexpert's back office).
      if (!(isScalexpertError(error) && error.isConflict)) {
        throw this.gateway_.buildError("confirm the delivery", error)
      }
    }
    return { data: { ...data, delivery_confirmed_at: new Date().toISOString() } }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = this.sessionData(input.data)
    try {
      await this.client_.cancelSubscription(data.subscription_id, {
        cancelledAmount: toWireAmount(input.amount),
      })
    } catch (error) {
      throw this.gateway_.buildError("cancel the financed amount", error)
    }
    return { data }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = this.sessionData(input.data)
    const file = await this.currentFile(data)
    // Only a file the lender accepted (or pre-accepted) can be cancelled; others end by themselves.
    if (file.status !== "ACCEPTED" && file.status !== "PRE_ACCEPTED") return { data }
    try {
      await this.client_.cancelSubscription(data.subscription_id, {
        cancelledAmount: file.financed_amount,
      })
    } catch (error) {
      throw this.gateway_.buildError("cancel the financing", error)
    }
    return { data }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    // An unfinished file cannot be cancelled at Scalexpert; the lender lets it expire.
    return { data: input.data }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = this.sessionData(input.data)
    const file = toSnapshot(await this.gateway_.readFile(data.subscription_id))
    return { status: getStatus(file.status, data.solution_code), data: { ...data, file } }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = this.sessionData(input.data)
    return {
      data: { ...data, file: toSnapshot(await this.gateway_.readFile(data.subscription_id)) },
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    // A Scalexpert file cannot change amount; the plugin's workflows only store what they read.
    const data = this.sessionData(input.data)
    if (input.amount !== undefined && amountToCents(input.amount) !== amountToCents(data.amount)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "A Scalexpert financing cannot change amount: choose the payment method again"
      )
    }
    return { data: { ...data } }
  }

  async getWebhookActionAndData(
    payload: ProviderWebhookPayload["payload"]
  ): Promise<WebhookActionResult> {
    // The plugin's own subscriber verifies the event, re-reads the file and applies it through
    // its state machine (which also knows pre-accepted credit and refusals, which Medusa's
    // generic processing ignores); so Medusa's generic processing is told to stand aside.
    const verified = this.gateway_.verifyWebhook(payload)
    return {
      action: PaymentActions.NOT_SUPPORTED,
      ...(verified ? { data: { session_id: verified.sessionId, amount: 0 } } : {}),
    }
  }
}

export default ScalexpertProviderService
