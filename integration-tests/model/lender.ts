import axios from "axios"

/** A file as the sandbox's control API shows it (only what the model reads). */
export type LenderFile = {
  creditSubscriptionId: string
  merchantGlobalOrderId: string
  solutionCode: string
  kind: "split" | "long_credit"
  consolidatedStatus: string
  consolidatedSubstatus?: string
  financedAmount: number
  initialFinancedAmount: number
  isDelivered: boolean
  pendingCancellation?: { amount: number; full: boolean }
  cancellations: { amount: number; full: boolean; cancellationStatus: string; origin: string }[]
}

/** How the sandbox mistreats webhook deliveries (its seeded `webhookChaos`). */
export type WebhookChaos = "none" | "outOfOrder" | "duplicates" | "drops"
const CHAOS: Record<WebhookChaos, Record<string, unknown>> = {
  none: {},
  outOfOrder: { outOfOrder: true, holdMs: 500 },
  duplicates: { duplicateProbability: 0.5 },
  drops: { dropProbability: 0.5 },
}

export type LenderEvent = {
  id: string
  eventCode?: string
  timestampOfLastDeliveryAttempt?: string
}

/**
 * Medusa answers a payment webhook at once and processes it this long after (the payment module's
 * `webhook_delay`, default 5 s, which medusa-config.ts leaves as is).
 */
export const MEDUSA_WEBHOOK_DELAY_MS = 5000

export type FaultTarget = "create" | "read" | "cancel" | "confirmDelivery"
export type FaultMode = "500" | "503" | "429" | "slow" | "timeout" | "afterCreate"

const FAULT_PATHS: Record<FaultTarget, { method: string; path: string }> = {
  create: { method: "POST", path: "**/e-financing/api/v1/subscriptions" },
  read: { method: "GET", path: "**/e-financing/api/v1/subscriptions/*" },
  cancel: { method: "POST", path: "**/_cancel" },
  confirmDelivery: { method: "POST", path: "**/_confirmDelivery" },
}

/** The fault a mode means: an error answer, a slow lender, or a creation answered 500 after it ran. */
function faultBody(mode: FaultMode): Record<string, unknown> {
  switch (mode) {
    case "429":
      return { status: 429, retryAfterSeconds: 1 }
    case "slow":
      return { delayMs: 1500 }
    case "timeout":
      // No answer: the connection is cut after 1.5 s, as the client sees a timeout.
      return { timeout: true, delayMs: 1500 }
    case "afterCreate":
      return { afterCreate: true, status: 500 }
    default:
      return { status: Number(mode) }
  }
}

/**
 * The lender's side, through the sandbox's control API (`/__sandbox/`): files, decisions,
 * back-office acts, webhook events and faults. Control calls never fail the model: a refused
 * act (409, 400: not possible in this state) is answered `false`.
 */
export function lenderControl() {
  const url = process.env.SCALEXPERT_SANDBOX_URL
  if (!url) throw new Error("SCALEXPERT_SANDBOX_URL is not set: run through jest's global setup")
  const http = axios.create({ baseURL: `${url}/__sandbox`, validateStatus: () => true })
  const accepted = async (call: Promise<{ status: number }>) => (await call).status < 300
  const subscription = (id: string) => `/subscriptions/${encodeURIComponent(id)}`

  return {
    reset: () => http.post("/reset"),
    /** Webhooks to `url` (none when null), mistreated as `chaos` says, with a seeded generator. */
    webhooks: async (
      url: string | null,
      signatureKey: string,
      { chaos = "none" as WebhookChaos, seed = 1 } = {}
    ) => {
      await http.put("/config", { webhook: url ? { url, signatureKey } : null, seed })
      await http.put("/webhooks/chaos", CHAOS[chaos])
    },
    files: async () =>
      (await http.get<{ subscriptions: LenderFile[] }>("/subscriptions")).data.subscriptions,
    /**
     * A decision through the sandbox's decision control; `abort` is the move no transition graph
     * foresees, a pre-accepted file that ends ABORTED (set by force, only on a PRE_ACCEPTED file).
     */
    decide: async (id: string, decision: string) => {
      if (decision !== "abort")
        return accepted(http.post(`${subscription(id)}/decision`, { decision }))
      const file = (await http.get<LenderFile>(subscription(id))).data
      if (file.consolidatedStatus !== "PRE_ACCEPTED") return false
      return accepted(
        http.post(`${subscription(id)}/status`, { consolidatedStatus: "ABORTED", force: true })
      )
    },
    backOfficeCancel: (id: string, cancelledAmount?: number) =>
      accepted(http.post(`${subscription(id)}/back-office-cancel`, { cancelledAmount })),
    cancellationOutcome: (id: string, outcome: boolean) =>
      accepted(http.post(`${subscription(id)}/cancellation-outcome`, { accepted: outcome })),
    events: async () => (await http.get<{ events: LenderEvent[] }>("/events")).data.events,
    resend: (eventId: string) => accepted(http.post(`/webhooks/events/${eventId}/resend`)),
    flushWebhooks: async () => {
      await http.post("/webhooks/flush")
    },
    /**
     * Delivers what is queued, then waits until Medusa has started processing the last delivery
     * (its webhook delay after the delivery's time).
     */
    webhooksProcessed: async () => {
      await http.post("/webhooks/flush")
      const { events } = (await http.get<{ events: LenderEvent[] }>("/events")).data
      const last = Math.max(
        0,
        ...events.map((e) => Date.parse(e.timestampOfLastDeliveryAttempt ?? "") || 0)
      )
      const wait = last + MEDUSA_WEBHOOK_DELAY_MS + 500 - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    },
    fault: (target: FaultTarget, mode: FaultMode) =>
      accepted(http.post("/faults", { count: 1, ...FAULT_PATHS[target], ...faultBody(mode) })),
    clearFaults: () => http.delete("/faults"),
    clearRequests: () => http.delete("/requests"),
    /** Scalexpert API calls received (token calls excluded), in order. */
    apiCalls: async () =>
      (
        await http.get<{ requests: { method: string; path: string; status: number }[] }>(
          "/requests",
          { params: { kind: "api" } }
        )
      ).data.requests,
  }
}

export type LenderControl = ReturnType<typeof lenderControl>
