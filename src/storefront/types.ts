/**
 * The storefront contract of `medusa-payment-scalexpert`: what the plugin's store routes answer.
 * Shared by the routes (server) and the storefront kit (browser); types only, no code.
 *
 * Amounts are decimal euros (`1290`, `430.5`), rates are percentages (`8.9` for 8.9 %).
 */

/** Languages of the human names and of the kit's components. */
export type ScalexpertLocale = "en" | "fr" | "de"

/** `split`: pay in 3 or 4 card instalments. `long_credit`: a consumer credit over months. */
export type ScalexpertSolutionKind = "split" | "long_credit"

/** Why no solution is offered (the list is empty). */
export type ScalexpertUnavailableReason =
  /** The cart holds, or the page shows, a product or category the shop excludes from financing. */
  | "product_excluded"
  /** The cart is not in euros. */
  | "currency_not_supported"
  /** No Scalexpert solution of this shop is sold in this billing country. */
  | "country_not_supported"
  /** The cart has no billing or shipping address, and its region has several countries. */
  | "missing_country"
  /** The amount is outside the bounds the shop set for every solution of this country. */
  | "amount_out_of_bounds"
  /** The cart is empty (its total is zero). */
  | "empty_cart"
  /** Scalexpert offers none of the shop's solutions for this amount and country. */
  | "not_eligible"
  /** The cart holds a Scalexpert insurance and the shop hides financing then (`hideFinancingWithInsurance`). */
  | "insurance_in_cart"

/**
 * What the lender requires to be shown wherever its financing is offered. The text fields are
 * HTML that the plugin sanitised (only `b`, `strong`, `i`, `em`, `u`, `br`, `p`, `span`, `ul`, `ol`,
 * `li`, `small`, `sup`, `sub`, and `a` with an http(s) `href`, never any other attribute): safe to
 * set as `innerHTML`. URLs are absolute http(s) URLs or `null`.
 */
export type ScalexpertCommunicationKit = {
  /** Short title, e.g. "Payez en <b>3X</b> sans frais par carte bancaire". */
  title: string | null
  description: string | null
  additional_information: string | null
  /** The legal text: always show it next to the offer (a lender's go-live requirement). */
  legal_text: string | null
  logo_url: string | null
  information_icon_url: string | null
  /** An image of the instalment table (split payment). */
  table_image_url: string | null
  /** The lender's information notice. */
  notice_url: string | null
  /** The product's terms. */
  terms_url: string | null
}

/** One financing solution the shopper can choose. */
export type ScalexpertSolution = {
  /** Scalexpert solution code, e.g. `SCFRSP-3XTS`; send it to start the financing. */
  code: string
  /** Human name in the answer's `locale`, e.g. "Pay in 3 instalments, free of charge". */
  name: string
  kind: ScalexpertSolutionKind
  /** The shopper's billing country this solution is sold in. */
  market: "FR" | "DE"
  lender: string
  /** Number of instalments (split payment) or range of durations in months (long credit). */
  installments: { min: number; max: number }
  /** The amount bounds the shop applies to this solution (decimal euros). */
  amount_bounds: { min: number; max: number }
  communication_kit: ScalexpertCommunicationKit | null
}

/** `GET /store/scalexpert/eligibility` */
export type ScalexpertEligibilityResponse = {
  /** The amount financed (for a cart: its total). */
  amount: number
  currency_code: "eur" | string
  /** The billing country (ISO 3166-1 alpha-2, upper case), or `null` when unknown. */
  country: string | null
  /** Present when asked by cart. */
  cart_id?: string
  locale: ScalexpertLocale
  /** Empty when nothing can be offered; `unavailable_reason` then says why. */
  solutions: ScalexpertSolution[]
  unavailable_reason: ScalexpertUnavailableReason | null
}

/** One instalment of a plan. */
export type ScalexpertInstallment = { number: number; amount: number }

/** One plan: for long credit, one per duration offered. */
export type ScalexpertPlan = {
  /** Number of instalments (split payment) or months (long credit). */
  duration: number
  /** The first instalment (for long credit: the monthly instalment). */
  installment_amount: number
  /** The instalments Scalexpert listed (French long credit lists only the first). */
  installments: ScalexpertInstallment[]
  fees_amount: number
  /** Effective annual percentage rate (TAEG, effektiver Jahreszins), in %. */
  apr: number
  /** Nominal annual rate, in %. */
  nominal_rate: number
  /** Cost of the credit: interest and fees. */
  total_cost: number
  /** What the shopper pays in all: amount + total cost. */
  total_due: number
}

export type ScalexpertSolutionSimulation = ScalexpertSolution & {
  /** At least one. */
  plans: ScalexpertPlan[]
}

/** `GET|POST /store/scalexpert/simulations` */
export type ScalexpertSimulationsResponse = {
  amount: number
  currency_code: "eur" | string
  country: string
  locale: ScalexpertLocale
  simulations: ScalexpertSolutionSimulation[]
  unavailable_reason: ScalexpertUnavailableReason | null
}

/** `GET /store/scalexpert/orders/:id`: a non-personal summary of an order paid with Scalexpert. */
export type ScalexpertOrderSummary = {
  id: string
  display_id: number | null
  /** Medusa's order status (`pending`, `completed`, `canceled`, ...). */
  status: string
  /** Medusa's payment status (`authorized`, `captured`, `awaiting`, `not_paid`, ...). */
  payment_status: string | null
  total: number
  currency_code: string
  created_at: string | null
  scalexpert: {
    solution_code: string
    solution_name: string
    kind: ScalexpertSolutionKind | null
    /** Scalexpert's consolidated status of the file (`ACCEPTED`, `PRE_ACCEPTED`, ...), when known. */
    status: string | null
    /** True while the lender has not given its final answer (a pre-accepted long credit). */
    awaiting_lender_decision: boolean
  }
}

export type ScalexpertOrderSummaryResponse = { order: ScalexpertOrderSummary }

/** Why the lender sent the shopper back to the failure page (`{reason}` of `failureUrl`). */
export type ScalexpertFailureReason = "refused" | "abandoned" | "cancelled" | "pending" | "error"

/**
 * The stable machine `code` of a 400 the plugin answers, before any call to Scalexpert, when a
 * cart cannot be financed as it is (next to a human `message` in English). A storefront can
 * translate it, or show it when its framework masks errors.
 */
export type ScalexpertRefusalCode =
  | "scalexpert_unknown_solution"
  | "scalexpert_solution_disabled"
  | "scalexpert_currency_not_supported"
  | "scalexpert_email_required"
  | "scalexpert_address_incomplete"
  | "scalexpert_country_not_supported"
  | "scalexpert_invalid_name"
  | "scalexpert_phone_required"
  | "scalexpert_amount_out_of_bounds"
  | "scalexpert_empty_cart"
  | "scalexpert_product_excluded"
  | "scalexpert_financing_unavailable_with_insurance"
