import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { ProviderWebhookPayload } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { getScalexpert, scalexpertProviderId } from "../providers/scalexpert/registry"
import { syncScalexpertFileWorkflow } from "../workflows/sync-scalexpert-file"
import { handleInsuranceWebhook } from "../workflows/insurance/webhook"
import { errorForLog } from "../scalexpert/errors"

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
  // Medusa's id of the provider in `/hooks/payment/{provider}`: its id without `pp_`.
  if (event.data.provider !== scalexpertProviderId(container).replace(/^pp_/, "")) return
  const payload = event.data.payload
  const raw = payload.rawData as unknown as { type?: string; data?: number[] }
  // The event bus may carry the raw body as a serialized Buffer.
  if (raw?.type === "Buffer" && Array.isArray(raw.data)) payload.rawData = Buffer.from(raw.data)
  if (await handleInsuranceWebhook(container, payload)) return // CI_SUBSCRIPTION_* events

  const verified = getScalexpert(container).verifyWebhook(payload)
  if (!verified) return
  try {
    await syncScalexpertFileWorkflow(container).run({
      input: {
        payment_session_id: verified.sessionId,
        trigger: "webhook",
        // What the event says: no new read when a recent one said the same.
        event_status: verified.consolidatedStatus,
        event_code: verified.eventCode,
        lane: "background",
      },
    })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Scalexpert webhook ${verified.eventCode ?? ""} for payment session ${verified.sessionId} not applied: ${errorForLog(error)}`
      )
  }
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "scalexpert-webhook-handler" },
}
