import axios, { type AxiosInstance } from "axios"
import { TEST_WEBHOOK_KEY, WEBHOOK_PATH } from "./constants"

/** What the sandbox lender can decide on a file (as the shopper's journey would end). */
export type LenderDecision = "accept" | "refuse" | "preaccept" | "abandon" | "expire" | "fund"

/** The sandbox's control API (`/__sandbox/`), as the global setup started it. */
export function sandboxControl() {
  const url = process.env.SCALEXPERT_SANDBOX_URL
  if (!url)
    throw new Error("SCALEXPERT_SANDBOX_URL is not set: run through npm run test:integration")
  const http = axios.create({ baseURL: `${url}/__sandbox` })
  return {
    url,
    reset: () => http.post("/reset"),
    configure: (config: Record<string, unknown>) => http.put("/config", config),
    /** Scalexpert API calls received (token calls excluded unless asked). */
    apiCalls: async (filter: { path?: string; method?: string } = {}) =>
      (
        await http.get<{ requests: { method: string; path: string; status: number }[] }>(
          "/requests",
          { params: { kind: "api", ...filter } }
        )
      ).data.requests,
    clearRequests: () => http.delete("/requests"),
    subscriptions: async () => {
      const { data } = await http.get<
        Record<string, unknown>[] | { subscriptions: Record<string, unknown>[] }
      >("/subscriptions")
      return Array.isArray(data) ? data : data.subscriptions
    },
    subscription: async (id: string) =>
      (await http.get<Record<string, unknown>>(`/subscriptions/${id}`)).data,
    decide: (id: string, decision: LenderDecision) =>
      http.post(`/subscriptions/${id}/decision`, { decision }),
    fault: (fault: Record<string, unknown>) => http.post("/faults", { count: 1, ...fault }),
    events: async () =>
      (await http.get<{ events: Record<string, unknown>[] }>("/events")).data.events,
    resend: (eventId: string) => http.post(`/webhooks/events/${eventId}/resend`),
    flushWebhooks: () => http.post("/webhooks/flush"),
    backOfficeCancel: (id: string, cancelledAmount?: number) =>
      http.post(`/subscriptions/${id}/back-office-cancel`, { cancelledAmount }),
    /** Moves a file to any status (`force`: even one Scalexpert does not document). */
    forceStatus: (id: string, status: string, substatus?: string) =>
      http.post(`/subscriptions/${id}/status`, {
        consolidatedStatus: status,
        consolidatedSubstatus: substatus,
        force: true,
      }),
    cancellationOutcome: (id: string, accepted: boolean) =>
      http.post(`/subscriptions/${id}/cancellation-outcome`, { accepted }),
  }
}

export type SandboxControl = ReturnType<typeof sandboxControl>

/** Makes the sandbox send its signed webhooks to the Medusa under test. */
export function sendWebhooksTo(api: AxiosInstance) {
  return sandboxControl().configure({
    webhook: { url: `${api.defaults.baseURL}${WEBHOOK_PATH}`, signatureKey: TEST_WEBHOOK_KEY },
  })
}

/** The raw body of a webhook event as Scalexpert posts it, for a test that signs it itself. */
export function webhookEventBody(event: {
  id: string
  type: string
  code: string
  data: Record<string, unknown>
}) {
  return JSON.stringify({
    id: event.id,
    timestamp: new Date().toISOString(),
    eventTypeCode: event.type,
    eventCode: event.code,
    data: { eventTypeCode: event.type, ...event.data },
  })
}
