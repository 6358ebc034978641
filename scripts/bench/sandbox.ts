/**
 * The bench's view of the sandbox the integration set-up started (its control API over HTTP) and
 * raw HTTP calls to its Scalexpert API, for the official plugins' patterns.
 */
import axios from "axios"

export type LoggedRequest = {
  at: string
  method: string
  path: string
  status: number
  kind: "token" | "api" | "journey" | "asset" | "other"
}

export function benchSandbox() {
  const url = process.env.SCALEXPERT_SANDBOX_URL
  const apiRoot = process.env.SCALEXPERT_BASE_URL
  if (!url || !apiRoot) throw new Error("run the bench with npm run bench (no sandbox set up)")
  const control = axios.create({ baseURL: `${url}/__sandbox` })
  return {
    url,
    apiRoot,
    clientId: process.env.SCALEXPERT_CLIENT_ID ?? "",
    clientSecret: process.env.SCALEXPERT_CLIENT_SECRET ?? "",
    /** The control API itself, for what the helpers below do not cover. */
    control,
    reset: () => control.post("/reset"),
    configure: (config: Record<string, unknown>) => control.put("/config", config),
    clearRequests: () => control.delete("/requests"),
    fault: (fault: Record<string, unknown>) => control.post("/faults", { count: 1, ...fault }),
    clearFaults: () => control.delete("/faults"),
    decide: (id: string, decision: string) =>
      control.post(`/subscriptions/${id}/decision`, { decision }),
    flushWebhooks: () => control.post("/webhooks/flush"),
    /** Every request the sandbox logged (API and token calls). */
    requests: async (): Promise<LoggedRequest[]> =>
      (await control.get<{ requests: LoggedRequest[] }>("/requests")).data.requests.filter(
        (r) => r.kind === "api" || r.kind === "token"
      ),
    /**
     * Requests of a checkout: the event log reads of Medusa's scheduled reconciliation (every 5
     * minutes, whenever it falls) are left out.
     */
    checkoutRequests: async (): Promise<LoggedRequest[]> =>
      (await control.get<{ requests: LoggedRequest[] }>("/requests")).data.requests.filter(
        (r) => (r.kind === "api" || r.kind === "token") && !r.path.includes("/merchant-webhooks/")
      ),
    subscriptions: async () =>
      (await control.get<{ subscriptions: Record<string, unknown>[] }>("/subscriptions")).data
        .subscriptions,
  }
}

export type BenchSandbox = ReturnType<typeof benchSandbox>

/** Most requests in any window of `windowMs`. */
export function maxInWindow(times: number[], windowMs = 60_000): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

/** Polls `read` until it stops changing for `quietMs` (webhooks and subscribers run late). */
export async function settle<T>(read: () => Promise<T>, quietMs = 1500, maxMs = 30_000) {
  const started = Date.now()
  let last = JSON.stringify(await read())
  let since = Date.now()
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    const now = JSON.stringify(await read())
    if (now !== last) {
      last = now
      since = Date.now()
    } else if (Date.now() - since >= quietMs) break
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
