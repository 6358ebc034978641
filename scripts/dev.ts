/**
 * `npm run dev`: PostgreSQL (embedded unless DATABASE_URL is set), the local Scalexpert sandbox,
 * migrations, the demo seed, then Medusa with its admin and the demo shop. Ctrl-C stops all of it.
 * `STORE_CORS`, `SCALEXPERT_SUCCESS_URL` and `SCALEXPERT_FAILURE_URL`, when set, are honoured: the
 * backend can serve another storefront (e.g. Medusa's Next.js starter) next to the demo shop.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { resolve } from "node:path"
import {
  demoStorefrontUrls,
  startDemoStorefront,
  type DemoStorefront,
} from "../demo-storefront/server"
import { startSandbox, type SandboxHandle } from "../sandbox/server"
import { migrateAndSeedDemo } from "./lib/migrate-and-seed"
import { ensureDatabase, startEmbeddedPostgres, type PostgresServer } from "./lib/postgres"
import { waitForHealth } from "./lib/processes"

const root = resolve(__dirname, "..")
const medusaPort = Number(process.env.PORT ?? 9000)
const sandboxPort = Number(process.env.SCALEXPERT_SANDBOX_PORT ?? 4010)
const shopPort = Number(process.env.DEMO_STOREFRONT_PORT ?? 8000)
/** The sandbox signs its webhooks with this key, and the provider checks them with it. */
const DEV_WEBHOOK_KEY = "dev-webhook-signature-key"
const children = new Set<ChildProcess>()
let postgres: PostgresServer | undefined
let sandbox: SandboxHandle | undefined
let shop: DemoStorefront | undefined
let stopping = false

async function databaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const port = Number(process.env.DEV_POSTGRES_PORT ?? 54329)
  console.log(`Starting the embedded PostgreSQL on port ${port} (data in .data/postgres)...`)
  postgres = await startEmbeddedPostgres({
    dataDir: resolve(root, ".data/postgres"),
    port,
    persistent: true,
  })
  await ensureDatabase(postgres.urlFor("postgres"), "medusa_scalexpert")
  return postgres.urlFor("medusa_scalexpert")
}

async function stopAll(exitCode: number) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill("SIGINT")
  await Promise.all([...children].map((child) => new Promise((r) => child.once("exit", r))))
  await shop?.close()
  await sandbox?.close()
  if (postgres) {
    console.log("Stopping PostgreSQL...")
    await postgres.stop()
  }
  process.exit(exitCode)
}

/**
 * The storefront the backend serves: the demo shop by default; another one (e.g. Medusa's Next.js
 * starter on port 8000) when `STORE_CORS`, `SCALEXPERT_SUCCESS_URL` or `SCALEXPERT_FAILURE_URL`
 * are set, which are then kept as they are (the demo shop's origin is added to `STORE_CORS`).
 */
function storefrontSettings() {
  const shopUrl = `http://localhost:${shopPort}`
  const demo = demoStorefrontUrls(shopUrl)
  const cors = (process.env.STORE_CORS ?? "").split(",").filter(Boolean)
  return {
    STORE_CORS: [...new Set([...cors, shopUrl])].join(","),
    SCALEXPERT_SUCCESS_URL: process.env.SCALEXPERT_SUCCESS_URL || demo.SCALEXPERT_SUCCESS_URL,
    SCALEXPERT_FAILURE_URL: process.env.SCALEXPERT_FAILURE_URL || demo.SCALEXPERT_FAILURE_URL,
  }
}

async function main() {
  process.on("SIGINT", () => void stopAll(0))
  process.on("SIGTERM", () => void stopAll(0))

  sandbox = await startSandbox({
    port: sandboxPort,
    publicUrl: `http://localhost:${sandboxPort}`,
    webhook: {
      url: `http://localhost:${medusaPort}/hooks/payment/scalexpert_scalexpert`,
      signatureKey: DEV_WEBHOOK_KEY,
    },
  })
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: await databaseUrl(),
    SCALEXPERT_BASE_URL: sandbox.apiRoot,
    SCALEXPERT_CLIENT_ID: sandbox.credentials.clientId,
    SCALEXPERT_CLIENT_SECRET: sandbox.credentials.clientSecret,
    SCALEXPERT_WEBHOOK_SIGNATURE_KEY: DEV_WEBHOOK_KEY,
    // The demo shop sells both insurance covers (the sandbox has both contracts), unless told.
    SCALEXPERT_INSURANCE_SOLUTIONS:
      process.env.SCALEXPERT_INSURANCE_SOLUTIONS ?? "CIFRWE-DXCO,CIFRBS-DXCO",
    MEDUSA_BACKEND_URL: process.env.MEDUSA_BACKEND_URL ?? `http://localhost:${medusaPort}`,
    ...storefrontSettings(),
  }
  const demo = await migrateAndSeedDemo(env, "inherit", root, children)

  const medusa = spawn("npx", ["medusa", "develop"], {
    cwd: root,
    env: { ...env, PORT: String(medusaPort) },
    stdio: "inherit",
  })
  children.add(medusa)
  medusa.on("exit", (code) => {
    children.delete(medusa)
    void stopAll(code ?? 0)
  })

  const health = `http://localhost:${medusaPort}/health`
  const ready = await waitForHealth(health, 180_000, () => stopping).then(
    () => true,
    () => false
  )
  if (ready) {
    shop = await startDemoStorefront({
      port: shopPort,
      backendUrl: `http://localhost:${medusaPort}`,
      publishableKey: demo.publishableKey,
    })
    console.log(
      [
        "",
        "Scalexpert demo store is running",
        `  Admin:           http://localhost:${medusaPort}/app`,
        `  Admin login:     ${demo.adminEmail} / ${demo.adminPassword}`,
        `  Store API:       http://localhost:${medusaPort}/store`,
        `  Publishable key: ${demo.publishableKey}`,
        `  Demo shop:       ${shop.url}`,
        `  Scalexpert:      local sandbox at ${sandbox!.url} (control API: ${sandbox!.url}/__sandbox)`,
        "  Press Ctrl-C to stop everything.",
        "",
      ].join("\n")
    )
  }
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error)
  await stopAll(1)
})
