/** Enumerations of the Scalexpert contract (e-financing, merchant-webhooks, baas-as scopes). */
import { z } from "zod"

/** `consolidatedStatus` of a credit subscription (OpenAPI `CreditSubscriptionDto.consolidatedStatus`). */
export const CONSOLIDATED_STATUSES = [
  "INITIALIZED",
  "REQUESTED",
  "PRE_ACCEPTED",
  "ACCEPTED",
  "REJECTED",
  "ABORTED",
  "CANCELLED",
] as const
export const ConsolidatedStatusSchema = z.enum(CONSOLIDATED_STATUSES)
export type ConsolidatedStatus = z.infer<typeof ConsolidatedStatusSchema>

/**
 * Status moves are not a graph here: what a status means for the shop, and which one wins when
 * reads disagree, is decided by ranking in the plugin's `decide` (providers/scalexpert/decide.ts).
 */

/**
 * Sub-status strings as the real API spells them (they differ from the documentation: note the
 * dash in the pre-approval text and the single L of CANCELED). Display them; never branch on them.
 */
export const KNOWN_SUBSTATUSES = {
  IN_PROGRESS: "SUBSCRIPTION IN PROGRESS",
  PRE_APPROVED: "SUBSCRIPTION PRE-APPROVED BY PRODUCER - WAITING FOR CONTRACT SIGNATURE",
  CONTRACT_SIGNED: "CONTRACT SIGNED BY CUSTOMER",
  WAITING_ADDITIONAL_INFORMATION: "WAITING CUSTOMER FOR ADDITIONAL INFORMATION",
  APPROVED: "SUBSCRIPTION APPROVED BY PRODUCER",
  WAITING_DELIVERY_CONFIRMATION: "WAITING FOR THE DELIVERY CONFIRMATION",
  AWAITING_PAYMENT: "AWAITING PAYMENT TO MERCHANT",
  PAYMENT_ISSUED: "PAYMENT HAS BEEN ISSUED TO MERCHANT",
  REJECTED: "SUBSCRIPTION REJECTED BY PRODUCER",
  ABORTED_BY_CUSTOMER: "ABORTED BY CUSTOMER",
  ABORTED_TECHNICAL: "ABORTED DUE TO TECHNICAL ISSUE",
  CANCELED_BY_CUSTOMER: "CANCELED BY CUSTOMER",
  EXPIRED: "EXPIRED",
} as const

/** `cancellationStatus` of a subscription and of `SC_CANCEL_REQUEST` events. */
export const CANCELLATION_STATUSES = [
  "REQUEST_FOR_PARTIAL_CANCELLATION",
  "REQUEST_FOR_CANCELLATION",
  "CANCELLATION_ACCEPTED",
  "CANCELLATION_REJECTED",
  "PARTIAL_CANCELLATION_ACCEPTED",
  "PARTIAL_CANCELLATION_REJECTED",
] as const
export type CancellationStatus = (typeof CANCELLATION_STATUSES)[number]

/** `status` of the `_cancel` answer (OpenAPI `CreditCancellationResponse.status`). */
export const CANCEL_RESPONSE_STATUSES = [
  ...CONSOLIDATED_STATUSES,
  "REQUEST_CANCELLATION",
  "REQUEST_PART_CANCELLATION",
  "CANCEL_FULL_ACCEPTED",
  "CANCEL_FULL_REJECTED",
  "CANCEL_PART_ACCEPTED",
  "CANCEL_PART_REJECTED",
] as const
export type CancelResponseStatus = (typeof CANCEL_RESPONSE_STATUSES)[number]

/** Delivery companies accepted by `_confirmDelivery`. */
export const DELIVERY_OPERATORS = [
  "UPS",
  "DHL",
  "CHRONOPOST",
  "LA_POSTE",
  "DPD",
  "RELAIS_COLIS",
  "MONDIAL_RELAY",
  "FEDEX",
  "GLS",
  "UNKNOWN",
] as const
export const DeliveryOperatorSchema = z.enum(DELIVERY_OPERATORS)
export type DeliveryOperator = z.infer<typeof DeliveryOperatorSchema>

export const LOCATION_TYPES = [
  "BILLING_ADDRESS",
  "MAIN_ADDRESS",
  "DELIVERY_ADDRESS",
  "PREVIOUS_MAIN_ADDRESS",
] as const

export const COMMON_TITLES = ["MR", "MRS"] as const

export const BUYER_BILLING_COUNTRIES = ["FR", "DE"] as const
export const BuyerBillingCountrySchema = z.enum(BUYER_BILLING_COUNTRIES)

export const LANGUAGES = ["fr-FR", "de-DE"] as const
export const LanguageSchema = z.enum(LANGUAGES)
export type Language = z.infer<typeof LanguageSchema>

/** Delivery status of a webhook event (`GET /events?status=`). */
export const WEBHOOK_EVENT_STATUSES = ["OK", "ERROR", "INACTIVE", "NO_CONFIG"] as const
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number]

export const WEBHOOK_EVENT_TYPE_CODES = [
  "SC_SUBSCRIPTION",
  "SC_CANCEL_REQUEST",
  "CI_SUBSCRIPTION",
  "HELLO_WORLD",
] as const

/** Event codes of the e-financing event types (merchant-webhooks "Webhook event types"). */
export const WEBHOOK_EVENT_CODES = [
  "SC_SUBSCRIPTION_INITIALIZED",
  "SC_SUBSCRIPTION_PRE_ACCEPTED",
  "SC_SUBSCRIPTION_ACCEPTED",
  "SC_SUBSCRIPTION_REJECTED",
  "SC_SUBSCRIPTION_CANCELLED",
  "SC_SUBSCRIPTION_ABORTED",
  "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED",
  "SC_CANCEL_REQUEST_CANCELLATION_REJECTED",
  "SC_CANCEL_REQUEST_PARTIAL_CANCELLATION_ACCEPTED",
  "SC_CANCEL_REQUEST_PARTIAL_CANCELLATION_REJECTED",
  "HELLO_WORLD",
] as const

/** OAuth2 scopes. */
export const SCOPES = {
  eFinancing: "e-financing:rw",
  insurance: "insurance:rw",
  webhooks: "common-services:rw",
} as const
