/**
 * The demo store's catalogue (seeded by `seed-demo.ts`), one variant per product, prices in euros
 * taxes excluded.
 */
export type DemoProduct = {
  handle: string
  title: string
  price: number
  category: string
  /** What the insurer's item registration reads (`brand`, `model`, `characteristics`...). */
  metadata?: Record<string, string>
}

/**
 * Products priced so that eligibility differs: too cheap for anything, split payment only,
 * split payment and long credit, long credit only (above the split-payment ceiling).
 */
export const DEMO_PRODUCTS: DemoProduct[] = [
  { handle: "ceramic-mug", title: "Ceramic mug", price: 49, category: "Kitchen" },
  { handle: "espresso-machine", title: "Espresso machine", price: 349, category: "Kitchen" },
  // Insurable in the sandbox: warranty extension and, a smartphone, broken-screen cover (#15).
  {
    handle: "smartphone",
    title: "Nova 12 smartphone",
    price: 899,
    category: "Smartphones",
    metadata: {
      brand: "Nova",
      model: "Nova 12",
      characteristics: "256 GB, 6.4-inch OLED screen",
      insurance_category: "Smartphone",
    },
  },
  { handle: "city-bike", title: "City bike", price: 1290, category: "Outdoor" },
  { handle: "leather-sofa", title: "Leather sofa", price: 3490, category: "Living room" },
  { handle: "home-cinema", title: "Home cinema set", price: 5990, category: "Living room" },
]
