/**
 * The Medusa store the topology test boots: a folder whose `medusa-config.ts` is the README's
 * "Production" block, verbatim, and whose `node_modules/medusa-payment-scalexpert` is this
 * repository laid out as the published package (its `package.json` exports, pointing at `src/`
 * through a `.medusa/server/src` link instead of the build), so that the config resolves the
 * plugin by its package name exactly as a shop's does, without `npm pack` and a build.
 *
 * The folder lives in `.data/` (git-ignored) so that `@medusajs/*` resolve from the repository's
 * node_modules.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"

const root = resolve(__dirname, "../..")

/** The fenced ```ts block of README.md that follows `<!-- {marker} -->`. */
export function readmeBlock(
  marker: string,
  readme = readFileSync(join(root, "README.md"), "utf8")
) {
  const match = readme.match(new RegExp(`<!-- ${marker} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``))
  if (!match) throw new Error(`README.md has no \`\`\`ts block after <!-- ${marker} -->`)
  return match[1]
}

/** The package.json of the published package, with its exports pointing at the TypeScript sources. */
function sourcePackageJson(): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
  const exports: Record<string, string> = {}
  for (const [key, value] of Object.entries(pkg.exports as Record<string, unknown>)) {
    const target = typeof value === "string" ? value : (value as { default?: string }).default
    // The admin extensions are not part of this test (the servers run without the dashboard).
    if (!target || key === "./admin") continue
    exports[key] = target.replace(/\.js$/, ".ts")
  }
  return JSON.stringify({ name: pkg.name, version: pkg.version, exports }, null, 2)
}

export type TopologyProject = { dir: string; remove(): void }

export function createTopologyProject(): TopologyProject {
  const parent = join(root, ".data")
  mkdirSync(parent, { recursive: true })
  const dir = mkdtempSync(join(parent, "topology-"))
  writeFileSync(join(dir, "medusa-config.ts"), readmeBlock("production-config"))
  const medusa = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "scalexpert-topology-store",
      private: true,
      version: "0.0.0",
      // What tells the Medusa CLI this is a Medusa application.
      dependencies: { "@medusajs/medusa": medusa["@medusajs/medusa"] },
    })
  )
  // The store's own extensions: none.
  mkdirSync(join(dir, "src"))
  const pkg = join(dir, "node_modules", "medusa-payment-scalexpert")
  mkdirSync(join(pkg, ".medusa", "server"), { recursive: true })
  writeFileSync(join(pkg, "package.json"), sourcePackageJson())
  symlinkSync(join(root, "src"), join(pkg, ".medusa", "server", "src"), "dir")
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
