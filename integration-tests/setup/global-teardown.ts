import type { PostgresServer } from "../../scripts/lib/postgres"

export default async function globalTeardown() {
  await (globalThis as { __EMBEDDED_POSTGRES__?: PostgresServer }).__EMBEDDED_POSTGRES__?.stop()
}
