/**
 * Response schemas (tolerant): extra fields are accepted (and dropped), numbers that arrive as
 * decimal strings are accepted, cosmetic fields may be null or absent, `consolidatedSubstatus` is
 * free text. Only `consolidatedStatus` is closed.
 */
import { z } from "zod"

import { ConsolidatedStatusSchema } from "./enums"
import { WireNumberSchema, listOf, tolerant } from "./wire"

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
  solutions: listOf(EligibleSolutionSchema),
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
  solutionSimulations: listOf(SolutionSimulationSchema),
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

/** What a subscription shows both in `GET /subscriptions` and read alone. */
const subscriptionFields = {
  creditSubscriptionId: z.string(),
  registrationTimestamp: tolerant(z.string()),
  lastUpdateTimestamp: tolerant(z.string()),
  solutionCode: z.string(),
  marketTypeCode: tolerant(z.string()),
  implementationCode: tolerant(z.string()),
  merchantBasketId: tolerant(z.string()),
  merchantGlobalOrderId: z.string(),
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
}

/** An item of `GET /subscriptions` (OpenAPI `CreditSubscriptionDto`). */
export const SubscriptionListItemSchema = z.object({
  ...subscriptionFields,
  buyerFinancedAmount: WireNumberSchema,
})
export type SubscriptionListItem = z.infer<typeof SubscriptionListItemSchema>

/** `GET /subscriptions` (OpenAPI `PaginationCreditSubscriptionsDtoResponse`). */
export const SubscriptionListResponseSchema = z.object({
  totalItemCount: z.number().int(),
  subscriptions: listOf(SubscriptionListItemSchema),
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
  ...subscriptionFields,
  familyCode: tolerant(z.string()),
  merchantBuyerId: tolerant(z.string()),
  financedAmount: WireNumberSchema,
  buyer: tolerant(BuyerResponseSchema),
  basketDetails: tolerant(z.unknown()),
})
export type Subscription = z.infer<typeof SubscriptionSchema>

/** `POST /subscriptions/{id}/_cancel` → 200 (OpenAPI `CreditCancellationResponse`). */
export const CancelSubscriptionResponseSchema = z.object({
  financedAmount: tolerant(WireNumberSchema),
  /** One of `CANCEL_RESPONSE_STATUSES`, kept as text. */
  status: tolerant(z.string()),
})
export type CancelSubscriptionResponse = z.infer<typeof CancelSubscriptionResponseSchema>
