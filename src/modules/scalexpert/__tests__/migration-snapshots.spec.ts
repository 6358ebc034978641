import { existsSync, readdirSync } from "node:fs"
import { join, resolve } from "node:path"
import { MikroORM } from "@medusajs/framework/mikro-orm/postgresql"
import { defineMikroOrmCliConfig, DmlEntity } from "@medusajs/framework/utils"

/**
 * Every module of the plugin has a migration snapshot that matches its models: `npx medusa
 * plugin:db:generate` finds nothing to generate. Same discovery and configuration as that command
 * (`src/modules/<name>/index.ts`, `models/*.ts`, `.snapshot-medusa-<module>.json`), without a
 * database: the models are compared with the snapshot only.
 */
const MODULES_DIR = resolve(__dirname, "../..")

const modules = readdirSync(MODULES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(MODULES_DIR, entry.name, "index.ts")))
  .map((entry) => join(MODULES_DIR, entry.name))

async function loadModule(dir: string) {
  const definition = require(join(dir, "index.ts")).default
  const serviceName: string = definition.service.prototype.__joinerConfig().serviceName
  const modelsDir = join(dir, "models")
  const entities = readdirSync(modelsDir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts") && name !== "index.ts")
    .flatMap((name) => Object.values(require(join(modelsDir, name)) as Record<string, unknown>))
    .filter((value) => DmlEntity.isDmlEntity(value))
  return { serviceName, entities }
}

describe("migration snapshots", () => {
  it("finds the plugin's modules", () => {
    expect(modules.map((dir) => dir.split("/").pop())).toEqual(
      expect.arrayContaining(["scalexpert", "scalexpert-insurance"])
    )
  })

  it.each(modules.map((dir) => [dir.split("/").pop()!, dir]))(
    "%s: the snapshot matches the models (no migration to generate)",
    async (_name, dir) => {
      const { serviceName, entities } = await loadModule(dir)
      const config = defineMikroOrmCliConfig(serviceName, {
        entities: entities as never[],
        migrations: { path: join(dir, "migrations") },
      })
      const orm = await MikroORM.init({ ...config, connect: false })
      try {
        const migrator = orm.getMigrator() as unknown as {
          snapshotPath: string
          getSchemaDiff(blank: boolean, initial: boolean): Promise<{ up: string[] }>
        }
        // Without its snapshot the command would diff against a database instead.
        expect(existsSync(migrator.snapshotPath)).toBe(true)
        const diff = await migrator.getSchemaDiff(false, false)
        expect(diff.up.filter(Boolean)).toEqual([])
      } finally {
        await orm.close(true)
      }
    }
  )
})
