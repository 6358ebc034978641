/** Webhook schemas (merchant-webhooks 1.0.6): the envelope POSTed to the merchant and `GET /events`. */
import { z } from "zod"

import { WireNumberSchema, listOf, tolerant } from "./wire"

/** `data` of a webhook event: one shape for every event type, every field but the type optional. */
export const WebhookEventPayloadSchema = z.looseObject({
  eventTypeCode: z.string(),
  eventCode: tolerant(z.string()),
  merchantGlobalOrderId: tolerant(z.string()),
  financedAmount: tolerant(WireNumberSchema),
  cancelledAmount: tolerant(WireNumberSchema),
  /** Text: a webhook with a status this version does not know must still be acknowledged. */
  consolidatedStatus: tolerant(z.string()),
  cancellationStatus: tolerant(z.string()),
  insuranceSubscriptionId: tolerant(z.string()),
  helloWorldMessage: tolerant(z.string()),
})
export type WebhookEventPayload = z.infer<typeof WebhookEventPayloadSchema>

/**
 * Body POSTed to the merchant's webhook URL (merchant-webhooks "Consume webhooks events").
 * `replayCount` is null on the first delivery, 1 on the first replay.
 */
export const WebhookEnvelopeSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  correlationId: tolerant(z.string()),
  eventTypeCode: z.string(),
  eventCode: tolerant(z.string()),
  data: WebhookEventPayloadSchema,
  replayCount: tolerant(z.number().int()),
})
export type WebhookEnvelope = z.infer<typeof WebhookEnvelopeSchema>

/** An event of `GET /events` (OpenAPI `WebhookEventForMerchant`). */
export const WebhookEventSchema = WebhookEnvelopeSchema.extend({
  /** One of `WEBHOOK_EVENT_STATUSES` (the documentation also mentions KILLED), kept as text. */
  status: z.string(),
  timestampOfLastDeliveryAttempt: tolerant(z.string()),
  httpStatusCodeOfLastDeliveryAttempt: tolerant(z.number().int()),
})
export type WebhookEvent = z.infer<typeof WebhookEventSchema>

/** `GET /events` (OpenAPI `PageOfWebhookEventsForMerchant`). */
export const WebhookEventsPageSchema = z.object({
  totalEventCount: z.number().int(),
  events: listOf(WebhookEventSchema),
})
export type WebhookEventsPage = z.infer<typeof WebhookEventsPageSchema>

/** `POST /events/tests/_trigger` (OpenAPI `TriggerHelloWorldEventResponse`). */
export const TriggerHelloWorldResponseSchema = z.object({
  eventId: z.string(),
})
