import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import getPort from "get-port"
import { startSandbox } from "../../sandbox/server"
import { startEmbeddedPostgres } from "../../scripts/lib/postgres"
import { TEST_WEBHOOK_KEY } from "../helpers/constants"

type Stoppable = { stop?: () => Promise<void>; close?: () => Promise<void> }
const globals = globalThis as { __SCALEXPERT_TEST_SERVERS__?: Stoppable[] }

/**
 * Gives the integration tests
 * - a PostgreSQL server: the one DB_HOST (with DB_PORT, DB_USERNAME, DB_PASSWORD) names, or else a
 *   throwaway embedded one (Medusa's test runner creates one database per test file);
 * - the local Scalexpert sandbox, which medusa-config.ts points the provider at.
 */
export default async function globalSetup() {
  const servers: Stoppable[] = []
  globals.__SCALEXPERT_TEST_SERVERS__ = servers

  if (!process.env.DB_HOST) {
    const postgres = await startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), "scalexpert-test-pg-")),
      port: await getPort(),
      persistent: false,
    })
    servers.push(postgres)
    process.env.DB_HOST = postgres.host
    process.env.DB_PORT = String(postgres.port)
    process.env.DB_USERNAME = postgres.user
    process.env.DB_PASSWORD = postgres.password
  }

  const sandbox = await startSandbox({ port: 0, webhookReplayIntervalMs: 200 })
  servers.push(sandbox)
  process.env.SCALEXPERT_SANDBOX_URL = sandbox.url
  process.env.SCALEXPERT_BASE_URL = sandbox.apiRoot
  process.env.SCALEXPERT_CLIENT_ID = sandbox.credentials.clientId
  process.env.SCALEXPERT_CLIENT_SECRET = sandbox.credentials.clientSecret
  process.env.SCALEXPERT_WEBHOOK_SIGNATURE_KEY = TEST_WEBHOOK_KEY
}
