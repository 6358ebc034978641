/** Options of `startSandbox()` and the handle it returns. */
import type { Server } from "node:http"

import { pathMatches } from "./rules/faults"
import type { SandboxSubscription } from "./rules/subscription"
import type { SandboxMount } from "./routers/context"
import { SOLUTION_CODES, type SolutionCode } from "./solutions"
import {
  DEFAULT_CREDENTIALS,
  type RequestKind,
  type RequestLogEntry,
  type SandboxConfig,
  type SandboxCredentials,
  SandboxState,
} from "./state"
import type { WebhookShortcut } from "./webhooks/config"
import type { DeliveryRecord, StoredEvent, WebhookChaos } from "./webhooks/events"

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to bind (default 127.0.0.1). */
  host?: string
  /** API root path (default `/baas/uatc`, as UATC). */
  rootPath?: string
  /** Base URL shoppers' browsers use for the journey and logos (default `http://HOST:PORT`). */
  publicUrl?: string
  /** Accepted client credentials (default `sandbox-client` / `sandbox-secret`). */
  credentials?: SandboxCredentials
  /** Contracted solution codes (default: all nine). */
  contractedSolutions?: SolutionCode[]
  /** An active `ANY` webhook configuration (default none: events are only logged, `NO_CONFIG`). */
  webhook?: WebhookShortcut | null
  /** Delay between replays of an unacknowledged webhook (default 10 minutes, as documented). */
  webhookReplayIntervalMs?: number
  /** Replays before giving up (default 720: 5 days every 10 minutes). */
  webhookMaxReplays?: number
  /** Timeout of one webhook delivery (default 10 s). */
  webhookTimeoutMs?: number
  /** Misbehaviour of webhook deliveries (default none). */
  webhookChaos?: WebhookChaos
  /** Lifetime of access tokens (default 900 s, as the token server's example). */
  tokenTtlSeconds?: number
  /** Requests per minute per client id before 429 (default 600, as documented; 0 disables). */
  rateLimitPerMinute?: number
  /** Seed of the random misbehaviour (default 1). */
  seed?: number
  /** INITIALIZED files expire (ABORTED, "EXPIRED") after this (default 1 h; 0 = never). */
  initializedTtlMs?: number
  /** PRE_ACCEPTED files expire (REJECTED, "EXPIRED") after this (default 30 days; 0 = never). */
  preAcceptedTtlMs?: number
  /** The lender's decision on every PRE_ACCEPTED file after `afterMs` (default none). */
  preAcceptedDecision?: SandboxConfig["preAcceptedDecision"]
  /** Hanseatic's answer to every cancellation request after `afterMs` (default none: control API). */
  hanseaticCancellation?: SandboxConfig["hanseaticCancellation"]
  /** Check every answer against the OpenAPI (default: under Jest). */
  validateResponses?: boolean
  /** Extra surfaces for this instance (see `EXTRA_MOUNTS` for the permanent ones). */
  mounts?: SandboxMount[]
}

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** `url` + root path: what the client's `baseUrl` takes. */
  apiRoot: string
  port: number
  credentials: SandboxCredentials
  /** Direct access to the in-memory state (tests). */
  state: SandboxState
  /** Request log (API, token, journey and asset calls; never control calls). */
  requests(filter?: { path?: string; method?: string; kind?: RequestKind }): RequestLogEntry[]
  subscriptions(): SandboxSubscription[]
  subscription(id: string): SandboxSubscription | undefined
  events(): readonly StoredEvent[]
  deliveries(): readonly DeliveryRecord[]
  /** Answers that did not fit the OpenAPI (when `validateResponses` is on). */
  contractViolations(): SandboxState["contractViolations"]
  /** Resolves when every queued webhook delivery has been attempted. */
  webhooksIdle(): Promise<void>
  /** Summary for `GET /__sandbox`. */
  info(): Record<string, unknown>
  reset(): void
  close(): Promise<void>
}

const MINUTE = 60_000

export function configFromOptions(options: SandboxOptions): SandboxConfig {
  return {
    credentials: options.credentials ?? { ...DEFAULT_CREDENTIALS },
    contractedSolutions: options.contractedSolutions ?? [...SOLUTION_CODES],
    webhook: options.webhook ?? null,
    webhookReplayIntervalMs: options.webhookReplayIntervalMs ?? 10 * MINUTE,
    webhookMaxReplays: options.webhookMaxReplays ?? 720,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    webhookChaos: options.webhookChaos ?? {},
    tokenTtlSeconds: options.tokenTtlSeconds ?? 900,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    seed: options.seed ?? 1,
    // The documents give no lifetime for an unanswered file: one hour, configurable.
    initializedTtlMs: options.initializedTtlMs ?? 60 * MINUTE,
    // Nor for a pre-accepted one awaiting signature: 30 days, configurable.
    preAcceptedTtlMs: options.preAcceptedTtlMs ?? 30 * 24 * 60 * MINUTE,
    preAcceptedDecision: options.preAcceptedDecision ?? null,
    hanseaticCancellation: options.hanseaticCancellation ?? null,
  }
}

export function makeHandle(parts: {
  url: string
  rootPath: string
  port: number
  state: SandboxState
  server: Server
}): SandboxHandle {
  const { url, rootPath, port, state, server } = parts
  let closed = false
  const handle: SandboxHandle = {
    url,
    apiRoot: `${url}${rootPath}`,
    port,
    get credentials() {
      return { ...state.config.credentials }
    },
    state,
    requests: (filter = {}) =>
      state.requestLog.filter(
        (r) =>
          (!filter.method || r.method === filter.method.toUpperCase()) &&
          (!filter.kind || r.kind === filter.kind) &&
          (!filter.path || pathMatches(filter.path, r.path, rootPath))
      ),
    subscriptions: () => [...state.subscriptions.values()],
    subscription: (id) => state.get(id),
    events: () => state.webhooks.events,
    deliveries: () => state.webhooks.deliveries,
    contractViolations: () => state.contractViolations,
    webhooksIdle: () => state.webhooks.idle(),
    info: () => ({
      url,
      apiRoot: handle.apiRoot,
      publicUrl: state.publicUrl,
      credentials: { clientId: state.config.credentials.clientId },
      contractedSolutions: state.config.contractedSolutions,
      webhooks: [...state.webhookConfigs.values()].map((c) => ({
        eventTypeCode: c.eventTypeCode,
        url: c.url,
        active: c.active,
        signed: Boolean(c.keyForSignature),
      })),
      seed: state.config.seed,
      subscriptions: state.subscriptions.size,
    }),
    reset: () => state.reset(),
    close: async () => {
      if (closed) return
      closed = true
      state.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
  return handle
}
