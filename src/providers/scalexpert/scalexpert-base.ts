import { AbstractPaymentProvider, MedusaError, PaymentActions } from "@medusajs/framework/utils"
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
import { logger } from "@medusajs/framework/logger"
import type { ScalexpertClient } from "../../scalexpert/client"
import { amountToCents } from "../../scalexpert/money"
import { cancelScalexpertPayment } from "./cancel-payment"
import { captureScalexpertPayment } from "./capture-payment"
import { authorizeSession, initiateSession } from "./checkout-session"
import { ScalexpertGateway, toSnapshot } from "./gateway"
import {
  resolveOptions,
  type ResolvedScalexpertOptions,
  type ScalexpertProviderOptions,
} from "./options"
import { productionWarnings } from "./production-guards"
import { refundScalexpertPayment } from "./refund-payment"
import { sessionData } from "./session-data"
import { getStatus } from "./state-machine"

/**
 * What Medusa asks of a Scalexpert payment, mapped to the Scalexpert API (as `StripeBase` does for
 * `@medusajs/payment-stripe`): the services only add their `identifier`. The checkout and the
 * after-order operations live in their own modules (checkout-session, capture-payment,
 * refund-payment, cancel-payment).
 */
export abstract class ScalexpertBase extends AbstractPaymentProvider<ScalexpertProviderOptions> {
  protected readonly gateway_: ScalexpertGateway
  protected readonly options_: ResolvedScalexpertOptions
  protected readonly client_: ScalexpertClient

  static validateOptions(options: Record<string, unknown>): void {
    // Refuses unsafe production options; warns (once per process, at boot) about doubtful ones.
    for (const warning of productionWarnings(resolveOptions(options))) logger.warn(warning.message)
  }

  constructor(container: { logger?: Logger }, options: ScalexpertProviderOptions) {
    super(container, options)
    this.gateway_ = new ScalexpertGateway(options, container.logger, container)
    this.options_ = this.gateway_.options
    this.client_ = this.gateway_.client
  }

  initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    return initiateSession(this.gateway_, input)
  }

  authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return authorizeSession(this.gateway_, input)
  }

  capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return captureScalexpertPayment(this.gateway_, input)
  }

  refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return refundScalexpertPayment(this.gateway_, input)
  }

  cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return cancelScalexpertPayment(this.gateway_, input)
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    // An unfinished file cannot be cancelled at Scalexpert. The plugin's row of the file outlives
    // the session: if the lender accepts it later, the sync cancels it (no order can be made).
    return { data: input.data }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = sessionData(input.data)
    const file = toSnapshot(await this.gateway_.readFile(data.subscription_id))
    return { status: getStatus(file.status, data.solution_code), data: { ...data, file } }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = sessionData(input.data)
    return {
      data: { ...data, file: toSnapshot(await this.gateway_.readFile(data.subscription_id)) },
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    // A Scalexpert file cannot change amount; the plugin's workflows only store what they read.
    const data = sessionData(input.data)
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
