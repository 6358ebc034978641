import { mkdirSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import {
  createApiKeysWorkflow,
  createSalesChannelsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedCatalog } from "./seed-demo-catalog"
import { marketsOf, seedMarkets, type DemoMarkets } from "./seed-demo-markets"
import { seedShipping } from "./seed-demo-shipping"

export const SCALEXPERT_PROVIDER_ID = "pp_scalexpert_scalexpert"
export const DEMO_ADMIN = { email: "admin@example.com", password: "scalexpert-demo" }
const DEMO_KEY_TITLE = "Scalexpert demo webshop"

export type DemoStore = {
  publishableKey: string
  regions: DemoMarkets
  adminEmail: string
  adminPassword: string
}

/** Seeds the demo store once; a second call finds it and only reads it back. */
export async function seedDemoStore(container: MedusaContainer): Promise<DemoStore> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if ((await demoRegions(container)).length === 2) {
    logger.info("Demo store already seeded")
    return readDemoStore(container)
  }

  logger.info("Seeding the Scalexpert demo store...")
  const salesChannelId = await defaultSalesChannel(container)
  const regions = await seedMarkets(container, {
    salesChannelId,
    paymentProviders: [SCALEXPERT_PROVIDER_ID, "pp_system_default"],
  })
  const shippingProfileId = await seedShipping(container, salesChannelId)
  const publishableKey = await createPublishableKey(container, salesChannelId)
  await seedCatalog(container, { salesChannelId, shippingProfileId })
  await createAdminUser(container)
  logger.info("Demo store seeded")
  return demoStore(publishableKey, regions)
}

function demoStore(publishableKey: string, regions: DemoMarkets): DemoStore {
  return {
    publishableKey,
    regions,
    adminEmail: DEMO_ADMIN.email,
    adminPassword: DEMO_ADMIN.password,
  }
}

async function demoRegions(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "region",
    fields: ["id", "name"],
    filters: { name: ["France", "Germany"] },
  })
  return data
}

/** The id of Medusa's "Default Sales Channel", created when missing. */
async function defaultSalesChannel(container: MedusaContainer): Promise<string> {
  const [existing] = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({
    name: "Default Sales Channel",
  })
  if (existing) return existing.id
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
  })
  return result[0].id
}

/** The demo shop's publishable API key, selling through `salesChannelId`. */
async function createPublishableKey(container: MedusaContainer, salesChannelId: string) {
  const { result: apiKeys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: DEMO_KEY_TITLE, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKeys[0].id, add: [salesChannelId] },
  })
  return apiKeys[0].token
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
  return demoStore(keys[0].token, marketsOf(await demoRegions(container)))
}

/** `medusa exec ./scripts/seed-demo.ts`: seeds, then leaves what `npm run dev` prints in .data/. */
export default async function seedDemo({ container }: ExecArgs) {
  const demo = await seedDemoStore(container)
  const dataDir = resolve(process.cwd(), ".data")
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(resolve(dataDir, "demo-store.json"), JSON.stringify(demo, null, 2))
}
