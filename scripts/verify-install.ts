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
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import getPort from "get-port"
import {
  checkTypes,
  corepackEnv,
  sh,
  STOREFRONT_LOAD_CHECK,
  YARN,
  yarnAvailable,
} from "./lib/install-checks"
import { ensureDatabase, startEmbeddedPostgres, type PostgresServer } from "./lib/postgres"

const repo = resolve(__dirname, "..")
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"))
const MEDUSA_VERSION = pkg.devDependencies["@medusajs/medusa"]
const PROVIDER_ID = "pp_scalexpert_scalexpert"
/**
 * A storefront-side project on a newer `@medusajs/icons` than the plugin's: the peer range must
 * accept it (an exact pin fails `npm install` with ERESOLVE). Not the booted store: Medusa 2.21's
 * own `@medusajs/draft-order` pins `@medusajs/icons` exactly.
 */
const NEWER_ICONS = process.env.VERIFY_ICONS_VERSION ?? "2.22.1"

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

/** The tarball holds the built code, the types of every entry point and the stylesheet. */
function checkTarball(tarball: string) {
  const listing = spawnSync("tar", ["tzf", tarball], { encoding: "utf8" }).stdout
  const required = [
    "package/.medusa/server/src/storefront/index.js",
    "package/.medusa/server/src/storefront/index.d.ts",
    "package/.medusa/server/src/storefront/client.d.ts",
    "package/.medusa/server/src/workflows/index.d.ts",
    "package/.medusa/server/src/providers/scalexpert/index.d.ts",
    "package/.medusa/server/src/admin/index.mjs",
    "package/types/admin.d.ts",
    "package/src/storefront/styles.css",
  ]
  const missing = required.filter((file) => !listing.split("\n").includes(file))
  if (missing.length) throw new Error(`The tarball lacks ${missing.join(", ")}`)
  if (/__tests__/.test(listing)) throw new Error("The tarball holds tests")
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("medusa start exited before it was ready")
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

/**
 * A copy of the repository as a fresh clone has it (the files git knows, no build output), with
 * the installed node_modules linked in: `npm pack` there must build the package by itself.
 */
function freshClone(work: string): string {
  const clone = join(work, "clone")
  const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  }).stdout.split("\0")
  for (const file of files.filter(Boolean)) {
    try {
      cpSync(join(repo, file), join(clone, file), { recursive: false })
    } catch {
      // deleted in the working tree but not yet in the index
    }
  }
  symlinkSync(join(repo, "node_modules"), join(clone, "node_modules"))
  return clone
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "scalexpert-install-"))
  const store = join(work, "store")
  let postgres: PostgresServer | undefined
  let server: ChildProcess | undefined
  try {
    sh("npm", ["pack", "--pack-destination", work], freshClone(work))
    const tarball = join(work, `${pkg.name}-${pkg.version}.tgz`)
    checkTarball(tarball)

    mkdirSync(join(store, "src"), { recursive: true })
    const manifest = JSON.stringify(storePackage(tarball), null, 2)
    writeFileSync(join(store, "package.json"), manifest)
    writeFileSync(join(store, "tsconfig.json"), readFileSync(join(repo, "tsconfig.json")))
    writeFileSync(
      join(store, "medusa-config.ts"),
      readmeStoreConfig(readFileSync(join(repo, "README.md"), "utf8"))
    )
    // No --legacy-peer-deps: a peer range that refuses the store's packages fails here (ERESOLVE).
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], store)
    checkTypes(store, (args) => sh("npx", args, store))
    sh("node", ["-e", STOREFRONT_LOAD_CHECK], store)

    postgres = await startEmbeddedPostgres({
      dataDir: join(work, "postgres"),
      port: await getPort(),
      persistent: false,
    })
    await ensureDatabase(postgres.urlFor("postgres"), "bare_store")
    const port = await getPort()
    const env = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: postgres.urlFor("bare_store"),
      PORT: String(port),
      SCALEXPERT_CLIENT_ID: "install-check",
      SCALEXPERT_CLIENT_SECRET: "install-check-secret",
    }
    sh("npx", ["medusa", "db:migrate"], store, env)
    sh("npx", ["medusa", "user", "-e", "install@example.com", "-p", "install-check"], store, env)
    sh("npx", ["medusa", "build"], store, env)

    const built = join(store, ".medusa", "server")
    symlinkSync(join(store, "node_modules"), join(built, "node_modules"))
    // Its own process group, so that stopping it stops npx and the Medusa process it starts.
    server = spawn("npx", ["medusa", "start"], {
      cwd: built,
      env,
      stdio: "inherit",
      detached: true,
    })
    await waitForHealth(`http://localhost:${port}/health`, server, 120_000)

    const login = await fetch(`http://localhost:${port}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "install@example.com", password: "install-check" }),
    })
    const { token } = (await login.json()) as { token: string }
    const response = await fetch(`http://localhost:${port}/admin/payments/payment-providers`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as { payment_providers?: { id: string }[] }
    const ids = (body.payment_providers ?? []).map((p) => p.id)
    if (!ids.includes(PROVIDER_ID)) {
      throw new Error(
        `${PROVIDER_ID} is not listed; the store lists: ${ids.join(", ") || "nothing"}`
      )
    }
    console.log(`OK: the installed package registers ${PROVIDER_ID} (listed: ${ids.join(", ")})`)
    await stopServer(server)
    checkNewerIcons(work, tarball)
  } finally {
    await stopServer(server)
    await postgres?.stop()
    if (process.env.KEEP_STORE) console.log(`Store kept in ${store}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

async function stopServer(server: ChildProcess | undefined) {
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server.once("exit", r))
    process.kill(-server.pid, "SIGTERM")
    await exited
  }
}

/**
 * A project with the package and a newer `@medusajs/icons`, installed with npm, then with Yarn:
 * no peer conflict, the types of every entry point, a storefront entry without server code.
 */
function checkNewerIcons(work: string, tarball: string) {
  const manifest = JSON.stringify({
    name: "newer-icons",
    private: true,
    dependencies: {
      "@medusajs/icons": NEWER_ICONS,
      "medusa-payment-scalexpert": `file:${tarball}`,
      react: pkg.devDependencies.react,
      "@types/react": pkg.devDependencies["@types/react"],
      typescript: pkg.devDependencies.typescript,
    },
  })
  const npmStore = join(work, "npm-newer-icons")
  mkdirSync(npmStore, { recursive: true })
  writeFileSync(join(npmStore, "package.json"), manifest)
  sh("npm", ["install", "--no-audit", "--no-fund"], npmStore)
  checkTypes(npmStore, (args) => sh("npx", args, npmStore))
  sh("node", ["-e", STOREFRONT_LOAD_CHECK], npmStore)
  console.log(`OK: installed with npm next to @medusajs/icons ${NEWER_ICONS}`)
  if (process.env.VERIFY_INSTALL_YARN !== "0") checkWithYarn(work, manifest)
}

/** The same project installed with Yarn (node_modules linker): types and loads. */
function checkWithYarn(work: string, manifest: string) {
  const env = corepackEnv(join(work, "corepack"))
  const available = yarnAvailable(env)
  if (available !== true) {
    console.log(`Yarn check skipped: corepack could not get ${YARN} (${available})`)
    return
  }
  const store = join(work, "yarn-store")
  mkdirSync(store, { recursive: true })
  writeFileSync(join(store, "package.json"), manifest)
  writeFileSync(join(store, "yarn.lock"), "")
  writeFileSync(
    join(store, ".yarnrc.yml"),
    "nodeLinker: node-modules\nenableTelemetry: false\nenableGlobalCache: false\n"
  )
  // Under CI=true Yarn refuses to write a lockfile; this throwaway store has none to keep.
  sh("corepack", [YARN, "install", "--mode=skip-build", "--no-immutable"], store, env)
  checkTypes(store, (args) => sh("corepack", [YARN, ...args], store, env))
  sh("node", ["-e", STOREFRONT_LOAD_CHECK], store)
  console.log(`OK: installed with ${YARN}`)
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`verify-install failed: ${error instanceof Error ? error.message : error}`)
    process.exit(1)
  })
}
