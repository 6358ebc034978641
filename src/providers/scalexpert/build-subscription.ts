import { parsePhoneNumberFromString } from "libphonenumber-js/max"
import { amountToCents, toWireAmount, type AmountLike } from "../../scalexpert/money"
import {
  BASKET_SKU_MAX_LENGTH,
  EMAIL_PATTERN,
  NAME_PATTERN,
  type Address,
  type BasketItem,
  type Contact,
  type CreateSubscriptionRequest,
  type Language,
} from "../../scalexpert/schemas"
import { getSolution, isSolutionCode, type SolutionInfo } from "../../scalexpert/solutions"
import { boundsFor, type ResolvedScalexpertOptions } from "./options"

/** Scalexpert wants a string where Medusa has none: "NC" ("non communiqué"), as the lender expects. */
const NOT_COMMUNICATED = "NC"

export type CheckoutAddress = {
  first_name?: string | null
  last_name?: string | null
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  province?: string | null
  country_code?: string | null
  phone?: string | null
  metadata?: Record<string, unknown> | null
}

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

export type SubscriptionDraft = {
  solution: SolutionInfo
  language: Language
  request: CreateSubscriptionRequest
}

/** Checks the solution against the shop's configuration and the cart's amount and country. */
export function checkSolutionFits(
  solutionCode: unknown,
  amount: AmountLike,
  country: string | null | undefined,
  options: ResolvedScalexpertOptions
): SolutionInfo {
  if (!isSolutionCode(solutionCode)) {
    throw new CheckoutRefusal(
      "unknown_solution",
      `Unknown Scalexpert solution "${String(solutionCode ?? "")}": send data.solution_code, one of the codes that the eligibility route returns`
    )
  }
  const solution = getSolution(solutionCode)!
  if (options.enabledSolutions && !options.enabledSolutions.includes(solution.code)) {
    throw new CheckoutRefusal(
      "solution_disabled",
      `The Scalexpert solution ${solution.code} is not offered by this shop`
    )
  }
  const billingCountry = country?.toUpperCase()
  if (billingCountry !== solution.market) {
    throw new CheckoutRefusal(
      "country_not_in_market",
      `${solution.name.en} is only available with a billing address in ${solution.market === "FR" ? "France" : "Germany"}`
    )
  }
  const { min, max } = boundsFor(options, solution.kind, solution.market)
  const cents = amountToCents(amount)
  if (cents < amountToCents(min) || cents > amountToCents(max)) {
    throw new CheckoutRefusal(
      "amount_out_of_bounds",
      `${solution.name.en} is available for amounts from ${min} € to ${max} €; this cart is ${toWireAmount(amount)} €`
    )
  }
  return solution
}

const truncate = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value)
const text = (value: string | null | undefined) => value?.trim() || undefined

function commonTitle(address: CheckoutAddress): Contact["commonTitle"] {
  // Medusa has no civility; a storefront may put one in the address metadata. The lender asks
  // the shopper again in its own journey, so MR is only a placeholder.
  const title = String(address.metadata?.title ?? address.metadata?.salutation ?? "")
    .trim()
    .toLowerCase()
    .replace(/\.$/, "")
  return ["mrs", "ms", "mme", "madame", "frau"].includes(title) ? "MRS" : "MR"
}

function requireAddress(address: CheckoutAddress | null | undefined, label: string) {
  const missing = (
    [
      ["first_name", "first name"],
      ["last_name", "last name"],
      ["address_1", "street"],
      ["postal_code", "postal code"],
      ["city", "city"],
      ["country_code", "country"],
    ] as const
  )
    .filter(([field]) => !text(address?.[field]))
    .map(([, name]) => name)
  if (!address || missing.length) {
    throw new CheckoutRefusal(
      "missing_address",
      `The ${label} address is incomplete: add the ${missing.join(", ") || "address"} before choosing Scalexpert`
    )
  }
  for (const field of ["first_name", "last_name"] as const) {
    if (!NAME_PATTERN.test(address[field]!)) {
      throw new CheckoutRefusal(
        "invalid_name",
        `The ${label} ${field.replace("_", " ")} must not contain digits, "?" or "!"`
      )
    }
  }
  return address
}

function mobileNumber(phone: string | null | undefined, solution: SolutionInfo): string {
  const parsed = phone ? parsePhoneNumberFromString(phone, solution.market) : undefined
  if (!parsed || !parsed.isValid()) {
    throw new CheckoutRefusal(
      "invalid_phone",
      `A valid mobile phone number is required for ${solution.name.en} (the lender sends codes to it): add one to the billing address`
    )
  }
  if (parsed.country !== solution.market) {
    throw new CheckoutRefusal(
      "invalid_phone",
      `${solution.name.en} needs a ${solution.market === "FR" ? "French (+33)" : "German (+49)"} mobile phone number`
    )
  }
  const type = parsed.getType()
  if (type && type !== "MOBILE" && type !== "FIXED_LINE_OR_MOBILE") {
    throw new CheckoutRefusal(
      "invalid_phone",
      `${solution.name.en} needs a mobile phone number; the billing address has a landline`
    )
  }
  return parsed.number
}

function contact(address: CheckoutAddress, email: string, mobile: string): Contact {
  return {
    firstName: truncate(address.first_name!.trim(), 350),
    lastName: truncate(address.last_name!.trim(), 350),
    commonTitle: commonTitle(address),
    email,
    mobilePhoneNumber: mobile,
  }
}

function scalexpertAddress(
  address: CheckoutAddress,
  locationType: Address["locationType"]
): Address {
  const complement = text(address.address_2)
  return {
    locationType,
    streetName: truncate(address.address_1!.trim(), 140),
    ...(complement ? { streetNameComplement: truncate(complement, 140) } : {}),
    zipCode: truncate(address.postal_code!.trim(), 16),
    cityName: truncate(address.city!.trim(), 140),
    regionName: truncate(text(address.province) ?? NOT_COMMUNICATED, 140),
    countryCode: address.country_code!.trim().toUpperCase(),
  }
}

function basketItem(item: CheckoutLineItem, orderId: string): BasketItem {
  const sku = text(item.variant_sku)
  return {
    id: item.id,
    quantity: Number(item.quantity),
    model: text(item.variant_title) ?? NOT_COMMUNICATED,
    label: text(item.product_title) ?? text(item.title) ?? NOT_COMMUNICATED,
    price: toWireAmount(item.unit_price),
    currencyCode: "EUR",
    orderId,
    brandName: NOT_COMMUNICATED,
    description: text(item.product_description) ?? NOT_COMMUNICATED,
    specifications: text(item.subtitle) ?? text(item.variant_title) ?? NOT_COMMUNICATED,
    category:
      text(item.product?.categories?.[0]?.name) ?? text(item.product_type) ?? NOT_COMMUNICATED,
    // Scalexpert refuses SKUs over 36 characters (a real failure of the official plugins).
    ...(sku ? { sku: truncate(sku, BASKET_SKU_MAX_LENGTH) } : {}),
    isFinanced: true,
  }
}

/**
 * Builds the `POST /subscriptions` request from the cart alone: nothing the browser sends besides
 * the solution code is used. Throws a `CheckoutRefusal` for anything Scalexpert would refuse.
 */
export function buildSubscriptionRequest(input: {
  cart: CheckoutCart
  solutionCode: unknown
  paymentSessionId: string
  options: ResolvedScalexpertOptions
}): SubscriptionDraft {
  const { cart, paymentSessionId, options } = input
  if (cart.currency_code.toLowerCase() !== "eur") {
    throw new CheckoutRefusal(
      "currency_not_supported",
      `Scalexpert finances carts in EUR only; this cart is in ${cart.currency_code.toUpperCase()}`
    )
  }
  const billing = requireAddress(cart.billing_address, "billing")
  const solution = checkSolutionFits(input.solutionCode, cart.total, billing.country_code, options)
  const delivery = cart.shipping_address?.address_1
    ? requireAddress(cart.shipping_address, "shipping")
    : billing

  const email = text(cart.email)?.toLowerCase()
  if (!email || !EMAIL_PATTERN.test(email)) {
    throw new CheckoutRefusal("missing_email", "The cart needs a valid email address")
  }
  const items = cart.items ?? []
  if (!items.length) throw new CheckoutRefusal("empty_cart", "The cart is empty")

  const mobile = mobileNumber(text(billing.phone) ?? text(delivery.phone), solution)
  const billingContact = contact(billing, email, mobile)
  const deliveryContact = delivery === billing ? billingContact : contact(delivery, email, mobile)

  return {
    solution,
    language: solution.language,
    request: {
      solutionCode: solution.code,
      merchantBasketId: cart.id,
      // Unique per file, and it exists before the order does (Medusa creates the order later).
      merchantGlobalOrderId: paymentSessionId,
      merchantBuyerId: cart.customer_id ?? NOT_COMMUNICATED,
      financedAmount: toWireAmount(cart.total),
      merchantUrls: {
        confirmation: `${options.backendUrl}/scalexpert/return/${paymentSessionId}`,
      },
      buyers: [
        {
          contact: billingContact,
          contactAddress: scalexpertAddress(billing, "MAIN_ADDRESS"),
          billingContact,
          billingAddress: scalexpertAddress(billing, "BILLING_ADDRESS"),
          deliveryContact,
          deliveryAddress: scalexpertAddress(delivery, "DELIVERY_ADDRESS"),
        },
      ],
      basketDetails: { basketItems: items.map((item) => basketItem(item, paymentSessionId)) },
    },
  }
}
