/**
 * The merchant's webhook configurations, one per event type code (`PUT /webhooks`), as the
 * merchant-webhooks OpenAPI describes them: `active` defaults to false, `activeEventCodes`
 * absent = every code of the type. A delivery uses its event type's configuration, else `ANY`'s.
 */
import { BusinessError } from "../http/errors"

export const EVENT_CODES: Readonly<Record<string, readonly string[]>> = {
  SC_SUBSCRIPTION: [
    "SC_SUBSCRIPTION_INITIALIZED",
    "SC_SUBSCRIPTION_REQUESTED",
    "SC_SUBSCRIPTION_PRE_ACCEPTED",
    "SC_SUBSCRIPTION_ACCEPTED",
    "SC_SUBSCRIPTION_REJECTED",
    "SC_SUBSCRIPTION_CANCELLED",
    "SC_SUBSCRIPTION_ABORTED",
  ],
  SC_CANCEL_REQUEST: [
    "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED",
    "SC_CANCEL_REQUEST_CANCELLATION_REJECTED",
    "SC_CANCEL_REQUEST_PARTIAL_CANCELLATION_ACCEPTED",
    "SC_CANCEL_REQUEST_PARTIAL_CANCELLATION_REJECTED",
  ],
  CI_SUBSCRIPTION: [],
  HELLO_WORLD: ["HELLO_WORLD"],
}
export const EVENT_TYPE_CODES = ["ANY", ...Object.keys(EVENT_CODES)]

/** MerchantWebhookConfigResponse. */
export interface WebhookConfig {
  eventTypeCode: string
  active: boolean
  url: string | null
  authMethod: "NONE" | "BASIC_AUTH" | "API_KEY" | null
  authLogin: string | null
  authPassword: string | null
  authScope: string | null
  keyForSignature: string | null
  secret: string | null
  emailForAlerts: string | null
  activeEventCodes: string[] | null
}

/** The sandbox's start-up shortcut (`startSandbox({webhook})`, `PUT /__sandbox/config`): an active `ANY`. */
export interface WebhookShortcut {
  url: string
  signatureKey?: string
  secret?: string
  active?: boolean
  activeEventCodes?: string[]
}

export function defaultConfig(eventTypeCode: string): WebhookConfig {
  return {
    eventTypeCode,
    active: false,
    url: null,
    authMethod: null,
    authLogin: null,
    authPassword: null,
    authScope: null,
    keyForSignature: null,
    secret: null,
    emailForAlerts: null,
    activeEventCodes: null,
  }
}

export function fromShortcut(shortcut: WebhookShortcut): WebhookConfig {
  return {
    ...defaultConfig("ANY"),
    active: shortcut.active !== false,
    url: shortcut.url,
    keyForSignature: shortcut.signatureKey ?? null,
    secret: shortcut.secret ?? null,
    activeEventCodes: shortcut.activeEventCodes ?? null,
  }
}

function badRequest(message: string): BusinessError {
  return new BusinessError(400, "BAD_REQUEST", message)
}

/** `PUT /webhooks` body (schema-checked) → the stored configuration, or a 400. */
export function configFromRequest(body: Record<string, unknown>): WebhookConfig {
  const type = String(body.eventTypeCode)
  if (!EVENT_TYPE_CODES.includes(type)) {
    throw badRequest(`eventTypeCode ${type} is unknown (${EVENT_TYPE_CODES.join(", ")})`)
  }
  const codes = body.activeEventCodes as string[] | undefined
  const known = type === "ANY" ? Object.values(EVENT_CODES).flat() : EVENT_CODES[type]
  const unknown = (codes ?? []).filter((c) => !known.includes(c))
  if (unknown.length > 0) {
    throw badRequest(`activeEventCodes ${unknown.join(", ")} do not belong to ${type}`)
  }
  const config = { ...defaultConfig(type) }
  for (const key of Object.keys(config) as (keyof WebhookConfig)[]) {
    if (body[key] !== undefined) (config as unknown as Record<string, unknown>)[key] = body[key]
  }
  // Silent in the documents: an active webhook without a URL is refused (the stricter choice).
  if (config.active && !config.url) throw badRequest("An active webhook needs a url")
  return config
}

/** MerchantWebhookConfigResponse as sent: "absent or null = all codes", the schema allows only absent. */
export function configJson(config: WebhookConfig): Record<string, unknown> {
  const { activeEventCodes, ...rest } = config
  return activeEventCodes ? { ...config } : rest
}

/** The configuration that governs an event, and whether it lets the event out. */
export function governing(
  configs: ReadonlyMap<string, WebhookConfig>,
  eventTypeCode: string,
  eventCode: string
): { config?: WebhookConfig; status: "ERROR" | "INACTIVE" | "NO_CONFIG" } {
  const config = configs.get(eventTypeCode) ?? configs.get("ANY")
  if (!config || !config.url) return { config, status: "NO_CONFIG" }
  if (!config.active) return { config, status: "INACTIVE" }
  if (config.activeEventCodes && !config.activeEventCodes.includes(eventCode)) {
    return { config, status: "INACTIVE" }
  }
  return { config, status: "ERROR" }
}
