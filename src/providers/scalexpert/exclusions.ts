import type { ResolvedScalexpertOptions } from "./options"

export type FinancedProduct = {
  product_id?: string | null
  category_ids?: (string | null | undefined)[] | null
}

/** Whether the shop's configuration forbids financing this product. */
export function isExcludedFromFinancing(
  product: FinancedProduct,
  options: Pick<ResolvedScalexpertOptions, "excludedProductIds" | "excludedCategoryIds">
): boolean {
  if (product.product_id && options.excludedProductIds.includes(product.product_id)) return true
  return (product.category_ids ?? []).some((id) => !!id && options.excludedCategoryIds.includes(id))
}
