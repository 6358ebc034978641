import axios from "axios"

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
    decide: (
      id: string,
      decision: "accept" | "refuse" | "preaccept" | "abandon" | "expire" | "fund"
    ) => http.post(`/subscriptions/${id}/decision`, { decision }),
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
