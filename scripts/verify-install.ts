/**
 * Installs the package the way a merchant does and proves it works:
 * `npm pack` (its `prepack` builds the package, as on a fresh clone) → a bare Medusa application
 * made from npm packages → the `medusa-config.ts` block of README.md, verbatim → migrations →
 * `medusa build` → `medusa start` → the provider is listed by
 * `GET /admin/payments/payment-providers`; the types of every entry point under moduleResolution
 * node, node16 and bundler, and the storefront entry's load. Then a project with the package and
 * a newer `@medusajs/icons` than the plugin's, installed with npm and with Yarn (through corepack,
 * from the npm registry), and the same checks.
 *
 * Run: `npx tsx scripts/verify-install.ts` (CI runs it). KEEP_STORE=1 keeps the store folder;
 * VERIFY_INSTALL_YARN=0 skips Yarn.
 */
import type { ChildProcess } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import getPort from "get-port"
import { checkTypes, STOREFRONT_LOAD_CHECK } from "./lib/install-checks"
import { checkNewerIcons } from "./lib/newer-icons"
import { packFreshClone, pkg } from "./lib/packed-package"
import { ensureDatabase, startEmbeddedPostgres, type PostgresServer } from "./lib/postgres"
import { sh, spawnMedusa, stopChild, waitForHealth } from "./lib/processes"

const repo = resolve(__dirname, "..")
const MEDUSA_VERSION = pkg.devDependencies["@medusajs/medusa"]
const PROVIDER_ID = "pp_scalexpert_scalexpert"
const ADMIN = { email: "install@example.com", password: "install-check" }

/** The `medusa-config.ts` that README.md tells merchants to write. */
export function readmeStoreConfig(readme: string): string {
  const match = readme.match(/<!-- store-config -->\s*```ts\n([\s\S]*?)```/)
  if (!match) throw new Error("README.md has no ```ts block after <!-- store-config -->")
  return match[1]
}

function storePackage(tarball: string) {
  return {
    name: "bare-medusa-store",
    private: true,
    version: "0.0.0",
    dependencies: {
      "@medusajs/admin-sdk": MEDUSA_VERSION,
      "@medusajs/cli": MEDUSA_VERSION,
      "@medusajs/framework": MEDUSA_VERSION,
      "@medusajs/icons": MEDUSA_VERSION,
      "@medusajs/medusa": MEDUSA_VERSION,
      "@medusajs/ui": pkg.devDependencies["@medusajs/ui"],
      "medusa-payment-scalexpert": `file:${tarball}`,
      react: pkg.devDependencies.react,
      "react-dom": pkg.devDependencies["react-dom"],
    },
    devDependencies: {
      "@swc/core": pkg.devDependencies["@swc/core"],
      "@types/node": pkg.devDependencies["@types/node"],
      "@types/react": pkg.devDependencies["@types/react"],
      "ts-node": pkg.devDependencies["ts-node"],
      typescript: pkg.devDependencies.typescript,
      vite: pkg.devDependencies.vite,
    },
    allowScripts: { "@swc/core": true, esbuild: true },
  }
}

/** The bare store: its package.json, README's config, npm install, the types and the load. */
function installStore(store: string, tarball: string) {
  mkdirSync(join(store, "src"), { recursive: true })
  writeFileSync(join(store, "package.json"), JSON.stringify(storePackage(tarball), null, 2))
  writeFileSync(join(store, "tsconfig.json"), readFileSync(join(repo, "tsconfig.json")))
  writeFileSync(
    join(store, "medusa-config.ts"),
    readmeStoreConfig(readFileSync(join(repo, "README.md"), "utf8"))
  )
  // No --legacy-peer-deps: a peer range that refuses the store's packages fails here (ERESOLVE).
  sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], store)
  checkTypes(store, (args) => sh("npx", args, store))
  sh("node", ["-e", STOREFRONT_LOAD_CHECK], store)
}

type Running = { postgres?: PostgresServer; server?: ChildProcess }

/** Migrations, an admin user, `medusa build`, `medusa start` until healthy; its port. */
async function bootStore(work: string, store: string, running: Running): Promise<number> {
  running.postgres = await startEmbeddedPostgres({
    dataDir: join(work, "postgres"),
    port: await getPort(),
    persistent: false,
  })
  await ensureDatabase(running.postgres.urlFor("postgres"), "bare_store")
  const port = await getPort()
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: running.postgres.urlFor("bare_store"),
    PORT: String(port),
    SCALEXPERT_CLIENT_ID: "install-check",
    SCALEXPERT_CLIENT_SECRET: "install-check-secret",
  }
  sh("npx", ["medusa", "db:migrate"], store, env)
  sh("npx", ["medusa", "user", "-e", ADMIN.email, "-p", ADMIN.password], store, env)
  sh("npx", ["medusa", "build"], store, env)

  const built = join(store, ".medusa", "server")
  symlinkSync(join(store, "node_modules"), join(built, "node_modules"))
  const server = spawnMedusa(built, env, "inherit")
  running.server = server
  await waitForHealth(`http://localhost:${port}/health`, 120_000, () => server.exitCode !== null)
  return port
}

/** `GET /admin/payments/payment-providers` lists the provider. */
async function checkProviderListed(port: number) {
  const login = await fetch(`http://localhost:${port}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  })
  const { token } = (await login.json()) as { token: string }
  const response = await fetch(`http://localhost:${port}/admin/payments/payment-providers`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const body = (await response.json()) as { payment_providers?: { id: string }[] }
  const ids = (body.payment_providers ?? []).map((p) => p.id)
  if (!ids.includes(PROVIDER_ID)) {
    throw new Error(`${PROVIDER_ID} is not listed; the store lists: ${ids.join(", ") || "nothing"}`)
  }
  console.log(`OK: the installed package registers ${PROVIDER_ID} (listed: ${ids.join(", ")})`)
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "scalexpert-install-"))
  const store = join(work, "store")
  const running: Running = {}
  try {
    const tarball = packFreshClone(work)
    installStore(store, tarball)
    await checkProviderListed(await bootStore(work, store, running))
    if (running.server) await stopChild(running.server)
    checkNewerIcons(work, tarball)
  } finally {
    if (running.server) await stopChild(running.server)
    await running.postgres?.stop()
    if (process.env.KEEP_STORE) console.log(`Store kept in ${store}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`verify-install failed: ${error instanceof Error ? error.message : error}`)
    process.exit(1)
  })
}
