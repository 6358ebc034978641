import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import type { DemoStore } from "../../scripts/seed-demo"
import { run } from "./stack-process"

const root = resolve(__dirname, "../..")

/**
 * `medusa db:migrate`, then the demo seed (`scripts/seed-demo.ts`), in `cwd` (default the
 * repository), their output kept in `log`; returns the demo store the seed left in `cwd/.data/`.
 */
export async function migrateAndSeedDemo(
  env: NodeJS.ProcessEnv,
  log: string[],
  cwd = root
): Promise<DemoStore> {
  await run("npx", ["medusa", "db:migrate"], env, log, cwd)
  await run("npx", ["medusa", "exec", join(root, "scripts/seed-demo.ts")], env, log, cwd)
  return JSON.parse(readFileSync(join(cwd, ".data", "demo-store.json"), "utf8")) as DemoStore
}
