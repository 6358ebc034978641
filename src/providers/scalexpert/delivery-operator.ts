import type { ConfirmDeliveryRequest, DeliveryOperator } from "../../scalexpert/schemas"
import type { Market } from "../../scalexpert/solutions"

/** What Medusa knows of how a shipment travels: any of it may be missing. */
export type ShipmentCarrier = {
  shippingOptionId?: string | null
  shippingOptionName?: string | null
  /** The shipping option type's code, e.g. `la-poste`. */
  shippingOptionCode?: string | null
  /** The fulfillment provider, e.g. `manual_manual`. */
  providerId?: string | null
  /** The order's shipping method name (what the shopper chose). */
  shippingMethodName?: string | null
}

/** Carriers recognised in a name without configuration; the first match wins. */
const BUILT_IN: readonly [RegExp, DeliveryOperator][] = [
  [/\bchronopost\b/, "CHRONOPOST"],
  [/\bmondial[\s_-]*relay\b/, "MONDIAL_RELAY"],
  [/\brelais[\s_-]*colis\b/, "RELAIS_COLIS"],
  [/\bcolissimo\b|\bla[\s_-]*poste\b/, "LA_POSTE"],
  [/\bups\b/, "UPS"],
  [/\bdhl\b/, "DHL"],
  [/\bdpd\b/, "DPD"],
  [/\bfed[\s_-]*ex\b/, "FEDEX"],
  [/\bgls\b/, "GLS"],
]

const normalise = (value: string) => value.trim().toLowerCase()
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * The Scalexpert operator of a shipment: the merchant's mapping first (a key equal to the shipping
 * option's id, type code, name, the provider id or the method's name, or found as whole words in
 * one of the names), then the carriers recognised in the names, else `UNKNOWN`.
 */
export function resolveDeliveryOperator(
  carrier: ShipmentCarrier,
  mapping: Record<string, DeliveryOperator> = {}
): DeliveryOperator {
  const values = [
    carrier.shippingOptionId,
    carrier.shippingOptionCode,
    carrier.shippingOptionName,
    carrier.providerId,
    carrier.shippingMethodName,
  ]
    .filter((v): v is string => typeof v === "string" && v.trim() !== "")
    .map(normalise)
  const names = [carrier.shippingOptionName, carrier.shippingMethodName, carrier.shippingOptionCode]
    .filter((v): v is string => typeof v === "string" && v.trim() !== "")
    .map(normalise)

  const entries = Object.entries(mapping).map(
    ([key, operator]) => [normalise(key), operator] as const
  )
  for (const [key, operator] of entries) {
    if (values.includes(key)) return operator
  }
  for (const [key, operator] of entries) {
    const words = new RegExp(`(^|[^a-z0-9])${escape(key)}($|[^a-z0-9])`)
    if (names.some((name) => words.test(name))) return operator
  }
  for (const name of names) {
    for (const [pattern, operator] of BUILT_IN) {
      if (pattern.test(name)) return operator
    }
  }
  return "UNKNOWN"
}

/** The first usable tracking number of a fulfillment's labels (Scalexpert takes 1 to 100 characters). */
export function pickTrackingNumber(
  labels: readonly ({ tracking_number?: string | null } | null | undefined)[] | null | undefined
): string | undefined {
  for (const label of labels ?? []) {
    const value = label?.tracking_number?.trim()
    if (value && value.length <= 100) return value
  }
  return undefined
}

/**
 * The `_confirmDelivery` body: the tracking number and the operator when there is a tracking
 * number and the lender of this market takes them, else `{isDelivered: true}` alone.
 */
export function deliveryRequest(input: {
  trackingNumber?: string | null
  operator?: DeliveryOperator | null
  market?: Market
  trackingMarkets: readonly Market[]
}): ConfirmDeliveryRequest {
  const tracking = input.trackingNumber?.trim()
  const lenderTakesTracking = !input.market || input.trackingMarkets.includes(input.market)
  if (!tracking || !lenderTakesTracking) return { isDelivered: true }
  return { isDelivered: true, trackingNumber: tracking, operator: input.operator ?? "UNKNOWN" }
}
