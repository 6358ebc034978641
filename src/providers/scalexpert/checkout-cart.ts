/** The cart as the checkout reads it, and the refusal thrown for a cart Scalexpert would refuse. */
import type { ShopAddress } from "../../scalexpert/insurance/mapping"
import type { AmountLike } from "../../scalexpert/money"

/** A Medusa address: the fields the Scalexpert mappings read, and its metadata (the title). */
export type CheckoutAddress = ShopAddress & { metadata?: Record<string, unknown> | null }

export type CheckoutLineItem = {
  id: string
  quantity: AmountLike
  unit_price: AmountLike
  title?: string | null
  subtitle?: string | null
  product_title?: string | null
  product_description?: string | null
  product_type?: string | null
  variant_title?: string | null
  variant_sku?: string | null
  product_id?: string | null
  product?: { categories?: { id?: string | null; name?: string | null }[] | null } | null
}

/** What the server knows of the cart when the shopper picks a Scalexpert solution. */
export type CheckoutCart = {
  id: string
  email?: string | null
  currency_code: string
  total: AmountLike
  customer_id?: string | null
  billing_address?: CheckoutAddress | null
  shipping_address?: CheckoutAddress | null
  items?: CheckoutLineItem[] | null
}

export type CheckoutRefusalCode =
  | "unknown_solution"
  | "solution_disabled"
  | "currency_not_supported"
  | "missing_email"
  | "missing_address"
  | "country_not_in_market"
  | "invalid_name"
  | "invalid_phone"
  | "amount_out_of_bounds"
  | "empty_cart"
  | "product_excluded"

/** A cart that cannot be financed as it is; the message says what to fix. Nothing was sent. */
export class CheckoutRefusal extends Error {
  constructor(
    readonly code: CheckoutRefusalCode,
    message: string
  ) {
    super(message)
    this.name = "CheckoutRefusal"
  }
}
