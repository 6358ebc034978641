import {
  createProductCategoriesWorkflow,
  createProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ProductStatus } from "@medusajs/framework/utils"
import { DEMO_PRODUCTS } from "./seed-demo-products"

/** Publishes the demo products (see seed-demo-products.ts) in their categories. */
export async function seedCatalog(
  container: MedusaContainer,
  input: { salesChannelId: string; shippingProfileId: string }
): Promise<void> {
  const categoryNames = [...new Set(DEMO_PRODUCTS.map((p) => p.category))]
  const { result: categories } = await createProductCategoriesWorkflow(container).run({
    input: { product_categories: categoryNames.map((name) => ({ name, is_active: true })) },
  })
  const categoryId = (name: string) => categories.find((c) => c.name === name)!.id
  await createProductsWorkflow(container).run({
    input: {
      products: DEMO_PRODUCTS.map((product) => ({
        title: product.title,
        handle: product.handle,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: input.shippingProfileId,
        category_ids: [categoryId(product.category)],
        metadata: product.metadata,
        options: [{ title: "Model", values: ["Standard"] }],
        variants: [
          {
            title: "Standard",
            sku: `DEMO-${product.handle.toUpperCase()}`,
            options: { Model: "Standard" },
            manage_inventory: false,
            prices: [{ currency_code: "eur", amount: product.price }],
          },
        ],
        sales_channels: [{ id: input.salesChannelId }],
      })),
    },
  })
}
