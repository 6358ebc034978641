/**
 * Typed client of the Scalexpert e-financing API (1.7.1) and of the merchant-webhooks API (1.0.6).
 *
 * - `transport.ts`: OAuth2 token (shared per credential, see `token-cache.ts`), request budget per
 *   lane (`request-budget.ts`), retries, errors and logging (never a body, a token or a secret).
 * - `e-financing.ts`: eligibility, simulations, files, delivery, return, cancellation.
 * - here: the merchant-webhooks endpoints (event log, webhook configuration, test event) and the
 *   connection check.
 *
 * No Medusa import: the payment provider wraps this class and plugs shared state into it.
 */
import {
  MERCHANT_WEBHOOKS_PATH,
  type CallOptions,
  type ConnectionCheckResult,
  type ListEventsParams,
} from "./client-options"
import { EFinancingClient } from "./e-financing"
import { ScalexpertError } from "./errors"
import { parseAnswer } from "./http-answers"
import {
  SCOPES,
  TriggerHelloWorldResponseSchema,
  WebhookEventsPageSchema,
  type WebhookEventsPage,
} from "./schemas"
import {
  WebhookConfigurationRequestSchema,
  WebhookConfigurationSchema,
  type PutWebhookConfigurationParams,
  type WebhookConfiguration,
} from "./webhook-config"

export * from "./client-options"
export { parseRetryAfter } from "./http-answers"
export type { PutWebhookConfigurationParams, WebhookConfiguration } from "./webhook-config"

const AUTH = { type: "bearer", scopes: [SCOPES.webhooks] } as const

export class ScalexpertClient extends EFinancingClient {
  /**
   * Checks the credentials and the API: fetches a fresh token, then asks eligibility for 1 000 € in
   * France. Never throws: the admin shows the outcome.
   */
  async checkConnection(options?: CallOptions): Promise<ConnectionCheckResult> {
    const started = Date.now()
    const base = { environment: this.options_.environment, apiRoot: this.apiRoot_ }
    try {
      const token = await this.token_([SCOPES.eFinancing], this.lane_(options), true)
      await this.getEligibleSolutions({ buyerBillingCountry: "FR", financedAmount: 1000 }, options)
      return {
        ok: true,
        ...base,
        latencyMs: Date.now() - started,
        tokenExpiresInSeconds: Math.round((token.expiresAt - Date.now()) / 1000),
      }
    } catch (error) {
      const e =
        error instanceof ScalexpertError
          ? error
          : new ScalexpertError({
              kind: "network",
              message: String((error as Error)?.message ?? error),
            })
      const { kind, status, errorCode, message, requestId } = e
      return {
        ok: false,
        ...base,
        latencyMs: Date.now() - started,
        error: { kind, status, errorCode, message, requestId },
      }
    }
  }

  /** `GET /events` (scope `common-services:rw`): the webhook event log, newest first by default. */
  async listEvents(
    params: ListEventsParams = {},
    options?: CallOptions
  ): Promise<WebhookEventsPage> {
    const path = `${MERCHANT_WEBHOOKS_PATH}/events`
    const res = await this.execute_(
      { method: "GET", path, query: { ...params }, auth: AUTH, idempotent: true, expectBody: true },
      this.lane_(options)
    )
    return parseAnswer(WebhookEventsPageSchema, res, "GET", path)
  }

  /** `POST /events/tests/_trigger`: sends a HELLO_WORLD event to the configured webhook. */
  async triggerHelloWorldEvent(options?: CallOptions): Promise<{ eventId: string }> {
    const path = `${MERCHANT_WEBHOOKS_PATH}/events/tests/_trigger`
    const res = await this.execute_(
      { method: "POST", path, auth: AUTH, idempotent: false, expectBody: true },
      this.lane_(options)
    )
    return parseAnswer(TriggerHelloWorldResponseSchema, res, "POST", path)
  }

  /**
   * `GET /webhooks?eventTypeCode=`: the lender's webhook configuration for an event type (default
   * `ANY`). Holds secrets (`keyForSignature`...): never log it nor send it to a browser as is.
   */
  async getWebhookConfiguration(
    eventTypeCode = "ANY",
    options?: CallOptions
  ): Promise<WebhookConfiguration> {
    const path = `${MERCHANT_WEBHOOKS_PATH}/webhooks`
    const res = await this.execute_(
      {
        method: "GET",
        path,
        query: { eventTypeCode },
        auth: AUTH,
        idempotent: true,
        expectBody: true,
      },
      this.lane_(options)
    )
    return parseAnswer(WebhookConfigurationSchema, res, "GET", path)
  }

  /**
   * `PUT /webhooks`: points the lender's webhooks at `url`, signed with `keyForSignature`, for the
   * event codes given (all of the type when absent), active. Replaces the type's configuration,
   * so sending it again is harmless.
   */
  async putWebhookConfiguration(
    params: PutWebhookConfigurationParams,
    options?: CallOptions
  ): Promise<void> {
    const path = `${MERCHANT_WEBHOOKS_PATH}/webhooks`
    const body = this.check_(
      WebhookConfigurationRequestSchema,
      { eventTypeCode: "ANY", active: true, ...params },
      "PUT",
      path
    )
    await this.execute_(
      // A PUT replaces the whole configuration: sending it again is safe.
      { method: "PUT", path, body, auth: AUTH, idempotent: true, expectBody: false },
      this.lane_(options)
    )
  }
}
