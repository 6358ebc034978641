import {
  createRegionsWorkflow,
  createTaxRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/** The demo store's two markets: France and Germany, in euros, with their VAT. */
export type DemoMarkets = { france: string; germany: string }

/** The region ids of France and Germany among `regions`. */
export function marketsOf(regions: { id: string; name: string }[]): DemoMarkets {
  return {
    france: regions.find((r) => r.name === "France")!.id,
    germany: regions.find((r) => r.name === "Germany")!.id,
  }
}

/** Names the store, sells in euros through `salesChannelId`, and creates both regions and taxes. */
export async function seedMarkets(
  container: MedusaContainer,
  input: { salesChannelId: string; paymentProviders: string[] }
): Promise<DemoMarkets> {
  const [store] = await container.resolve(Modules.STORE).listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Scalexpert demo store",
        supported_currencies: [{ currency_code: "eur", is_default: true }],
        default_sales_channel_id: input.salesChannelId,
      },
    },
  })

  const region = (name: string, country: string) => ({
    name,
    currency_code: "eur",
    countries: [country],
    payment_providers: input.paymentProviders,
  })
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: { regions: [region("France", "fr"), region("Germany", "de")] },
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
  return marketsOf(regions)
}
