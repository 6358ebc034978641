/**
 * Response types of the insurance store routes, shared by the server and the storefront kit
 * (types only: nothing here runs).
 */

export type ScalexpertInsuranceSolutionCode = "CIFRWE-DXCO" | "CIFRBS-DXCO"

/** One cover the shopper can pick (price in the currency's main unit, e.g. 79.99). */
export type ScalexpertInsuranceOffer = {
  insurance_id: string
  description: string
  price: number
}

/** A solution with its communication kit; `legal_text` must be shown with the offers. */
export type ScalexpertInsuranceSolution = {
  solution_code: ScalexpertInsuranceSolutionCode
  title: string
  description: string | null
  additional_information: string | null
  legal_text: string | null
  logo_url: string | null
  information_notice_url: string | null
  product_terms_url: string | null
  offers: ScalexpertInsuranceOffer[]
}

/** `GET /store/scalexpert/insurance/offers?variant_id=&country=&region_id=` */
export type ScalexpertInsuranceOffersResponse = {
  variant_id: string
  country: string
  currency_code: string
  /** The variant's price the offers are for. */
  item_price: number | null
  /** Empty when nothing is offered (not eligible, excluded, or Scalexpert did not answer). */
  solutions: ScalexpertInsuranceSolution[]
}

/** What a cart's insurance line carries in `metadata.scalexpert_insurance`. */
export type ScalexpertInsuranceLineMetadata = {
  insured_line_item_id: string
  insured_variant_id: string
  solution_code: ScalexpertInsuranceSolutionCode
  insurance_id: string
  description: string
  item_id: string
  item_price: number
  quote_id: string
  quote_expires_at: string
  insurance_price: number
}

/** `POST /store/scalexpert/insurance/carts/:id/lines` and `DELETE .../lines/:line_id` */
export type ScalexpertInsuranceCartResponse = {
  cart_id: string
  /** The insurance line added (absent after a removal). */
  insurance_line_item_id?: string
}

/** Stable codes of the 400 answers of the insurance routes (`{code, message}`). */
export type ScalexpertInsuranceErrorCode =
  | "invalid_parameters"
  | "region_not_found"
  | "variant_not_found"
  | "cart_not_found"
  | "insurance_disabled"
  | "line_item_not_found"
  | "line_item_not_insurable"
  | "insurance_not_offered"
  | "currency_not_supported"
  | "country_not_supported"
  | "insurance_line_not_found"
  | "insurance_unavailable"

/** A policy as the admin routes show it (`GET /admin/scalexpert/insurance/orders/:order_id`). */
export type ScalexpertInsurancePolicyView = {
  id: string
  order_id: string
  line_item_id: string
  insured_line_item_id: string | null
  insured_title: string
  unit_index: number
  solution_code: string
  insurance_id: string
  description: string
  currency_code: string
  /** What the shopper paid for this unit's cover (main unit). */
  price: number
  /** The price of the quotation subscribed (differs from `price` only after a re-quote). */
  quoted_price: number | null
  insured_price: number
  subscription_id: string | null
  /** The insurer's status: INITIALIZED, SUBSCRIBED, ACTIVATED, CANCELLED, TERMINATED, ABORTED, REJECTED. */
  status: string | null
  subscription: {
    status: "pending" | "subscribed" | "failed" | "cancelled"
    attempts: number
    next_attempt_at: string | null
  }
  cancellation: { status: string | null; reason: string | null }
  requoted_at: string | null
  last_error: string | null
  last_read_at: string | null
}

export type ScalexpertInsurancePoliciesResponse = { policies: ScalexpertInsurancePolicyView[] }

/** `GET /admin/scalexpert/insurance/solutions?country=FR`: the contracted insurance solutions. */
export type ScalexpertInsuranceContractedSolutionsResponse = {
  country: string
  /** The solution codes this plugin knows how to sell. */
  known: readonly string[]
  solutions: {
    solution_code: string
    /** The communication kit's title (the insurer's language), else the code. */
    title: string
    /** Whether this shop sells it (provider option `insuranceSolutions`). */
    enabled: boolean
  }[]
}
