import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { isExcludedFromFinancing } from "../../../providers/scalexpert/exclusions"
import type { ResolvedScalexpertOptions } from "../../../providers/scalexpert/options"
import { getScalexpert } from "../../../providers/scalexpert/registry"
import { isScalexpertError } from "../../../scalexpert/errors"
import { ScalexpertUnavailable, type OffersDeps } from "./offers"
import { ParameterError } from "./validators"

/** Runs a parameter parser; a bad parameter becomes Medusa's 400 `invalid_data`. */
export function parseOrThrow<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof ParameterError) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${error.message}`)
    }
    throw error
  }
}

/**
 * The parameters as the route's validation middleware left them, or as they came when the
 * middleware is not mounted (the route then validates them itself, with the same parser).
 */
export function rawParams(req: MedusaRequest, source: "query" | "body"): Record<string, unknown> {
  if (source === "query") {
    return (req.validatedQuery ?? req.query ?? {}) as Record<string, unknown>
  }
  const body = (req.validatedBody ?? req.body ?? {}) as unknown
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      'Invalid request: send a JSON object such as {"amount": 1290, "country": "FR"}'
    )
  }
  return body as Record<string, unknown>
}

/** The Scalexpert client and the provider's options, as configured in medusa-config.ts. */
export function offersDeps(
  scope: MedusaContainer
): OffersDeps & { options: ResolvedScalexpertOptions } {
  const scalexpert = getScalexpert(scope)
  return { client: scalexpert.client, options: scalexpert.options }
}

/** 503 `{type: "scalexpert_unavailable", message}` when Scalexpert could not answer. */
export function handleUnavailable<T>(
  req: MedusaRequest,
  res: MedusaResponse<T>,
  error: unknown
): boolean {
  if (!(error instanceof ScalexpertUnavailable)) return false
  const cause = error.cause
  const detail = isScalexpertError(cause)
    ? `${cause.kind}${cause.status ? ` ${cause.status}` : ""}${cause.errorCode ? ` ${cause.errorCode}` : ""}${cause.requestId ? `, Scalexpert request ${cause.requestId}` : ""}`
    : "unknown error"
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  // No amount, country or cart in this line: it says what failed and how to trace it.
  logger.warn(`Scalexpert storefront route ${req.path}: could not ${error.action} (${detail})`)
  ;(res as unknown as MedusaResponse)
    .status(503)
    .json({ type: "scalexpert_unavailable", message: error.message })
  return true
}

type ProductCategories = { id?: string | null; categories?: { id?: string | null }[] | null }

/** Whether the shop's exclusions forbid financing this product (404 when it does not exist). */
export async function isProductExcluded(
  scope: MedusaContainer,
  productId: string,
  options: ResolvedScalexpertOptions
): Promise<boolean> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: ["id", "categories.id"],
    filters: { id: productId },
  })
  const product = data[0] as ProductCategories | undefined
  if (!product) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product ${productId} was not found`)
  }
  return isExcludedFromFinancing(
    { product_id: product.id, category_ids: product.categories?.map((c) => c.id) },
    options
  )
}

export type StorefrontCart = {
  id: string
  currency_code: string
  total: unknown
  billing_address?: { country_code?: string | null } | null
  shipping_address?: { country_code?: string | null } | null
  region?: { countries?: { iso_2?: string | null }[] | null } | null
  items?:
    | {
        product_id?: string | null
        product?: { categories?: { id?: string | null }[] | null } | null
        metadata?: Record<string, unknown> | null
      }[]
    | null
}

const CART_FIELDS = [
  "id",
  "currency_code",
  "total",
  "billing_address.country_code",
  "shipping_address.country_code",
  "region.countries.iso_2",
  "items.product_id",
  "items.product.categories.id",
  "items.metadata",
]

export async function readCart(scope: MedusaContainer, cartId: string): Promise<StorefrontCart> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: CART_FIELDS,
    filters: { id: cartId },
  })
  const cart = data[0] as StorefrontCart | undefined
  if (!cart) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${cartId} was not found`)
  return cart
}

/**
 * The cart's billing country: its billing address, else its shipping address (storefronts often
 * bill to the shipping address), else the region's country when the region has only one.
 */
export function cartCountry(cart: StorefrontCart): string | null {
  const code =
    cart.billing_address?.country_code ||
    cart.shipping_address?.country_code ||
    (cart.region?.countries?.length === 1 ? cart.region.countries[0].iso_2 : null)
  return code ? code.toUpperCase() : null
}

export function isCartExcluded(cart: StorefrontCart, options: ResolvedScalexpertOptions): boolean {
  return (cart.items ?? []).some((item) =>
    isExcludedFromFinancing(
      { product_id: item.product_id, category_ids: item.product?.categories?.map((c) => c.id) },
      options
    )
  )
}
