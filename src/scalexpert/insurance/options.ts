/**
 * Insurance options of the Scalexpert provider (spread into the provider's option schema).
 */
import { z } from "zod"

import { INSURANCE_SOLUTION_CODES, type InsuranceSolutionCode } from "./schemas"

export type InsuranceProviderOptions = {
  /**
   * Insurance solutions sold on product pages: `CIFRWE-DXCO` (warranty extension), `CIFRBS-DXCO`
   * (broken screen). Default none: insurance is off until the merchant has the contract.
   */
  insuranceSolutions?: InsuranceSolutionCode[]
  /** Products never offered insurance. */
  insuranceExcludedProductIds?: string[]
  /** Product categories never offered insurance. */
  insuranceExcludedCategoryIds?: string[]
}

export const insuranceOptionsShape = {
  insuranceSolutions: z.array(z.enum(INSURANCE_SOLUTION_CODES)).default([]),
  insuranceExcludedProductIds: z.array(z.string().min(1)).default([]),
  insuranceExcludedCategoryIds: z.array(z.string().min(1)).default([]),
}
