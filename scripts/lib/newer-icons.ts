/**
 * The check of `scripts/verify-install.ts` on a storefront-side project: the package next to a
 * newer `@medusajs/icons` than the plugin's, installed with npm, then with Yarn.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import {
  checkTypes,
  corepackEnv,
  STOREFRONT_LOAD_CHECK,
  YARN,
  yarnAvailable,
} from "./install-checks"
import { pkg } from "./packed-package"
import { sh } from "./processes"

/**
 * Newer than the plugin's: the peer range must accept it (an exact pin fails `npm install` with
 * ERESOLVE). Not the booted store: Medusa 2.21's own `@medusajs/draft-order` pins
 * `@medusajs/icons` exactly.
 */
const NEWER_ICONS = process.env.VERIFY_ICONS_VERSION ?? "2.22.1"

/**
 * A project with the package and a newer `@medusajs/icons`, installed with npm, then with Yarn
 * (unless VERIFY_INSTALL_YARN=0): no peer conflict, the types of every entry point, a storefront
 * entry without server code.
 */
export function checkNewerIcons(work: string, tarball: string) {
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
