import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { ProviderWebhookPayload } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { getScalexpert } from "../providers/scalexpert/registry"
import { syncScalexpertFileWorkflow } from "../workflows/sync-scalexpert-file"

/** Medusa's id of the provider in `/hooks/payment/{provider}`. */
const WEBHOOK_PROVIDER = "scalexpert_scalexpert"

type WebhookEvent = { provider: string; payload: ProviderWebhookPayload["payload"] }

/**
 * Scalexpert webhooks (`POST /hooks/payment/scalexpert_scalexpert`, answered 200 by Medusa at
 * once): a signed event is only a prompt to re-read its file through the sync workflow, so a
 * replayed or late event is harmless, and an order is made even if the shopper never returns.
 */
export default async function scalexpertWebhookHandler({
  event,
  container,
}: SubscriberArgs<WebhookEvent>) {
  if (event.data.provider !== WEBHOOK_PROVIDER) return
  const payload = event.data.payload
  const raw = payload.rawData as unknown as { type?: string; data?: number[] }
  // The event bus may carry the raw body as a serialized Buffer.
  if (raw?.type === "Buffer" && Array.isArray(raw.data)) payload.rawData = Buffer.from(raw.data)

  const verified = getScalexpert(container).verifyWebhook(payload)
  if (!verified) return
  try {
    await syncScalexpertFileWorkflow(container).run({
      input: { payment_session_id: verified.sessionId, trigger: "webhook" },
    })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Scalexpert webhook ${verified.eventCode ?? ""} for payment session ${verified.sessionId} not applied: ${(error as Error).message}`
      )
  }
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "scalexpert-webhook-handler" },
}
