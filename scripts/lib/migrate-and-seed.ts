import type { ChildProcess } from "node:child_process"
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import type { DemoStore } from "../seed-demo"
import { run, type Output } from "./processes"

const root = resolve(__dirname, "../..")

/**
 * `medusa db:migrate`, then the demo seed (`scripts/seed-demo.ts`), in `cwd` (default the
 * repository), their output kept in `output` or printed; returns the demo store the seed left in
 * `cwd/.data/`. `running` holds each command while it runs.
 */
export async function migrateAndSeedDemo(
  env: NodeJS.ProcessEnv,
  output: Output,
  cwd = root,
  running?: Set<ChildProcess>
): Promise<DemoStore> {
  const options = { env, output, cwd, running }
  await run("npx", ["medusa", "db:migrate"], options)
  await run("npx", ["medusa", "exec", join(root, "scripts/seed-demo.ts")], options)
  return JSON.parse(readFileSync(join(cwd, ".data", "demo-store.json"), "utf8")) as DemoStore
}
