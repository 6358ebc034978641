import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { ProviderWebhookPayload } from "@medusajs/framework/types"
import { PaymentWebhookEvents } from "@medusajs/framework/utils"
import { getScalexpert, scalexpertProviderId } from "../providers/scalexpert/registry"
import { recordTestArrival } from "../providers/scalexpert/webhook-setup"
import { webhookTestStore } from "../providers/scalexpert/webhook-test-store"

type WebhookEvent = { provider: string; payload: ProviderWebhookPayload["payload"] }

/**
 * The `HELLO_WORLD` test event that Settings → Scalexpert asks the lender to send: records when
 * it arrived and whether its signature checked out, for the settings page to show. Every other
 * event is the plugin's webhook subscriber's.
 */
export default async function scalexpertWebhookTestHandler({
  event,
  container,
}: SubscriberArgs<WebhookEvent>) {
  if (`pp_${event.data.provider}` !== scalexpertProviderId(container)) return
  await recordTestArrival(
    webhookTestStore(container),
    event.data.payload,
    getScalexpert(container).options.webhookSignatureKey
  )
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "scalexpert-webhook-test" },
}
