import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { ScalexpertGateway } from "../../../../../providers/scalexpert/gateway"
import { getScalexpert, scalexpertProviderId } from "../../../../../providers/scalexpert/registry"
import type { ScalexpertErrorView, WebhookSetup, WebhookTest } from "../../../../../admin/lib/types"
import {
  compareWebhookConfiguration,
  lastWebhookTest,
  PLUGIN_WEBHOOK_EVENT_CODES,
  recordTestSent,
} from "../../../../../providers/scalexpert/webhook-setup"
import { webhookTestStore } from "../../../../../providers/scalexpert/webhook-test-store"
import { isScalexpertError } from "../../../../../scalexpert/errors"
import type { WebhookConfiguration } from "../../../../../scalexpert/webhook-config"

/** Scalexpert's error as the admin shows it (no body, no secret). */
export function errorView(error: unknown): ScalexpertErrorView {
  if (isScalexpertError(error)) {
    return {
      kind: error.kind,
      status: error.status,
      errorCode: error.errorCode,
      message: error.message,
      requestId: error.requestId,
    }
  }
  return { kind: "network", message: error instanceof Error ? error.message : String(error) }
}

/** Where Scalexpert must send webhooks: Medusa's payment webhook route for the provider. */
export function webhookUrl(container: MedusaContainer, backendUrl: string): string {
  return `${backendUrl}/hooks/payment/${scalexpertProviderId(container).replace(/^pp_/, "")}`
}

/** The lender's configuration (`GET /webhooks`, event type `ANY`); null when there is none. */
async function lenderConfiguration(gateway: ScalexpertGateway) {
  try {
    return { config: await gateway.client.getWebhookConfiguration("ANY"), error: null }
  } catch (error) {
    if (isScalexpertError(error) && error.isNotFound) return { config: null, error: null }
    return { config: null as WebhookConfiguration | null, error: errorView(error) }
  }
}

/** Whether the lender's webhooks point at this shop, signed with its key, for its event codes. */
export async function webhookSetup(container: MedusaContainer): Promise<WebhookSetup> {
  const gateway = getScalexpert(container)
  const { options } = gateway
  const url = webhookUrl(container, options.backendUrl)
  const [{ config, error }, test] = await Promise.all([
    lenderConfiguration(gateway),
    lastWebhookTest(webhookTestStore(container)),
  ])
  const comparison = error
    ? { ok: false, problems: [], missing_event_codes: [], lender: null }
    : compareWebhookConfiguration(config, { url, signatureKey: options.webhookSignatureKey })
  return {
    ...comparison,
    expected: {
      url,
      event_codes: [...PLUGIN_WEBHOOK_EVENT_CODES],
      signature_key_configured: !!options.webhookSignatureKey,
    },
    error,
    test,
    checked_at: new Date().toISOString(),
  }
}

/**
 * `PUT /webhooks`: the lender's webhooks for every event type go to this shop, signed with the
 * provider's `webhookSignatureKey`, for the event codes the plugin handles.
 */
export async function registerWebhook(
  container: MedusaContainer,
  emailForAlerts?: string
): Promise<void> {
  const gateway = getScalexpert(container)
  const key = gateway.options.webhookSignatureKey
  if (!key) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Set the provider option webhookSignatureKey (a long random secret, e.g. `openssl rand -hex 32`) and restart Medusa before registering the webhook"
    )
  }
  try {
    await gateway.client.putWebhookConfiguration({
      url: webhookUrl(container, gateway.options.backendUrl),
      keyForSignature: key,
      activeEventCodes: [...PLUGIN_WEBHOOK_EVENT_CODES],
      ...(emailForAlerts ? { emailForAlerts } : {}),
    })
  } catch (error) {
    throw gateway.buildError("register the webhook", error)
  }
}

/** `POST /events/tests/_trigger`: the lender sends `HELLO_WORLD` to the registered URL. */
export async function sendTestEvent(container: MedusaContainer): Promise<WebhookTest> {
  const gateway = getScalexpert(container)
  let eventId: string
  try {
    eventId = (await gateway.client.triggerHelloWorldEvent()).eventId
  } catch (error) {
    throw gateway.buildError("send the test event", error)
  }
  return recordTestSent(webhookTestStore(container), eventId)
}
