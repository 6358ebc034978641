import { MedusaError } from "@medusajs/framework/utils"
import type { Logger, ProviderWebhookPayload } from "@medusajs/framework/types"
import { apiRootOf, ScalexpertClient, type CallOptions } from "../../scalexpert/client"
import { isScalexpertError } from "../../scalexpert/errors"
import { toWireAmount } from "../../scalexpert/money"
import {
  WebhookEnvelopeSchema,
  type ConsolidatedStatus,
  type Subscription,
} from "../../scalexpert/schemas"
import { CheckoutRefusal } from "./build-subscription"
import { resolveOptions, type ResolvedScalexpertOptions } from "./options"
import { offerSharedModules } from "./shared-module-lookup"
import { deploymentBudget, deploymentTokenCache } from "./shared-state"
import { checkWebhookSignature } from "./webhook-check"

/** A file as the plugin keeps it in the payment session's data (no personal data). */
export type FileSnapshot = {
  status: ConsolidatedStatus
  substatus?: string
  financed_amount: number
  is_delivered?: boolean
  cancellation_status?: string
  /** When the plugin read it from Scalexpert (ISO date). */
  read_at: string
}

/** A webhook that passed the signature check: the payment session it concerns and what it says. */
export type VerifiedWebhook = {
  sessionId: string
  eventCode?: string
  consolidatedStatus?: string
}

export function toSnapshot(file: Subscription): FileSnapshot {
  return {
    status: file.consolidatedStatus,
    substatus: file.consolidatedSubstatus ?? undefined,
    financed_amount: toWireAmount(file.financedAmount),
    is_delivered: file.isDelivered ?? undefined,
    cancellation_status: file.cancellationStatus ?? undefined,
    read_at: new Date().toISOString(),
  }
}

/**
 * Scalexpert as the plugin uses it, from the provider's options: the API client and the
 * operations that the provider, the routes, the jobs and the workflows share.
 */
export class ScalexpertGateway {
  readonly options: ResolvedScalexpertOptions
  readonly client: ScalexpertClient
  protected readonly logger?: Logger

  /**
   * `modules`: a container where Medusa's caching and locking modules may be resolved, so that
   * the access token and the request budget are shared by every instance (see `shared-state.ts`).
   */
  constructor(rawOptions: Record<string, unknown>, logger?: Logger, modules?: object) {
    this.options = resolveOptions(rawOptions)
    this.logger = logger
    if (modules) offerSharedModules(modules, logger)
    const apiRoot = apiRootOf(this.options)
    this.client = new ScalexpertClient({
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      environment: this.options.environment,
      baseUrl: this.options.baseUrl,
      timeoutMs: this.options.timeoutMs,
      maxRequestsPerMinute: this.options.maxRequestsPerMinute,
      tokenCache: deploymentTokenCache,
      budget: deploymentBudget(apiRoot, this.options.clientId, {
        maxRequests: this.options.maxRequestsPerMinute,
        windowMs: 60_000,
        backgroundShare: this.options.backgroundShare,
        burst: this.options.burst,
        marginMs: this.options.rateLimitMarginMs,
      }),
      logger: logger && {
        debug: (message, meta) => logger.debug(`${message} ${JSON.stringify(meta ?? {})}`),
        warn: (message, meta) => logger.warn(`${message} ${JSON.stringify(meta ?? {})}`),
      },
    })
  }

  /** Turns a failed Scalexpert call into a Medusa error a shop developer can act on. */
  buildError(action: string, error: unknown): MedusaError {
    if (error instanceof MedusaError) return error
    if (error instanceof CheckoutRefusal) {
      return new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    }
    if (isScalexpertError(error)) {
      const reference = error.requestId ? ` (Scalexpert request ${error.requestId})` : ""
      if (error.status && error.status >= 400 && error.status < 500 && !error.isUnauthorized) {
        return new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Scalexpert refused to ${action}: ${error.message}${reference}`
        )
      }
      return new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Could not ${action}: Scalexpert is unavailable (${error.kind}${error.status ? ` ${error.status}` : ""})${reference}. Try again.`
      )
    }
    return new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Could not ${action}: ${error instanceof Error ? error.message : String(error)}`
    )
  }

  /** Re-reads a file from Scalexpert (`{ lane }`: `checkout` for the return, `background` for jobs). */
  async readFile(subscriptionId: string, options?: CallOptions): Promise<Subscription> {
    try {
      return await this.client.getSubscription(subscriptionId, options)
    } catch (error) {
      throw this.buildError("read the financing file", error)
    }
  }

  /**
   * Checks a webhook's signature and age, and maps it to its payment session (Scalexpert's
   * `merchantGlobalOrderId` is the payment session id). Undefined when it is not to be trusted.
   */
  verifyWebhook(payload: ProviderWebhookPayload["payload"]): VerifiedWebhook | undefined {
    const envelope = this.verifiedEnvelope(payload)
    const sessionId = envelope?.data?.merchantGlobalOrderId
    if (!envelope || !sessionId) return undefined
    return {
      sessionId,
      eventCode: envelope.eventCode ?? undefined,
      consolidatedStatus: envelope.data?.consolidatedStatus ?? undefined,
    }
  }

  /**
   * The one check of a webhook (financing and insurance events alike): its signature and age
   * with the provider's `webhookSignatureKey` (`webhook-check.ts`), then its envelope.
   * Undefined when not to be trusted.
   */
  verifiedEnvelope(payload: ProviderWebhookPayload["payload"]) {
    const check = checkWebhookSignature(payload, this.options.webhookSignatureKey)
    if (!check.valid) {
      this.logger?.warn(
        check.reason === "no_signature_key"
          ? "Scalexpert webhook refused: the provider has no webhookSignatureKey"
          : `Scalexpert webhook refused: ${check.reason}`
      )
      return undefined
    }
    const envelope = WebhookEnvelopeSchema.safeParse(payload.data)
    return envelope.success ? envelope.data : undefined
  }
}
