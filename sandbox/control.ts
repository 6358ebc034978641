/**
 * Typed helpers for the control API (`/__sandbox/...`), for TypeScript tests that drive a running
 * sandbox (in-process or `npm run sandbox`): `const c = sandboxControl(sandbox.url)`.
 * Each call throws when the control API refuses it (4xx/5xx).
 */
import type { ControlDecision } from "./rules/decisions"
import type { Fault, FaultInput, Latency } from "./rules/faults"
import type { RequestKind, RequestLogEntry, SandboxConfig } from "./state"
import type { DeliveryRecord, StoredEvent, WebhookChaos } from "./webhooks/events"

type ConfigUpdate = Partial<Omit<SandboxConfig, "webhook">> & {
  webhook?: SandboxConfig["webhook"]
}
type FaultRequest = Partial<Omit<FaultInput, "path">> & { path: string }
type FileView = Record<string, unknown> & {
  creditSubscriptionId: string
  consolidatedStatus: string
}

export function sandboxControl(sandboxUrl: string) {
  const base = `${sandboxUrl.replace(/\/+$/, "")}/__sandbox`
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
  const file = (id: string, action: string, body: unknown) =>
    call<FileView>("POST", `/subscriptions/${id}/${action}`, body)
  return {
    reset: () => call<{ reset: true }>("POST", "/reset"),
    configure: (update: ConfigUpdate) => call<SandboxConfig>("PUT", "/config", update),
    seed: (seed: number) => call<{ seed: number }>("POST", "/seed", { seed }),
    fault: (fault: FaultRequest) => call<Fault>("POST", "/faults", fault),
    clearFaults: () => call<void>("DELETE", "/faults"),
    latency: (rule: Partial<Latency> & { path: string; ms: number }) =>
      call<Latency>("POST", "/latency", rule),
    clearLatency: () => call<void>("DELETE", "/latency"),
    expireTokens: (accessToken?: string) =>
      call<{ expired: number }>("POST", "/tokens/expire", { accessToken }),
    revokeTokens: (accessToken?: string) =>
      call<{ revoked: number }>("POST", "/tokens/revoke", { accessToken }),
    requests: async (filter: { path?: string; method?: string; kind?: RequestKind } = {}) => {
      const query = new URLSearchParams(filter as Record<string, string>).toString()
      return (await call<{ requests: RequestLogEntry[] }>("GET", `/requests?${query}`)).requests
    },
    clearRequests: () => call<void>("DELETE", "/requests"),
    subscriptions: async () =>
      (await call<{ subscriptions: FileView[] }>("GET", "/subscriptions")).subscriptions,
    subscription: (id: string) => call<FileView>("GET", `/subscriptions/${id}`),
    decide: (id: string, decision: ControlDecision, duration?: number) =>
      file(id, "decision", { decision, duration }),
    setStatus: (
      id: string,
      consolidatedStatus: string,
      consolidatedSubstatus?: string,
      force?: boolean
    ) => file(id, "status", { consolidatedStatus, consolidatedSubstatus, force }),
    lenderDecision: (id: string, decision: "accept" | "refuse" | "expire", afterMs: number) =>
      file(id, "lender-decision", { decision, afterMs }),
    cancellationOutcome: (id: string, accepted: boolean) =>
      file(id, "cancellation-outcome", { accepted }),
    backOfficeCancel: (id: string, cancelledAmount?: number) =>
      file(id, "back-office-cancel", { cancelledAmount }),
    age: (id: string, days: number) => file(id, "age", { days }),
    events: async () => (await call<{ events: StoredEvent[] }>("GET", "/events")).events,
    deliveries: async (eventId?: string) =>
      (
        await call<{ deliveries: DeliveryRecord[] }>(
          "GET",
          `/webhooks/deliveries${eventId ? `?eventId=${eventId}` : ""}`
        )
      ).deliveries,
    webhookChaos: (chaos: WebhookChaos) => call<WebhookChaos>("PUT", "/webhooks/chaos", chaos),
    resend: (eventId: string) => call<DeliveryRecord>("POST", `/webhooks/events/${eventId}/resend`),
    flushWebhooks: () => call<{ events: number; deliveries: number }>("POST", "/webhooks/flush"),
    contractViolations: async () =>
      (await call<{ violations: unknown[] }>("GET", "/contract-violations")).violations,
  }
}

export type SandboxControl = ReturnType<typeof sandboxControl>
