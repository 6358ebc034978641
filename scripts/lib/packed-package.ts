/**
 * The package as `npm pack` makes it on a fresh clone, for `scripts/verify-install.ts`: the
 * tarball, and what it must (and must not) hold.
 */
import { cpSync, readFileSync, symlinkSync } from "node:fs"
import { spawnSync } from "node:child_process"
import { join, resolve } from "node:path"
import { sh } from "./processes"

const repo = resolve(__dirname, "../..")
/** The repository's package.json. */
export const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"))

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

/** `npm pack` of a fresh clone (its `prepack` builds the package) into `work`; the checked tarball. */
export function packFreshClone(work: string): string {
  sh("npm", ["pack", "--pack-destination", work], freshClone(work))
  const tarball = join(work, `${pkg.name}-${pkg.version}.tgz`)
  checkTarball(tarball)
  return tarball
}
