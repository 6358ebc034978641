import { mkdirSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import {
  createApiKeysWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { DEMO_PRODUCTS } from "./seed-demo-products"

export const SCALEXPERT_PROVIDER_ID = "pp_scalexpert_scalexpert"
export const DEMO_ADMIN = { email: "admin@example.com", password: "scalexpert-demo" }
const DEMO_KEY_TITLE = "Scalexpert demo webshop"

export type DemoStore = {
  publishableKey: string
  regions: { france: string; germany: string }
  adminEmail: string
  adminPassword: string
}

/** Seeds the demo store once; a second call finds it and only reads it back. */
export async function seedDemoStore(container: MedusaContainer): Promise<DemoStore> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const { data: existingRegions } = await query.graph({
    entity: "region",
    fields: ["id", "name"],
    filters: { name: ["France", "Germany"] },
  })
  if (existingRegions.length === 2) {
    logger.info("Demo store already seeded")
    return readDemoStore(container)
  }

  logger.info("Seeding the Scalexpert demo store...")
  const salesChannelService = container.resolve(Modules.SALES_CHANNEL)
  const fulfillmentService = container.resolve(Modules.FULFILLMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)

  let [salesChannel] = await salesChannelService.listSalesChannels({
    name: "Default Sales Channel",
  })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    salesChannel = result[0]
  }

  const [store] = await container.resolve(Modules.STORE).listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Scalexpert demo store",
        supported_currencies: [{ currency_code: "eur", is_default: true }],
        default_sales_channel_id: salesChannel.id,
      },
    },
  })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "France",
          currency_code: "eur",
          countries: ["fr"],
          payment_providers: [SCALEXPERT_PROVIDER_ID, "pp_system_default"],
        },
        {
          name: "Germany",
          currency_code: "eur",
          countries: ["de"],
          payment_providers: [SCALEXPERT_PROVIDER_ID, "pp_system_default"],
        },
      ],
    },
  })

  await createTaxRegionsWorkflow(container).run({
    input: [
      {
        country_code: "fr",
        provider_id: "tp_system",
        default_tax_rate: { name: "TVA", code: "FR-TVA", rate: 20 },
      },
      {
        country_code: "de",
        provider_id: "tp_system",
        default_tax_rate: { name: "MwSt", code: "DE-MWST", rate: 19 },
      },
    ],
  })

  const { result: stockLocations } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "Lyon warehouse",
          address: { address_1: "12 rue de la Gare", city: "Lyon", country_code: "FR" },
        },
      ],
    },
  })
  const stockLocation = stockLocations[0]
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: stockLocation.id, add: [salesChannel.id] },
  })

  const { result: shippingProfiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const fulfillmentSet = await fulfillmentService.createFulfillmentSets({
    name: "France and Germany delivery",
    type: "shipping",
    service_zones: [
      {
        name: "France and Germany",
        geo_zones: [
          { country_code: "fr", type: "country" },
          { country_code: "de", type: "country" },
        ],
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const shippingOption = (name: string, code: string, amount: number) => ({
    name,
    price_type: "flat" as const,
    provider_id: "manual_manual",
    service_zone_id: fulfillmentSet.service_zones[0].id,
    shipping_profile_id: shippingProfiles[0].id,
    type: { label: name, description: name, code },
    prices: [{ currency_code: "eur", amount }],
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
      { attribute: "is_return", value: "false", operator: "eq" as const },
    ],
  })
  await createShippingOptionsWorkflow(container).run({
    input: [
      shippingOption("La Poste Colissimo", "la-poste", 6.9),
      shippingOption("DHL Express", "dhl-express", 14.9),
    ],
  })

  const { result: apiKeys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: DEMO_KEY_TITLE, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKeys[0].id, add: [salesChannel.id] },
  })

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
        shipping_profile_id: shippingProfiles[0].id,
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
        sales_channels: [{ id: salesChannel.id }],
      })),
    },
  })

  await createAdminUser(container)
  logger.info("Demo store seeded")
  return {
    publishableKey: apiKeys[0].token,
    regions: {
      france: regions.find((r) => r.name === "France")!.id,
      germany: regions.find((r) => r.name === "Germany")!.id,
    },
    adminEmail: DEMO_ADMIN.email,
    adminPassword: DEMO_ADMIN.password,
  }
}

async function createAdminUser(container: MedusaContainer) {
  const { result: users } = await createUsersWorkflow(container).run({
    input: { users: [{ email: DEMO_ADMIN.email }] },
  })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  })
  if (error || !authIdentity) throw new Error(`Could not create the demo admin user: ${error}`)
  await auth.updateAuthIdentities({
    id: authIdentity.id,
    app_metadata: { user_id: users[0].id },
  })
}

async function readDemoStore(container: MedusaContainer): Promise<DemoStore> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: keys } = await query.graph({
    entity: "api_key",
    fields: ["token"],
    filters: { title: DEMO_KEY_TITLE, type: "publishable" },
  })
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "name"],
    filters: { name: ["France", "Germany"] },
  })
  return {
    publishableKey: keys[0].token,
    regions: {
      france: regions.find((r) => r.name === "France")!.id,
      germany: regions.find((r) => r.name === "Germany")!.id,
    },
    adminEmail: DEMO_ADMIN.email,
    adminPassword: DEMO_ADMIN.password,
  }
}

/** `medusa exec ./scripts/seed-demo.ts`: seeds, then leaves what `npm run dev` prints in .data/. */
export default async function seedDemo({ container }: ExecArgs) {
  const demo = await seedDemoStore(container)
  const dataDir = resolve(process.cwd(), ".data")
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(resolve(dataDir, "demo-store.json"), JSON.stringify(demo, null, 2))
}
