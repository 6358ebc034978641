/**
 * Checks of `scripts/verify-install.ts` on a store where the packed package was installed: the
 * package manager, the types of every entry point under three module resolutions, and what the
 * storefront entries load.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/** Yarn (Berry) through corepack, downloaded from the npm registry (the only one reachable). */
export const YARN = "yarn@4.9.2"
export const corepackEnv = (home: string): NodeJS.ProcessEnv => ({
  ...process.env,
  COREPACK_HOME: home,
  COREPACK_NPM_REGISTRY: process.env.COREPACK_NPM_REGISTRY ?? "https://registry.npmjs.org",
  COREPACK_ENABLE_DOWNLOAD_PROMPT: "0",
  COREPACK_ENABLE_STRICT: "0",
})

/** Whether corepack can give Yarn here; the reason when it cannot. */
export function yarnAvailable(env: NodeJS.ProcessEnv): true | string {
  const result = spawnSync("corepack", [YARN, "--version"], { env, encoding: "utf8" })
  if (result.status === 0) return true
  return (result.error?.message ?? result.stderr ?? "").trim().split("\n").slice(-1)[0] || "failed"
}

const ENTRY_POINTS = `
import {
  createScalexpertStorefront,
  readScalexpertReturn,
  scalexpertAction,
  type ScalexpertActionResult,
  type ScalexpertFinancingSession,
  type ScalexpertRefusalCode,
} from "medusa-payment-scalexpert/storefront/client"
import { ScalexpertBadge, ScalexpertSolutionPicker } from "medusa-payment-scalexpert/storefront"
import * as workflows from "medusa-payment-scalexpert/workflows"
import provider from "medusa-payment-scalexpert/providers/scalexpert"
import type admin from "medusa-payment-scalexpert/admin"

const client = createScalexpertStorefront({ baseUrl: "http://localhost:9000", publishableKey: "pk" })
const code: ScalexpertRefusalCode = "scalexpert_phone_required"
export const checks: unknown[] = [client.getCartEligibility, readScalexpertReturn("?reason=x"), code]
export const start = (cartId: string): Promise<ScalexpertActionResult<ScalexpertFinancingSession>> =>
  scalexpertAction(() => client.startFinancing({ cartId, solutionCode: "SCFRSP-3XTS" }))
export const components = [ScalexpertBadge, ScalexpertSolutionPicker]
export const server: unknown[] = [workflows, provider]
export type Admin = typeof admin
`

const RESOLUTIONS = [
  { module: "commonjs", moduleResolution: "node" },
  { module: "node16", moduleResolution: "node16" },
  { module: "esnext", moduleResolution: "bundler" },
]

/** Every entry point has its types (no `any`), whatever the store's module resolution. */
export function checkTypes(store: string, run: (args: string[]) => void) {
  const dir = join(store, "types-check")
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "entries.ts"), ENTRY_POINTS)
  for (const resolution of RESOLUTIONS) {
    const config = join(dir, `tsconfig.${resolution.moduleResolution}.json`)
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          ...resolution,
          target: "es2021",
          strict: true,
          noEmit: true,
          noImplicitAny: true,
          skipLibCheck: true,
          jsx: "react-jsx",
          types: [],
        },
        files: ["entries.ts"],
      })
    )
    console.log(`== types with moduleResolution ${resolution.moduleResolution}`)
    run(["tsc", "-p", config])
  }
}

/** What the storefront entries load at run time: no server dependency, no Medusa. */
export const STOREFRONT_LOAD_CHECK = `
const before = new Set(Object.keys(require.cache))
require("medusa-payment-scalexpert/storefront/client")
const loaded = Object.keys(require.cache).filter((f) => !before.has(f))
const server = loaded.filter((f) => /node_modules[\\\\/](axios|zod|libphonenumber-js|@medusajs)[\\\\/]/.test(f))
if (server.length) { console.error("storefront/client loads", server); process.exit(1) }
console.log("storefront/client loads", loaded.length, "files, none of the server's")
`
