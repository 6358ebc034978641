/**
 * Pure mapping from shop data (plain shapes, no Medusa import) to insurance API requests: the item
 * registered for a product variant, the buyer of an order, the insured item of a policy.
 */
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max"

import type {
  CreateInsuranceSubscriptionRequest,
  CreateItemRequest,
  InsuranceBuyer,
  InsuranceSolutionCode,
} from "./schemas"

/** "Non communiqué": what Scalexpert's own plugins send for an unknown text. */
export const UNKNOWN = "NC"

export type InsurableVariant = {
  id: string
  sku?: string | null
  title?: string | null
  product: {
    id: string
    title: string
    description?: string | null
    subtitle?: string | null
    metadata?: Record<string, unknown> | null
    type?: string | null
    category_names?: string[]
  }
}

const str = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined

const cut = (value: string, max: number) => (value.length > max ? value.slice(0, max) : value)

/** Whether a variant title adds nothing ("Standard", "Default", "Default variant"). */
const isPlainTitle = (title?: string | null) =>
  !title || /^(standard|default( variant)?)$/i.test(title)

/**
 * `POST /items` for a variant. Brand, model, characteristics and category come from the product's
 * metadata (`brand`, `model`, `characteristics`, `insurance_category`, `refurbished`) when the
 * shop sets them, otherwise from its titles, type and first category.
 */
export function itemRequest(
  variant: InsurableVariant,
  solutionCode: InsuranceSolutionCode
): CreateItemRequest {
  const meta = variant.product.metadata ?? {}
  const title = isPlainTitle(variant.title)
    ? variant.product.title
    : `${variant.product.title} ${variant.title}`
  return {
    solutionCode,
    sku: cut(str(variant.sku) ?? variant.id, 36),
    merchantItemId: variant.id,
    brand: str(meta.brand) ?? UNKNOWN,
    model: str(meta.model) ?? title,
    title,
    description: cut(
      str(variant.product.description) ?? str(variant.product.subtitle) ?? title,
      1000
    ),
    characteristics: str(meta.characteristics) ?? str(variant.title) ?? UNKNOWN,
    category:
      str(meta.insurance_category) ??
      str(variant.product.category_names?.[0]) ??
      str(variant.product.type) ??
      UNKNOWN,
    isRefurbished: meta.refurbished === true || meta.refurbished === "true",
  }
}

export type ShopAddress = {
  first_name?: string | null
  last_name?: string | null
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  province?: string | null
  country_code?: string | null
  phone?: string | null
}

/** "12 bis rue de Rivoli" → number 12, suffix "bis", street "rue de Rivoli". */
export function splitStreet(line: string): {
  streetNumber: number
  streetNumberSuffix?: string
  streetName: string
} {
  const m = /^\s*(\d{1,6})\s*(bis|ter|quater|[a-z])?\b[\s,]*(.+)$/i.exec(line)
  if (!m) return { streetNumber: 0, streetName: line.trim() || UNKNOWN }
  return {
    streetNumber: Number(m[1]),
    ...(m[2] ? { streetNumberSuffix: m[2].toUpperCase() } : {}),
    streetName: m[3].trim(),
  }
}

/** E.164 from what the shopper typed, read in the address's country; undefined when it is not a number. */
export function e164(phone: string | null | undefined, country: string): string | undefined {
  if (!phone) return undefined
  const parsed = parsePhoneNumberFromString(phone, country.toUpperCase() as CountryCode)
  return parsed?.isValid() ? parsed.number : undefined
}

export class BuyerDataMissing extends Error {}

/** The buyer of `POST /subscriptions`, from the order's billing address (else shipping). */
export function buyerOf(
  email: string | null | undefined,
  billing?: ShopAddress | null,
  shipping?: ShopAddress | null
): InsuranceBuyer {
  const address = billing?.address_1 ? billing : shipping
  if (!address?.address_1 || !address.country_code)
    throw new BuyerDataMissing("the order has no address")
  const country = address.country_code.toUpperCase()
  const phone = e164(address.phone, country) ?? e164(shipping?.phone, country)
  if (!phone) throw new BuyerDataMissing("the order has no valid phone number")
  if (!email) throw new BuyerDataMissing("the order has no e-mail")
  return {
    contact: {
      firstName: str(address.first_name) ?? UNKNOWN,
      lastName: str(address.last_name) ?? UNKNOWN,
      email: email.trim().toLowerCase(),
      mobilePhoneNumber: phone,
    },
    address: {
      ...splitStreet(address.address_1),
      ...(str(address.address_2) ? { streetNameComplement: str(address.address_2) } : {}),
      zipCode: str(address.postal_code) ?? UNKNOWN,
      cityName: str(address.city) ?? UNKNOWN,
      regionName: str(address.province) ?? str(address.city) ?? UNKNOWN,
      countryCode: country,
    },
  }
}

export type PolicyToSubscribe = {
  policyId: string
  orderId: string
  customerId?: string | null
  solutionCode: string
  insuranceId: string
  quoteId: string
  quoteExpiresAt: Date
  insurancePrice: number
  item: {
    id: string
    label: string
    price: number
    currencyCode: string
    category: string
    brand: string
    sku?: string
  }
}

/**
 * `POST /subscriptions` for one insured unit. `merchantBasketId` is the policy's own id: it is
 * unique per unit, so a subscription whose answer was lost is found again by it.
 */
export function subscriptionRequest(
  p: PolicyToSubscribe,
  buyer: InsuranceBuyer
): CreateInsuranceSubscriptionRequest {
  return {
    solutionCode: p.solutionCode,
    quoteId: p.quoteId,
    insuranceId: p.insuranceId,
    merchantBasketId: p.policyId,
    merchantBuyerId: p.customerId ?? p.orderId,
    merchantGlobalOrderId: p.orderId,
    producerQuoteExpirationDate: p.quoteExpiresAt.toISOString().slice(0, 10),
    producerQuoteInsurancePrice: p.insurancePrice,
    buyer,
    insuredItem: {
      id: p.item.id,
      label: p.item.label,
      brandName: p.item.brand,
      price: p.item.price,
      currencyCode: p.item.currencyCode.toUpperCase(),
      category: p.item.category,
      ...(p.item.sku ? { sku: p.item.sku } : {}),
      insurancePrice: p.insurancePrice,
    },
  }
}
