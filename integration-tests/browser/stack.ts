/**
 * The whole demo stack for the browser tests, on free ports, thrown away afterwards: an embedded
 * PostgreSQL, the Scalexpert sandbox, Medusa (migrated and seeded with the demo store, started as
 * `npm run dev` starts it, with its admin dashboard unless told otherwise) and the demo shop.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import getPort from "get-port"
import { startDemoStorefront, demoStorefrontUrls } from "../../demo-storefront/server"
import { startSandbox, type SandboxHandle } from "../../sandbox/server"
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type PostgresServer,
} from "../../scripts/lib/postgres"
import type { DemoStore } from "../../scripts/seed-demo"

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

type Step = (message: string) => void

/** Runs a command to its end (in `cwd`, default the repository), keeping its output in `log`. */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string[],
  cwd = root
) {
  return new Promise<void>((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    const keep = (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean))
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    child.on("error", fail)
    child.on("exit", (code, signal) =>
      code === 0
        ? done()
        : fail(
            new Error(
              `${command} ${args.join(" ")} ended with ${signal ?? `code ${code}`}:\n${log.slice(-30).join("\n")}`
            )
          )
    )
  })
}

export async function waitForHealth(url: string, timeoutMs: number, exited: () => boolean) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !exited()) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(exited() ? "Medusa exited while starting" : `Medusa did not answer ${url}`)
}

/** Stops a process started with `detached: true` and everything it started. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const force = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL")
    }, 10_000)
    child.once("exit", () => {
      clearTimeout(force)
      done()
    })
    // The whole process group: npx, the Medusa CLI and what they started.
    if (child.pid) process.kill(-child.pid, "SIGTERM")
  })
}

/** Loads the admin once: its first visit makes Vite build the dashboard and its extensions. */
async function warmAdmin(adminUrl: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  let last = ""
  while (Date.now() < deadline) {
    try {
      const page = await fetch(`${adminUrl}/login`)
      const html = await page.text()
      if (page.ok && /<script/i.test(html)) {
        // The entry module and what it imports directly (the dashboard and the extensions).
        const entries = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
        for (const src of entries) {
          const url = new URL(src, adminUrl).href
          const script = await fetch(url)
          if (!script.ok) throw new Error(`${url}: ${script.status}`)
          const code = await script.text()
          for (const m of code.matchAll(/from\s+"(\/[^"]+)"/g)) {
            await fetch(new URL(m[1], adminUrl).href).catch(() => undefined)
          }
        }
        return
      }
      last = `${page.status}`
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`The admin did not load at ${adminUrl} (${last})`)
}

export async function startStack(
  step: Step = () => undefined,
  options: StackOptions = {}
): Promise<Stack> {
  const withAdmin = options.admin ?? true
  const cleanups: (() => Promise<void> | void)[] = []
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        console.error(`cleanup failed: ${(error as Error).message}`)
      }
    }
  }
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
    const dataDir = mkdtempSync(join(tmpdir(), "scalexpert-browser-pg-"))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const postgres: PostgresServer = await startEmbeddedPostgres({
      dataDir,
      port: pgPort,
      persistent: false,
    })
    cleanups.push(() => postgres.stop())
    await ensureDatabase(postgres.urlFor("postgres"), "medusa_browser_tests")

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
    cleanups.push(() => sandbox.close())

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: postgres.urlFor("medusa_browser_tests"),
      PORT: String(medusaPort),
      MEDUSA_ADMIN_DISABLED: withAdmin ? "false" : "true",
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

    step("Medusa migrations and the demo seed")
    // The seed leaves what `npm run dev` prints in .data/demo-store.json: keep the developer's.
    const demoFile = resolve(root, ".data/demo-store.json")
    const previous = existsSync(demoFile) ? readFileSync(demoFile, "utf8") : undefined
    await run("npx", ["medusa", "db:migrate"], env, medusaLines)
    let demo: DemoStore
    try {
      await run("npx", ["medusa", "exec", "./scripts/seed-demo.ts"], env, medusaLines)
      demo = JSON.parse(readFileSync(demoFile, "utf8")) as DemoStore
    } finally {
      if (previous !== undefined) writeFileSync(demoFile, previous)
      else rmSync(demoFile, { force: true })
    }

    step(`Medusa on port ${medusaPort}`)
    // `medusa start`, not `develop`: no file watcher that would restart it mid-test.
    const medusa = spawn("npx", ["medusa", "start"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    const keep = (chunk: Buffer) => {
      medusaLines.push(...chunk.toString().split("\n").filter(Boolean))
      if (medusaLines.length > 400) medusaLines.splice(0, medusaLines.length - 400)
    }
    medusa.stdout.on("data", keep)
    medusa.stderr.on("data", keep)
    cleanups.push(() => stopChild(medusa))
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
    cleanups.push(() => shop.close())

    return {
      medusaUrl,
      adminUrl,
      shopUrl: shop.url,
      sandbox,
      demo,
      medusaLog: () => medusaLines.slice(-60).join("\n"),
      stop,
    }
  } catch (error) {
    await stop()
    if (error instanceof Error && medusaLines.length > 0 && !error.message.includes("\n")) {
      error.message += `\n--- Medusa's last lines ---\n${medusaLines.slice(-30).join("\n")}`
    }
    throw error
  }
}
