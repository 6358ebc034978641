/**
 * Request schemas (strict): as strict as the OpenAPI file (required fields, enums, max lengths, the
 * patterns written in the field descriptions).
 */
import { z } from "zod"

import { hasAtMostTwoDecimals } from "../money"
import {
  BuyerBillingCountrySchema,
  COMMON_TITLES,
  DeliveryOperatorSchema,
  LOCATION_TYPES,
  LanguageSchema,
  WEBHOOK_EVENT_STATUSES,
} from "./enums"

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
