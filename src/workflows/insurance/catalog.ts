import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import type {
  ScalexpertInsuranceErrorCode,
  ScalexpertInsuranceSolution,
} from "../../storefront/insurance-types"
import {
  type InsurableVariant,
  type InsuranceSolution,
  type InsuranceSolutionCode,
  type ItemInsurance,
} from "../../scalexpert/insurance"
import type { InsuranceContext } from "./context"
import { withItem } from "./items"

/** A refusal of an insurance route: 400 `{code, message}`. */
export class InsuranceRefusal extends Error {
  constructor(
    readonly code: ScalexpertInsuranceErrorCode,
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

export type PricedVariant = InsurableVariant & {
  category_ids: string[]
  /** The variant's price in the region (main unit), or null without a price. */
  price: number | null
  currency_code: string | null
}

type RawVariant = {
  id: string
  sku: string | null
  title: string | null
  product?: {
    id: string
    title: string
    subtitle: string | null
    description: string | null
    metadata: Record<string, unknown> | null
    type?: { value: string } | null
    categories?: { id: string; name: string }[] | null
  }
  calculated_price?: { calculated_amount?: number | null; currency_code?: string | null } | null
}

/** The variant with its product, categories and its price in the region. */
export async function loadVariant(
  container: MedusaContainer,
  variantId: string,
  region: { id: string; currency_code: string }
): Promise<PricedVariant | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: [
      "id",
      "sku",
      "title",
      "product.id",
      "product.title",
      "product.subtitle",
      "product.description",
      "product.metadata",
      "product.type.value",
      "product.categories.id",
      "product.categories.name",
      "calculated_price.calculated_amount",
      "calculated_price.currency_code",
    ],
    filters: { id: variantId },
    context: {
      calculated_price: QueryContext({ region_id: region.id, currency_code: region.currency_code }),
    },
  })
  const v = data[0] as unknown as RawVariant | undefined
  if (!v?.product) return undefined
  const categories = v.product.categories ?? []
  const amount = v.calculated_price?.calculated_amount
  return {
    id: v.id,
    sku: v.sku,
    title: v.title,
    product: {
      id: v.product.id,
      title: v.product.title,
      subtitle: v.product.subtitle,
      description: v.product.description,
      metadata: v.product.metadata,
      type: v.product.type?.value ?? null,
      category_names: categories.map((c) => c.name),
    },
    category_ids: categories.map((c) => c.id),
    price: amount === undefined || amount === null ? null : Number(amount),
    currency_code: v.calculated_price?.currency_code ?? region.currency_code,
  }
}

export function isExcludedFromInsurance(
  productId: string | null | undefined,
  categoryIds: string[],
  options: InsuranceContext["options"]
): boolean {
  if (productId && options.insuranceExcludedProductIds.includes(productId)) return true
  return categoryIds.some((id) => options.insuranceExcludedCategoryIds.includes(id))
}

const eligibility = new Map<string, { at: number; solutions: Promise<InsuranceSolution[]> }>()

/**
 * Contracted insurance solutions for the country that the shop enabled, kept by each process for
 * `storefrontCacheTtlSeconds` (a short-lived read: unlike registered items, nothing to share).
 */
export async function enabledSolutions(
  ctx: InsuranceContext,
  country: string
): Promise<InsuranceSolution[]> {
  const key = `${ctx.scope}|${country}`
  const ttl = ctx.options.storefrontCacheTtlSeconds * 1000
  let entry = eligibility.get(key)
  if (!entry || Date.now() - entry.at >= ttl) {
    entry = { at: Date.now(), solutions: ctx.client.getEligibleSolutions(country) }
    eligibility.set(key, entry)
    entry.solutions.catch(() => eligibility.delete(key))
  }
  const enabled = ctx.options.insuranceSolutions as string[]
  return (await entry.solutions).filter((s) => enabled.includes(s.solutionCode))
}

/** Offers of one solution for the variant at its price. */
export async function searchOffers(
  ctx: InsuranceContext,
  variant: PricedVariant,
  solutionCode: InsuranceSolutionCode
): Promise<ItemInsurance[]> {
  return withItem(ctx, variant, solutionCode, (itemId) =>
    ctx.client.searchInsurances({ solutionCode, itemId, price: variant.price as number })
  )
}

export function solutionView(
  solution: InsuranceSolution,
  offers: ItemInsurance[]
): ScalexpertInsuranceSolution {
  const kit = solution.communicationKit
  return {
    solution_code: solution.solutionCode as InsuranceSolutionCode,
    title: kit?.visualTitle ?? solution.solutionCode,
    description: kit?.visualDescription ?? null,
    additional_information: kit?.visualAdditionalInformation ?? null,
    legal_text: kit?.visualLegalText ?? null,
    logo_url: kit?.visualLogo ?? null,
    information_notice_url: kit?.visualInformationNoticeURL ?? null,
    product_terms_url: kit?.visualProductTermsURL ?? null,
    offers: offers.map((o) => ({ insurance_id: o.id, description: o.description, price: o.price })),
  }
}
