import {
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * The demo store's logistics: a warehouse in Lyon serving `salesChannelId`, delivering France and
 * Germany with two flat-rate options. Returns the shipping profile the products need.
 */
export async function seedShipping(
  container: MedusaContainer,
  salesChannelId: string
): Promise<string> {
  const stockLocationId = await createWarehouse(container, salesChannelId)
  const { result: shippingProfiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const shippingProfileId = shippingProfiles[0].id
  await createShippingOptions(container, stockLocationId, shippingProfileId)
  return shippingProfileId
}

async function createWarehouse(container: MedusaContainer, salesChannelId: string) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
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
    input: { id: stockLocation.id, add: [salesChannelId] },
  })
  return stockLocation.id
}

async function createShippingOptions(
  container: MedusaContainer,
  stockLocationId: string,
  shippingProfileId: string
) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillmentSet = await container.resolve(Modules.FULFILLMENT).createFulfillmentSets({
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
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocationId },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const shippingOption = (name: string, code: string, amount: number) => ({
    name,
    price_type: "flat" as const,
    provider_id: "manual_manual",
    service_zone_id: fulfillmentSet.service_zones[0].id,
    shipping_profile_id: shippingProfileId,
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
}
