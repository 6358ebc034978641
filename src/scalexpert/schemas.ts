/**
 * The Scalexpert contract in code: zod schemas of every request and response the plugin exchanges
 * with Scalexpert, written from the OpenAPI files (e-financing 1.7.1, baas-as 1.0.2 for the token,
 * merchant-webhooks 1.0.6 for `GET /events` and the webhook envelope).
 *
 * - Request schemas are as strict as the OpenAPI file (required fields, enums, max lengths, the
 *   patterns written in the field descriptions). The client validates with them before sending and
 *   the local sandbox validates with the very same schemas, answering 422 like the gateway.
 * - Response schemas are tolerant: extra fields are accepted (and dropped), numbers that arrive as
 *   decimal strings are accepted, cosmetic fields may be null or absent, `consolidatedSubstatus` is
 *   free text. Only `consolidatedStatus` is closed: the client turns an unknown value into a
 *   `ScalexpertUnknownStatusError`.
 *
 * No Medusa import here: the sandbox imports this file.
 */
import { z } from "zod"

import { hasAtMostTwoDecimals } from "./money"

export {
  amountToCents,
  centsToAmount,
  toWireAmount,
  hasAtMostTwoDecimals,
  addAmounts,
  subtractAmounts,
  type AmountLike,
} from "./money"

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Field rules taken from the OpenAPI descriptions
// ---------------------------------------------------------------------------------------------

/** E.164, from the `mobilePhoneNumber` description (`^\\+[1-9]\\d{1,14}$`, Java-escaped there). */
export const PHONE_PATTERN = /^\+[1-9]\d{1,14}$/
/** Lower-case e-mail, from the `email` description. */
export const EMAIL_PATTERN = new RegExp(
  // Kept character for character as the OpenAPI writes it (the contract test compares them).
  String.raw`^((?:[a-z0-9_.+-]){1,64})(@)((?:[a-z0-9.\-])*(?:[a-z0-9])\.(?:[a-z0-9]){2,})$`
)
/** ISO 3166-1 alpha-2 as the `countryCode` description puts it (`[A-Z][A-Z]`). */
export const COUNTRY_CODE_PATTERN = /^[A-Z][A-Z]$/
/** Names "MUST not contain any numeric value, any question or exclamation mark". */
export const NAME_PATTERN = /^[^0-9?!]*$/

const personName = (max: number) =>
  z
    .string()
    .max(max)
    .regex(NAME_PATTERN)
    .refine((s) => s.trim().length > 0, { message: "must not be blank" })

/** Euros, positive, at most two fractional digits (`SolutionSimulationRequest.financedAmount`). */
export const RequestAmountSchema = z
  .number()
  .positive()
  .refine(hasAtMostTwoDecimals, { message: "must have at most 2 digits in the fractional part" })

// ---------------------------------------------------------------------------------------------
// Request schemas (strict)
// ---------------------------------------------------------------------------------------------

export const ContactSchema = z.object({
  firstName: personName(350),
  lastName: personName(350),
  commonTitle: z.enum(COMMON_TITLES),
  email: z.string().max(320).regex(EMAIL_PATTERN),
  mobilePhoneNumber: z.string().max(16).regex(PHONE_PATTERN),
  phoneNumber: z.string().max(16).regex(PHONE_PATTERN).optional(),
  professionalTitle: z.string().max(35).regex(NAME_PATTERN).optional(),
})
export type Contact = z.infer<typeof ContactSchema>

export const AddressSchema = z.object({
  locationType: z.enum(LOCATION_TYPES),
  streetNumber: z.number().int().nullable().optional(),
  streetNumberSuffix: z.string().max(3).optional(),
  streetName: z.string().max(140),
  streetNameComplement: z.string().max(140).optional(),
  zipCode: z.string().max(16),
  cityName: z.string().max(140),
  regionName: z.string().max(140),
  countryCode: z.string().max(2).regex(COUNTRY_CODE_PATTERN),
})
export type Address = z.infer<typeof AddressSchema>

export const BuyerSchema = z.object({
  birthName: z.string().max(350).regex(NAME_PATTERN).optional(),
  birthDate: z.iso.date().optional(),
  birthCityName: z.string().optional(),
  birthCountryName: z.string().optional(),
  deliveryMethod: z.string().optional(),
  lastDatePurchase: z.iso.date().optional(),
  vip: z.boolean().optional(),
  contact: ContactSchema,
  contactAddress: AddressSchema,
  billingContact: ContactSchema,
  billingAddress: AddressSchema,
  deliveryContact: ContactSchema,
  deliveryAddress: AddressSchema,
})
export type Buyer = z.infer<typeof BuyerSchema>

/**
 * The OpenAPI file sets no length on basket strings, but the real API refused SKUs over 36
 * characters: the client enforces that (and the contract test lists it as a known extra rule).
 */
export const BASKET_SKU_MAX_LENGTH = 36

export const BasketItemSchema = z.object({
  id: z.string(),
  quantity: z.number().int(),
  model: z.string(),
  label: z.string(),
  price: z.number(),
  currencyCode: z.string(),
  orderId: z.string(),
  brandName: z.string(),
  description: z.string(),
  specifications: z.string(),
  category: z.string(),
  sku: z.string().max(BASKET_SKU_MAX_LENGTH).optional(),
  isFinanced: z.boolean(),
})
export type BasketItem = z.infer<typeof BasketItemSchema>

export const MerchantUrlsSchema = z.object({
  confirmation: z.url(),
})

/** Body of `POST /subscriptions` (OpenAPI `InitiateCreditSubscriptionRequest`). */
export const CreateSubscriptionRequestSchema = z.object({
  solutionCode: z.string().min(1),
  merchantBasketId: z.string().min(1),
  merchantGlobalOrderId: z.string().min(1),
  merchantBuyerId: z.string().min(1),
  financedAmount: RequestAmountSchema,
  merchantUrls: MerchantUrlsSchema,
  buyers: z.array(BuyerSchema).min(1).max(100),
  basketDetails: z.object({
    basketItems: z.array(BasketItemSchema),
  }),
})
export type CreateSubscriptionRequest = z.infer<typeof CreateSubscriptionRequestSchema>

/** Query of `POST /subscriptions` (`language` is declared required). */
export const CreateSubscriptionQuerySchema = z.object({
  language: LanguageSchema,
})

/** Body of `POST /_simulate-solutions` (OpenAPI `SolutionSimulationRequest`). */
export const SimulateSolutionsRequestSchema = z.object({
  financedAmount: RequestAmountSchema,
  buyerBillingCountry: BuyerBillingCountrySchema,
  solutionCodes: z.array(z.string()).max(100).optional(),
})
export type SimulateSolutionsRequest = z.infer<typeof SimulateSolutionsRequestSchema>

/** Body of `POST /subscriptions/{id}/_confirmDelivery` (OpenAPI `ConfirmDeliveryRequest`). */
export const ConfirmDeliveryRequestSchema = z.object({
  isDelivered: z.boolean(),
  trackingNumber: z.string().min(1).max(100).optional(),
  operator: DeliveryOperatorSchema.optional(),
})
export type ConfirmDeliveryRequest = z.infer<typeof ConfirmDeliveryRequestSchema>

/** Body of `POST /subscriptions/{id}/_confirmReturn` (OpenAPI `ConfirmReturnRequest`). */
export const ConfirmReturnRequestSchema = z.object({
  isReturned: z.boolean(),
})
export type ConfirmReturnRequest = z.infer<typeof ConfirmReturnRequestSchema>

export const CancellationContactSchema = z.object({
  lastName: z.string().optional(),
  firstName: z.string().optional(),
  email: z.string().optional(),
  phoneNumber: z.string().optional(),
})

/** Body of `POST /subscriptions/{id}/_cancel` (OpenAPI `CreditCancellationDTO`); no amount = full cancel. */
export const CancelSubscriptionRequestSchema = z.object({
  cancelledAmount: RequestAmountSchema.optional(),
  cancelledItem: z.string().optional(),
  cancellationReason: z.string().optional(),
  cancellationContact: CancellationContactSchema.optional(),
})
export type CancelSubscriptionRequest = z.infer<typeof CancelSubscriptionRequestSchema>

/** Wire query (strings) of `GET /eligible-solutions`, as the server receives it. */
export const EligibleSolutionsQuerySchema = z.object({
  buyerBillingCountry: z.string().min(1),
  financedAmount: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().positive()),
})

/** Wire query of `GET /subscriptions`. */
export const ListSubscriptionsQuerySchema = z.object({
  merchantGlobalOrderId: z.string().optional(),
  merchantBasketId: z.string().optional(),
  page: z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
    .optional(),
  pageSize: z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
    .optional(),
})

/** Wire query of `GET /events` (merchant-webhooks). */
export const ListEventsQuerySchema = z.object({
  status: z.enum(WEBHOOK_EVENT_STATUSES).optional(),
  eventTypeCode: z.string().optional(),
  eventCode: z.string().optional(),
  fromTimestamp: z.iso.datetime().optional(),
  toTimestamp: z.iso.datetime().optional(),
  page: z.string().regex(/^\d+$/).transform(Number).optional(),
  pageSize: z.string().regex(/^\d+$/).transform(Number).optional(),
  sort: z.string().optional(),
})

/** Form body of the token request (baas-as `POST /oauth2/token`). */
export const TokenRequestSchema = z.object({
  grant_type: z.string(),
  scope: z.string().optional(),
})

// ---------------------------------------------------------------------------------------------
// Response schemas (tolerant)
// ---------------------------------------------------------------------------------------------

/** A wire number that may also arrive as a decimal string (`"1500.0"` in the OpenAPI examples). */
export const WireNumberSchema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
])

/** Optional in the response, `null` accepted, normalised to `undefined`. */
function tolerant<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined)
}

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: WireNumberSchema,
  scope: tolerant(z.string()),
})
export type TokenResponse = z.infer<typeof TokenResponseSchema>

export const CommunicationKitSchema = z.object({
  solutionCode: z.string(),
  visualTitle: tolerant(z.string()),
  visualDescription: tolerant(z.string()),
  visualInformationIcon: tolerant(z.string()),
  visualAdditionalInformation: tolerant(z.string()),
  visualLegalText: tolerant(z.string()),
  visualTableImage: tolerant(z.string()),
  visualLogo: tolerant(z.string()),
  visualInformationNoticeURL: tolerant(z.string()),
  visualProductTermsURL: tolerant(z.string()),
})
export type CommunicationKit = z.infer<typeof CommunicationKitSchema>

/** One eligible solution (OpenAPI `ProductsAndServicesResponse`). */
export const EligibleSolutionSchema = z.object({
  solutionCode: z.string(),
  familyCode: tolerant(z.string()),
  marketCode: tolerant(z.string()),
  conditions: tolerant(z.string()),
  communicationKit: tolerant(CommunicationKitSchema),
})
export type EligibleSolution = z.infer<typeof EligibleSolutionSchema>

/** `GET /eligible-solutions`: `{}` (not eligible) is normalised to `{ solutions: [] }`. */
export const EligibleSolutionsResponseSchema = z.object({
  solutions: z
    .array(EligibleSolutionSchema)
    .nullish()
    .transform((v) => v ?? []),
})
export type EligibleSolutionsResponse = z.infer<typeof EligibleSolutionsResponseSchema>

export const InstallmentSchema = z.object({
  number: z.number().int(),
  amount: WireNumberSchema,
})
export type Installment = z.infer<typeof InstallmentSchema>

/** One plan (OpenAPI `Simulation`). The misspelt `intallments` of the OpenAPI examples is accepted. */
export const SimulationSchema = z.preprocess(
  (value) => {
    if (
      value &&
      typeof value === "object" &&
      !("installments" in value) &&
      "intallments" in value
    ) {
      const { intallments, ...rest } = value as Record<string, unknown>
      return { ...rest, installments: intallments }
    }
    return value
  },
  z.object({
    duration: z.number().int(),
    effectiveAnnualPercentageRate: WireNumberSchema,
    nominalPercentageRate: WireNumberSchema,
    totalCost: WireNumberSchema,
    dueTotalAmount: WireNumberSchema,
    feesAmount: WireNumberSchema,
    installments: z.array(InstallmentSchema),
  })
)
export type Simulation = z.infer<typeof SimulationSchema>

export const SolutionSimulationSchema = z.object({
  solutionCode: z.string(),
  // The OpenAPI example sends a single object where the schema says array: accept both.
  simulations: z.preprocess(
    (v) => (Array.isArray(v) ? v : v == null ? [] : [v]),
    z.array(SimulationSchema)
  ),
})
export type SolutionSimulation = z.infer<typeof SolutionSimulationSchema>

/** `POST /_simulate-solutions` (OpenAPI `SolutionSimulationResponse`). */
export const SimulateSolutionsResponseSchema = z.object({
  financedAmount: WireNumberSchema,
  buyerBillingCountry: z.string(),
  solutionSimulations: z
    .array(SolutionSimulationSchema)
    .nullish()
    .transform((v) => v ?? []),
})
export type SimulateSolutionsResponse = z.infer<typeof SimulateSolutionsResponseSchema>

export const RedirectSchema = z.object({
  type: tolerant(z.enum(["url", "page"]).or(z.string())),
  value: tolerant(z.string()),
})

/** `POST /subscriptions` → 201 (OpenAPI `InitiateCreditSubscriptionResponse`). */
export const CreateSubscriptionResponseSchema = z.object({
  id: z.string().min(1),
  redirect: tolerant(RedirectSchema),
})
export type CreateSubscriptionResponse = z.infer<typeof CreateSubscriptionResponseSchema>

/** An item of `GET /subscriptions` (OpenAPI `CreditSubscriptionDto`). */
export const SubscriptionListItemSchema = z.object({
  creditSubscriptionId: z.string(),
  registrationTimestamp: tolerant(z.string()),
  lastUpdateTimestamp: tolerant(z.string()),
  solutionCode: z.string(),
  marketTypeCode: tolerant(z.string()),
  implementationCode: tolerant(z.string()),
  merchantBasketId: tolerant(z.string()),
  merchantGlobalOrderId: z.string(),
  buyerFinancedAmount: WireNumberSchema,
  consolidatedStatus: ConsolidatedStatusSchema,
  consolidatedSubstatus: tolerant(z.string()),
  /** One of `CANCELLATION_STATUSES`, kept as text so that a new value never breaks a read. */
  cancellationStatus: tolerant(z.string()),
  cancellationAlreadyMade: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  isDelivered: tolerant(z.boolean()),
  isReturned: tolerant(z.boolean()),
})
export type SubscriptionListItem = z.infer<typeof SubscriptionListItemSchema>

/** `GET /subscriptions` (OpenAPI `PaginationCreditSubscriptionsDtoResponse`). */
export const SubscriptionListResponseSchema = z.object({
  totalItemCount: z.number().int(),
  subscriptions: z
    .array(SubscriptionListItemSchema)
    .nullish()
    .transform((v) => v ?? []),
})
export type SubscriptionListResponse = z.infer<typeof SubscriptionListResponseSchema>

/** Buyer as read back: personal data, kept loose (never validated against the request rules). */
export const BuyerResponseSchema = z.looseObject({
  contact: tolerant(z.looseObject({})),
  billingAddress: tolerant(z.looseObject({})),
  deliveryAddress: tolerant(z.looseObject({})),
})

/** `GET /subscriptions/{id}` (OpenAPI `CreditSubscriptionDtoResponse`). */
export const SubscriptionSchema = z.object({
  creditSubscriptionId: z.string(),
  registrationTimestamp: tolerant(z.string()),
  lastUpdateTimestamp: tolerant(z.string()),
  solutionCode: z.string(),
  familyCode: tolerant(z.string()),
  marketTypeCode: tolerant(z.string()),
  implementationCode: tolerant(z.string()),
  merchantBasketId: tolerant(z.string()),
  merchantGlobalOrderId: z.string(),
  merchantBuyerId: tolerant(z.string()),
  financedAmount: WireNumberSchema,
  consolidatedStatus: ConsolidatedStatusSchema,
  consolidatedSubstatus: tolerant(z.string()),
  /** One of `CANCELLATION_STATUSES`, kept as text so that a new value never breaks a read. */
  cancellationStatus: tolerant(z.string()),
  cancellationAlreadyMade: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  buyer: tolerant(BuyerResponseSchema),
  basketDetails: tolerant(z.unknown()),
  isDelivered: tolerant(z.boolean()),
  isReturned: tolerant(z.boolean()),
})
export type Subscription = z.infer<typeof SubscriptionSchema>

/** `POST /subscriptions/{id}/_cancel` → 200 (OpenAPI `CreditCancellationResponse`). */
export const CancelSubscriptionResponseSchema = z.object({
  financedAmount: tolerant(WireNumberSchema),
  /** One of `CANCEL_RESPONSE_STATUSES`, kept as text. */
  status: tolerant(z.string()),
})
export type CancelSubscriptionResponse = z.infer<typeof CancelSubscriptionResponseSchema>

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
  events: z
    .array(WebhookEventSchema)
    .nullish()
    .transform((v) => v ?? []),
})
export type WebhookEventsPage = z.infer<typeof WebhookEventsPageSchema>

/** `POST /events/tests/_trigger` (OpenAPI `TriggerHelloWorldEventResponse`). */
export const TriggerHelloWorldResponseSchema = z.object({
  eventId: z.string(),
})

/** Business error body (OpenAPI `BaasExceptionHttpResponse`). */
export const BaasErrorResponseSchema = z.looseObject({
  timestamp: tolerant(z.string()),
  httpStatusCode: tolerant(WireNumberSchema),
  httpStatusMessage: tolerant(z.string()),
  errorCode: tolerant(z.string()),
  errorMessage: tolerant(z.string()),
  errors: tolerant(
    z.array(z.object({ code: tolerant(z.string()), message: tolerant(z.string()) }))
  ),
  requestMethod: tolerant(z.string()),
  requestURI: tolerant(z.string()),
})
export type BaasErrorResponse = z.infer<typeof BaasErrorResponseSchema>

/** Gateway validation error body: `{ message: "[Code: 1028 | Message: $.x: ...]", requestId, traceId }`. */
export const GatewayErrorResponseSchema = z.looseObject({
  message: z.string(),
  requestId: tolerant(z.string()),
  traceId: tolerant(z.string()),
})

/** The gateway's code for a request that fails schema validation. */
export const GATEWAY_VALIDATION_CODE = "1028"

// ---------------------------------------------------------------------------------------------
// Validation messages, shared by the client (local validation) and the sandbox (422 answers)
// ---------------------------------------------------------------------------------------------

export interface FieldIssue {
  /** JSON path without the `$.` prefix, e.g. `buyers[0].contact.email`. */
  field: string
  /** What is wrong, in the gateway's (networknt json-schema-validator) wording. */
  reason: string
}

/** `["buyers", 0, "contact", "email"]` → `buyers[0].contact.email`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ""
  for (const part of path) {
    if (typeof part === "number") {
      out += `[${part}]`
    } else {
      out += out === "" ? String(part) : `.${String(part)}`
    }
  }
  return out
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input
  for (const part of path) {
    if (current === null || typeof current !== "object") {
      return undefined
    }
    current = (current as Record<PropertyKey, unknown>)[part]
  }
  return current
}

function jsonType(value: unknown): string {
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number"
  return typeof value
}

/**
 * Turns zod issues into field + reason pairs worded like the Scalexpert gateway
 * (`$.solutionCode: is missing but it is required`).
 */
export function describeIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = formatIssuePath(issue.path)
    const actual = valueAt(input, issue.path)
    let reason: string
    if (actual === undefined && issue.code !== "custom") {
      return { field, reason: "is missing but it is required" }
    }
    switch (issue.code) {
      case "invalid_type":
        reason = `${jsonType(actual)} found, ${issue.expected} expected`
        break
      case "too_big":
        reason =
          issue.origin === "string"
            ? `may only be ${String(issue.maximum)} characters long`
            : issue.origin === "array"
              ? `there must be a maximum of ${String(issue.maximum)} items in the array`
              : `must have a maximum value of ${String(issue.maximum)}`
        break
      case "too_small":
        reason =
          issue.origin === "string"
            ? `must be at least ${String(issue.minimum)} characters long`
            : issue.origin === "array"
              ? `expected at least ${String(issue.minimum)} items`
              : issue.inclusive
                ? `must have a minimum value of ${String(issue.minimum)}`
                : `must have an exclusive minimum value of ${String(issue.minimum)}`
        break
      case "invalid_format":
        reason =
          issue.format === "regex" && "pattern" in issue && typeof issue.pattern === "string"
            ? `does not match the regex pattern ${issue.pattern.replace(/^\/|\/[a-z]*$/g, "")}`
            : `does not match the ${issue.format} pattern`
        break
      case "invalid_value":
        reason = `does not have a value in the enumeration [${issue.values.map(String).join(", ")}]`
        break
      default:
        reason = issue.message
    }
    return { field, reason }
  })
}

/** `[Code: 1028 | Message: $.a: reason, $.b: reason]`, the gateway's 422 `message`. */
export function formatGatewayMessage(issues: readonly FieldIssue[]): string {
  const text = issues
    .map((i) => (i.field === "" ? `$: ${i.reason}` : `$.${i.field}: ${i.reason}`))
    .join(", ")
  return `[Code: ${GATEWAY_VALIDATION_CODE} | Message: ${text}]`
}
