/**
 * The Scalexpert insurance API (OpenAPI `swagger_insurance_1.7.1_uatc.yaml`, scope `insurance:rw`)
 * in zod: requests as strict as the contract, responses tolerant (extra fields dropped, numbers
 * that arrive as strings accepted, cosmetic fields optional). Knows nothing of Medusa.
 */
import { z } from "zod"

import { describeIssues, RequestAmountSchema, WireNumberSchema } from "../schemas"

export { describeIssues }

export const INSURANCE_PATH = "/insurance/api/v1"

/** Insurance solutions the API 1.7.1 knows: warranty extension and broken screen (France). */
export const INSURANCE_SOLUTION_CODES = ["CIFRWE-DXCO", "CIFRBS-DXCO"] as const
export type InsuranceSolutionCode = (typeof INSURANCE_SOLUTION_CODES)[number]

export function isInsuranceSolutionCode(value: unknown): value is InsuranceSolutionCode {
  return (INSURANCE_SOLUTION_CODES as readonly unknown[]).includes(value)
}

/** `consolidatedStatus` of an insurance subscription. */
export const INSURANCE_STATUSES = [
  "INITIALIZED",
  "SUBSCRIBED",
  "ACTIVATED",
  "CANCELLED",
  "TERMINATED",
  "ABORTED",
  "REJECTED",
] as const
export const InsuranceStatusSchema = z.enum(INSURANCE_STATUSES)
export type InsuranceStatus = z.infer<typeof InsuranceStatusSchema>

/** Statuses after which a policy never changes again. */
export const FINAL_INSURANCE_STATUSES: readonly InsuranceStatus[] = [
  "CANCELLED",
  "TERMINATED",
  "ABORTED",
  "REJECTED",
]

/** Statuses in which a policy covers the item (and can be cancelled). */
export const LIVE_INSURANCE_STATUSES: readonly InsuranceStatus[] = [
  "INITIALIZED",
  "SUBSCRIBED",
  "ACTIVATED",
]

const RANK: Record<InsuranceStatus, number> = {
  INITIALIZED: 0,
  SUBSCRIBED: 1,
  ACTIVATED: 2,
  CANCELLED: 3,
  TERMINATED: 3,
  ABORTED: 3,
  REJECTED: 3,
}

/** A late or replayed status never moves a policy backwards, and a final one never changes. */
export function isInsuranceStatusMoveAllowed(
  from: InsuranceStatus | null | undefined,
  to: InsuranceStatus
): boolean {
  if (!from) return true
  if (FINAL_INSURANCE_STATUSES.includes(from)) return false
  return RANK[to] >= RANK[from]
}

const SOLUTION_CODE_PATTERN = /^CI\w{4}-\w{4}$/
const text = z.string().min(1)

// ---- requests (strict) --------------------------------------------------------------------

export const InsuranceEligibilityQuerySchema = z.object({
  buyerBillingCountry: z.string().regex(/^[A-Z][A-Z]$/),
})

export const CreateItemRequestSchema = z.object({
  solutionCode: z.string().regex(SOLUTION_CODE_PATTERN),
  sku: text,
  merchantItemId: text,
  brand: text,
  model: text,
  title: text,
  description: text,
  characteristics: text,
  category: text,
  isRefurbished: z.boolean().optional(),
})
export type CreateItemRequest = z.input<typeof CreateItemRequestSchema>

export const SearchInsurancesRequestSchema = z.object({
  solutionCode: z.string().regex(SOLUTION_CODE_PATTERN),
  itemId: text,
  price: RequestAmountSchema,
})
export type SearchInsurancesRequest = z.input<typeof SearchInsurancesRequestSchema>

export const QuotationRequestSchema = z.object({
  solutionCode: z.string().regex(SOLUTION_CODE_PATTERN),
  itemId: text,
  itemPrice: RequestAmountSchema,
  insuranceId: text,
})
export type QuotationRequest = z.input<typeof QuotationRequestSchema>

const PHONE = /^\+(?:[0-9] ?){6,14}[0-9]$/

export const InsuranceBuyerSchema = z.object({
  contact: z.object({
    lastName: text,
    firstName: text,
    email: z.string().regex(/^[a-zA-Z0-9_.+-]{1,100}@[a-zA-Z0-9-]{1,50}\.[a-zA-Z0-9.-]{1,50}$/),
    mobilePhoneNumber: z.string().regex(PHONE),
    phoneNumber: z.string().regex(PHONE).optional(),
  }),
  address: z.object({
    streetNumber: z.number().int(),
    streetNumberSuffix: z.string().optional(),
    streetName: text,
    streetNameComplement: z.string().optional(),
    zipCode: text,
    cityName: text,
    regionName: text,
    countryCode: z.string().regex(/^[A-Z][A-Z]$/),
  }),
})
export type InsuranceBuyer = z.input<typeof InsuranceBuyerSchema>

export const InsuredItemSchema = z.object({
  id: text,
  label: text,
  brandName: text,
  price: RequestAmountSchema,
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  category: text,
  sku: z.string().optional(),
  insurancePrice: RequestAmountSchema,
  isRefurbished: z.boolean().optional(),
})

export const CreateInsuranceSubscriptionRequestSchema = z.object({
  solutionCode: z.string().regex(SOLUTION_CODE_PATTERN),
  quoteId: text,
  insuranceId: text,
  merchantBasketId: text,
  merchantBuyerId: text,
  merchantGlobalOrderId: z.string().max(100),
  producerQuoteExpirationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  producerQuoteInsurancePrice: RequestAmountSchema,
  buyer: InsuranceBuyerSchema,
  insuredItem: InsuredItemSchema,
})
export type CreateInsuranceSubscriptionRequest = z.input<
  typeof CreateInsuranceSubscriptionRequestSchema
>

export const InsuranceCancellationRequestSchema = z.object({ origin: z.string().optional() })

// ---- responses (tolerant) -----------------------------------------------------------------

const tolerant = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v) => v ?? undefined)

export const InsuranceKitSchema = z.object({
  solutionCode: tolerant(z.string()),
  visualTitle: tolerant(z.string()),
  visualDescription: tolerant(z.string()),
  visualInformationIcon: tolerant(z.string()),
  visualAdditionalInformation: tolerant(z.string()),
  visualLegalText: tolerant(z.string()),
  visualLogo: tolerant(z.string()),
  visualInformationNoticeURL: tolerant(z.string()),
  visualProductTermsURL: tolerant(z.string()),
})
export type InsuranceKit = z.infer<typeof InsuranceKitSchema>

/** `SolutionsDTO`; `{}` (no solution) reads as an empty list. */
export const InsuranceSolutionsResponseSchema = z
  .object({
    solutions: tolerant(
      z.array(
        z.object({
          solutionCode: z.string(),
          familyCode: tolerant(z.string()),
          marketCode: tolerant(z.string()),
          conditions: tolerant(z.string()),
          communicationKit: tolerant(InsuranceKitSchema),
        })
      )
    ),
  })
  .transform((v) => v.solutions ?? [])
export type InsuranceSolution = z.output<typeof InsuranceSolutionsResponseSchema>[number]

export const CreateItemResponseSchema = z.object({ id: z.string().min(1) })

export const SearchInsurancesResponseSchema = z.object({
  itemId: tolerant(z.string()),
  solutionCode: tolerant(z.string()),
  insurances: z.array(
    z.object({ id: z.string().min(1), price: WireNumberSchema, description: z.string() })
  ),
})
export type ItemInsurance = z.output<typeof SearchInsurancesResponseSchema>["insurances"][number]

export const QuotationResponseSchema = z.object({
  quoteId: z.string().min(1),
  insurancePrice: WireNumberSchema,
  expirationDate: z.string().min(1),
})
export type Quotation = z.output<typeof QuotationResponseSchema>

export const CreateInsuranceSubscriptionResponseSchema = z.object({
  insuranceSubscriptionId: z.string().min(1),
  consolidatedStatus: InsuranceStatusSchema,
})

export const InsuranceSubscriptionSchema = z.object({
  insuranceSubscriptionId: z.string().min(1),
  consolidatedStatus: InsuranceStatusSchema,
  solutionCode: tolerant(z.string()),
  duration: tolerant(WireNumberSchema),
  merchantGlobalOrderId: tolerant(z.string()),
  merchantBasketId: tolerant(z.string()),
  producerQuoteInsurancePrice: tolerant(WireNumberSchema),
  registrationTimestamp: tolerant(z.string()),
  lastUpdateTimestamp: tolerant(z.string()),
})
export type InsuranceSubscription = z.output<typeof InsuranceSubscriptionSchema>

export const InsuranceSubscriptionListSchema = z.object({
  totalItemCount: WireNumberSchema,
  subscriptions: z.array(InsuranceSubscriptionSchema),
})
