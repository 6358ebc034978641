/**
 * The cart's addresses, phone and lines in Scalexpert's words (buyer contact, address, basket item),
 * checked as strictly as the lender checks them.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max"
import { toWireAmount } from "../../scalexpert/money"
import {
  BASKET_SKU_MAX_LENGTH,
  NAME_PATTERN,
  type Address,
  type BasketItem,
  type Contact,
} from "../../scalexpert/schemas"
import type { SolutionInfo } from "../../scalexpert/solutions"
import { CheckoutRefusal, type CheckoutAddress, type CheckoutLineItem } from "./checkout-cart"

/** Scalexpert wants a string where Medusa has none: "NC" ("non communiqué"), as the lender expects. */
export const NOT_COMMUNICATED = "NC"

export const truncate = (value: string, max: number) =>
  value.length > max ? value.slice(0, max) : value
export const text = (value: string | null | undefined) => value?.trim() || undefined

function commonTitle(address: CheckoutAddress): Contact["commonTitle"] {
  // Medusa has no civility; a storefront may put one in the address metadata. The lender asks
  // the shopper again in its own journey, so MR is only a placeholder.
  const title = String(address.metadata?.title ?? address.metadata?.salutation ?? "")
    .trim()
    .toLowerCase()
    .replace(/\.$/, "")
  return ["mrs", "ms", "mme", "madame", "frau"].includes(title) ? "MRS" : "MR"
}

export function requireAddress(address: CheckoutAddress | null | undefined, label: string) {
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

export function mobileNumber(phone: string | null | undefined, solution: SolutionInfo): string {
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

export function contact(address: CheckoutAddress, email: string, mobile: string): Contact {
  return {
    firstName: truncate(address.first_name!.trim(), 350),
    lastName: truncate(address.last_name!.trim(), 350),
    commonTitle: commonTitle(address),
    email,
    mobilePhoneNumber: mobile,
  }
}

export function scalexpertAddress(
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

export function basketItem(item: CheckoutLineItem, orderId: string): BasketItem {
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
