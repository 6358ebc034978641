/**
 * Installs the package the way a merchant does and proves it works:
 * `npm pack` → a bare Medusa 2.21 application made from npm packages → the `medusa-config.ts`
 * block of README.md, verbatim → migrations → `medusa build` → `medusa start` → the provider is
 * listed by `GET /admin/payments/payment-providers`.
 *
 * Run: `npx tsx scripts/verify-install.ts` (CI runs it). KEEP_STORE=1 keeps the store folder.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import getPort from "get-port"
import { ensureDatabase, startEmbeddedPostgres, type PostgresServer } from "./lib/postgres"

const repo = resolve(__dirname, "..")
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"))
const MEDUSA_VERSION = pkg.devDependencies["@medusajs/medusa"]
const PROVIDER_ID = "pp_scalexpert_scalexpert"

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  console.log(`$ ${command} ${args.join(" ")}   (in ${cwd})`)
  const result = spawnSync(command, args, { cwd, env, stdio: "inherit" })
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`)
}

/** The `medusa-config.ts` that README.md tells merchants to write. */
export function readmeStoreConfig(readme: string): string {
  const match = readme.match(/<!-- store-config -->\s*```ts\n([\s\S]*?)```/)
  if (!match) throw new Error("README.md has no ```ts block after <!-- store-config -->")
  return match[1]
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

async function main() {
  const work = mkdtempSync(join(tmpdir(), "scalexpert-install-"))
  const store = join(work, "store")
  let postgres: PostgresServer | undefined
  let server: ChildProcess | undefined
  try {
    sh("npm", ["run", "build"], repo)
    sh("npm", ["pack", "--pack-destination", work], repo)
    const tarball = join(work, `${pkg.name}-${pkg.version}.tgz`)

    sh("mkdir", ["-p", join(store, "src")], work)
    writeFileSync(
      join(store, "package.json"),
      JSON.stringify(
        {
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
            "ts-node": pkg.devDependencies["ts-node"],
            typescript: pkg.devDependencies.typescript,
            vite: pkg.devDependencies.vite,
          },
          allowScripts: { "@swc/core": true, esbuild: true },
        },
        null,
        2
      )
    )
    writeFileSync(join(store, "tsconfig.json"), readFileSync(join(repo, "tsconfig.json")))
    writeFileSync(
      join(store, "medusa-config.ts"),
      readmeStoreConfig(readFileSync(join(repo, "README.md"), "utf8"))
    )
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], store)

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
  } finally {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r))
      process.kill(-server.pid, "SIGTERM")
      await exited
    }
    await postgres?.stop()
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
