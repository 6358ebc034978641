/**
 * The whole demo stack for the browser tests, on free ports, thrown away afterwards: an embedded
 * PostgreSQL, the Scalexpert sandbox, Medusa (migrated and seeded with the demo store, started as
 * `npm run dev` starts it, with its admin dashboard unless told otherwise) and the demo shop.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import getPort from "get-port"
import { startDemoStorefront, demoStorefrontUrls } from "../../demo-storefront/server"
import { startSandbox, type SandboxHandle } from "../../sandbox/server"
import { ensureDatabase, startEmbeddedPostgres } from "../../scripts/lib/postgres"
import type { DemoStore } from "../../scripts/seed-demo"
import { migrateAndSeedDemo } from "../../scripts/lib/migrate-and-seed"
import {
  cleanupList,
  type Cleanups,
  spawnMedusa,
  stopChild,
  waitForHealth,
  withLastLines,
  type Step,
} from "../../scripts/lib/processes"
import { warmAdmin } from "./admin-warmup"

const root = resolve(__dirname, "../..")
export const WEBHOOK_KEY = "browser-test-webhook-key"

export type StackOptions = {
  /**
   * Serve the admin dashboard at `{medusaUrl}/app` (default true). Medusa serves it as
   * `npm run dev` does (NODE_ENV=development: Vite builds it in memory on the first visit, which
   * the stack waits for, so that no test pays for it).
   */
  admin?: boolean
}

export type Stack = {
  medusaUrl: string
  /** `{medusaUrl}/app`, or null when the admin is not served. */
  adminUrl: string | null
  shopUrl: string
  sandbox: SandboxHandle
  demo: DemoStore
  /** The last lines Medusa printed (to explain a failure). */
  medusaLog(): string
  stop(): Promise<void>
}

/** An embedded PostgreSQL in a temporary folder, with Medusa's database; returns its URL. */
async function startDatabase(port: number, cleanups: Cleanups): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "scalexpert-browser-pg-"))
  cleanups.add(() => rmSync(dataDir, { recursive: true, force: true }))
  const postgres = await startEmbeddedPostgres({ dataDir, port, persistent: false })
  cleanups.add(() => postgres.stop())
  await ensureDatabase(postgres.urlFor("postgres"), "medusa_browser_tests")
  return postgres.urlFor("medusa_browser_tests")
}

/** How Medusa runs for the tests: as `npm run dev` runs it, against the sandbox and the demo shop. */
function medusaEnv(input: {
  databaseUrl: string
  medusaPort: number
  shopUrl: string
  sandbox: SandboxHandle
  withAdmin: boolean
}): NodeJS.ProcessEnv {
  const { sandbox, shopUrl } = input
  const medusaUrl = `http://localhost:${input.medusaPort}`
  return {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: input.databaseUrl,
    PORT: String(input.medusaPort),
    MEDUSA_ADMIN_DISABLED: input.withAdmin ? "false" : "true",
    ADMIN_CORS: medusaUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    SCALEXPERT_BASE_URL: sandbox.apiRoot,
    SCALEXPERT_CLIENT_ID: sandbox.credentials.clientId,
    SCALEXPERT_CLIENT_SECRET: sandbox.credentials.clientSecret,
    SCALEXPERT_WEBHOOK_SIGNATURE_KEY: WEBHOOK_KEY,
    // The demo shop sells both insurance covers (the sandbox has both contracts).
    SCALEXPERT_INSURANCE_SOLUTIONS: "CIFRWE-DXCO,CIFRBS-DXCO",
    MEDUSA_BACKEND_URL: medusaUrl,
    ...demoStorefrontUrls(shopUrl),
    STORE_CORS: shopUrl,
    AUTH_CORS: `${shopUrl},${medusaUrl}`,
  }
}

/** Migrates and seeds; the seed leaves what `npm run dev` prints in .data/: keep the developer's. */
async function seedKeepingDevelopersDemo(env: NodeJS.ProcessEnv, log: string[]) {
  const demoFile = resolve(root, ".data/demo-store.json")
  const previous = existsSync(demoFile) ? readFileSync(demoFile, "utf8") : undefined
  try {
    return await migrateAndSeedDemo(env, log)
  } finally {
    if (previous !== undefined) writeFileSync(demoFile, previous)
    else rmSync(demoFile, { force: true })
  }
}

export async function startStack(
  step: Step = () => undefined,
  options: StackOptions = {}
): Promise<Stack> {
  const withAdmin = options.admin ?? true
  const cleanups = cleanupList()
  const medusaLines: string[] = []
  try {
    const [pgPort, sandboxPort, medusaPort, shopPort] = [
      await getPort(),
      await getPort(),
      await getPort(),
      await getPort(),
    ]
    const medusaUrl = `http://localhost:${medusaPort}`
    const shopUrl = `http://localhost:${shopPort}`

    step(`PostgreSQL on port ${pgPort}`)
    const databaseUrl = await startDatabase(pgPort, cleanups)

    step(`Scalexpert sandbox on port ${sandboxPort}`)
    const sandbox = await startSandbox({
      port: sandboxPort,
      // The lender's pages on another site than the shop and Medusa (localhost), as in production:
      // the journey's way back is a cross-site navigation (no SameSite=Strict cookie).
      publicUrl: `http://127.0.0.1:${sandboxPort}`,
      webhook: {
        url: `${medusaUrl}/hooks/payment/scalexpert_scalexpert`,
        signatureKey: WEBHOOK_KEY,
      },
    })
    cleanups.add(() => sandbox.close())

    const env = medusaEnv({ databaseUrl, medusaPort, shopUrl, sandbox, withAdmin })
    step("Medusa migrations and the demo seed")
    const demo = await seedKeepingDevelopersDemo(env, medusaLines)

    step(`Medusa on port ${medusaPort}`)
    // `medusa start`, not `develop`: no file watcher that would restart it mid-test.
    const medusa = spawnMedusa(root, env, medusaLines, 400)
    cleanups.add(() => stopChild(medusa))
    await waitForHealth(`${medusaUrl}/health`, 180_000, () => medusa.exitCode !== null)

    const adminUrl = withAdmin ? `${medusaUrl}/app` : null
    if (adminUrl) {
      step(`Admin dashboard at ${adminUrl} (first build)`)
      await warmAdmin(adminUrl, 300_000)
    }

    step(`Demo shop on port ${shopPort}`)
    const shop = await startDemoStorefront({
      port: shopPort,
      backendUrl: medusaUrl,
      publishableKey: demo.publishableKey,
      quiet: true,
    })
    cleanups.add(() => shop.close())

    return {
      medusaUrl,
      adminUrl,
      shopUrl: shop.url,
      sandbox,
      demo,
      medusaLog: () => medusaLines.slice(-60).join("\n"),
      stop: cleanups.runAll,
    }
  } catch (error) {
    await cleanups.runAll()
    throw withLastLines(error, medusaLines, "Medusa's last lines")
  }
}
