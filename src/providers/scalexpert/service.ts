import { AbstractPaymentProvider, MedusaError } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentOutput,
  CancelPaymentOutput,
  CapturePaymentOutput,
  DeletePaymentOutput,
  GetPaymentStatusOutput,
  InitiatePaymentOutput,
  RefundPaymentOutput,
  RetrievePaymentOutput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"

export type ScalexpertProviderOptions = {
  clientId: string
  clientSecret: string
  environment?: "test" | "production"
  baseUrl?: string
}

const notYet = (): never => {
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    "Scalexpert checkout is not available in this version of medusa-payment-scalexpert"
  )
}

/** Scalexpert consumer financing (split payment and long-term credit) as a Medusa payment provider. */
class ScalexpertProviderService extends AbstractPaymentProvider<ScalexpertProviderOptions> {
  static identifier = "scalexpert"

  protected options_: ScalexpertProviderOptions

  constructor(container: Record<string, unknown>, options: ScalexpertProviderOptions) {
    super(container, options)
    this.options_ = options
  }

  static validateOptions(options: Record<string, unknown>): void {
    for (const name of ["clientId", "clientSecret"]) {
      if (typeof options[name] !== "string" || !options[name]) {
        throw new Error(`medusa-payment-scalexpert: the option \`${name}\` is required`)
      }
    }
  }

  async initiatePayment(): Promise<InitiatePaymentOutput> {
    return notYet()
  }
  async authorizePayment(): Promise<AuthorizePaymentOutput> {
    return notYet()
  }
  async capturePayment(): Promise<CapturePaymentOutput> {
    return notYet()
  }
  async cancelPayment(): Promise<CancelPaymentOutput> {
    return notYet()
  }
  async deletePayment(): Promise<DeletePaymentOutput> {
    return notYet()
  }
  async getPaymentStatus(): Promise<GetPaymentStatusOutput> {
    return notYet()
  }
  async refundPayment(): Promise<RefundPaymentOutput> {
    return notYet()
  }
  async retrievePayment(): Promise<RetrievePaymentOutput> {
    return notYet()
  }
  async updatePayment(): Promise<UpdatePaymentOutput> {
    return notYet()
  }
  async getWebhookActionAndData(): Promise<WebhookActionResult> {
    return { action: "not_supported" }
  }
}

export default ScalexpertProviderService
