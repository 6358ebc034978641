type Stoppable = { stop?: () => Promise<void>; close?: () => Promise<void> }

export default async function globalTeardown() {
  const servers = (globalThis as { __SCALEXPERT_TEST_SERVERS__?: Stoppable[] })
    .__SCALEXPERT_TEST_SERVERS__
  for (const server of (servers ?? []).reverse()) {
    await (server.close ?? server.stop)?.call(server)
  }
}
