/**
 * The lender's webhook configuration (merchant-webhooks 1.0.6, `GET /webhooks` and
 * `PUT /webhooks`): where Scalexpert posts events, the key that signs them, the e-mail alerted
 * when deliveries fail and which event codes are sent.
 */
import { z } from "zod"

/** Event type codes a configuration is kept for (`ANY`: one configuration for every type). */
export const WEBHOOK_CONFIG_EVENT_TYPE_CODES = [
  "ANY",
  "SC_SUBSCRIPTION",
  "SC_CANCEL_REQUEST",
  "CI_SUBSCRIPTION",
  "HELLO_WORLD",
] as const

const AuthMethodSchema = z.enum(["NONE", "BASIC_AUTH", "API_KEY"])

/** `MerchantWebhookConfigRequest` (the fields the plugin sends). */
export const WebhookConfigurationRequestSchema = z.object({
  eventTypeCode: z.string().min(1),
  active: z.boolean().optional(),
  url: z.url({ protocol: /^https?$/ }),
  authMethod: AuthMethodSchema.optional(),
  keyForSignature: z.string().min(1),
  emailForAlerts: z.email().optional(),
  activeEventCodes: z.array(z.string().min(1)).optional(),
})

/**
 * `MerchantWebhookConfigResponse`. Secrets it may carry (`authPassword`, `secret`,
 * `keyForSignature`) are read but must never be logged nor sent to a browser.
 */
export const WebhookConfigurationSchema = z.looseObject({
  eventTypeCode: z.string(),
  active: z.boolean().nullish(),
  url: z.string().nullish(),
  authMethod: z.string().nullish(),
  authLogin: z.string().nullish(),
  authPassword: z.string().nullish(),
  authScope: z.string().nullish(),
  keyForSignature: z.string().nullish(),
  secret: z.string().nullish(),
  emailForAlerts: z.string().nullish(),
  activeEventCodes: z.array(z.string()).nullish(),
})

export type WebhookConfiguration = z.infer<typeof WebhookConfigurationSchema>

export interface PutWebhookConfigurationParams {
  /** HTTPS URL of the shop's webhook route. */
  url: string
  /** HMAC-SHA256 key Scalexpert signs events with (`X-BAAS-SIGNATURE`). */
  keyForSignature: string
  /** Alerted by Scalexpert when deliveries fail. */
  emailForAlerts?: string
  /** Event codes to send; all codes of the event type when absent. */
  activeEventCodes?: string[]
  /** Default `ANY`: one configuration for every event type. */
  eventTypeCode?: string
  /** Default true. */
  active?: boolean
}
