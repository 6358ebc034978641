import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import getPort from "get-port"
import { startEmbeddedPostgres } from "../../scripts/lib/postgres"

/**
 * Gives the integration tests a PostgreSQL server: the one that DB_HOST (with DB_PORT,
 * DB_USERNAME, DB_PASSWORD) names, or else a throwaway embedded one. Medusa's test runner reads
 * those variables and creates one database per test file.
 */
export default async function globalSetup() {
  if (process.env.DB_HOST) return
  const dataDir = mkdtempSync(join(tmpdir(), "scalexpert-test-pg-"))
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await getPort(),
    persistent: false,
  })
  process.env.DB_HOST = server.host
  process.env.DB_PORT = String(server.port)
  process.env.DB_USERNAME = server.user
  process.env.DB_PASSWORD = server.password
  ;(globalThis as { __EMBEDDED_POSTGRES__?: typeof server }).__EMBEDDED_POSTGRES__ = server
}
