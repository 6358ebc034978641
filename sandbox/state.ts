/**
 * In-memory state of the sandbox: configuration, tokens, the rate limit, financing files and their
 * timers, webhook configurations and events, the request log and injected faults. Business rules
 * live in `rules/`; this class is the `FileContext` they work in.
 */
import { randomBytes } from "node:crypto"

import type { SolutionCode } from "./solutions"
import { FaultBook } from "./rules/faults"
import { SeededRandom } from "./rules/random"
import type { FileContext, FileSettings, Json, SandboxSubscription } from "./rules/subscription"
import { fromShortcut, type WebhookConfig, type WebhookShortcut } from "./webhooks/config"
import { WebhookDispatcher } from "./webhooks/dispatcher"
import type { WebhookChaos } from "./webhooks/events"

export interface SandboxCredentials {
  clientId: string
  clientSecret: string
}

export interface SandboxConfig extends FileSettings {
  credentials: SandboxCredentials
  contractedSolutions: SolutionCode[]
  /** Shortcut for an active `ANY` webhook configuration (null: none at start-up). */
  webhook: WebhookShortcut | null
  webhookReplayIntervalMs: number
  webhookMaxReplays: number
  webhookTimeoutMs: number
  webhookChaos: WebhookChaos
  tokenTtlSeconds: number
  /** Requests per minute per client id before 429 (0 = none). */
  rateLimitPerMinute: number
  /** Seed of every random misbehaviour (faults with a probability, webhook chaos, latency jitter). */
  seed: number
}

export const DEFAULT_CREDENTIALS: SandboxCredentials = {
  clientId: "sandbox-client",
  clientSecret: "sandbox-secret",
}

/** `common-services:rw` is the merchant-webhooks scope. */
export const ALL_SCOPES = ["e-financing:rw", "insurance:rw", "common-services:rw"] as const

export type RequestKind = "token" | "api" | "journey" | "asset" | "other"

export interface RequestLogEntry {
  seq: number
  at: string
  method: string
  path: string
  query: Record<string, unknown>
  status: number
  durationMs: number
  kind: RequestKind
  clientId?: string
  faultId?: string
}

export interface TokenRecord {
  accessToken: string
  clientId: string
  scopes: string[]
  issuedAt: number
  expiresAt: number
  revoked: boolean
}

const MAX_LOG = 20_000
// setTimeout's limit: longer delays are re-armed in steps.
const MAX_TIMER_MS = 2 ** 31 - 1

export class SandboxState implements FileContext {
  config: SandboxConfig
  readonly subscriptions = new Map<string, SandboxSubscription>()
  readonly tokens = new Map<string, TokenRecord>()
  readonly webhookConfigs = new Map<string, WebhookConfig>()
  readonly webhooks: WebhookDispatcher
  readonly faults: FaultBook
  requestLog: RequestLogEntry[] = []
  /** Responses that did not fit the OpenAPI (checked when `validateResponses` is on). */
  contractViolations: Array<{ operationId: string; status: number; issues: string[] }> = []
  random: SeededRandom
  private logSeq_ = 0
  private readonly rateStamps_ = new Map<string, number[]>()
  private readonly fileTimers_ = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly initialConfig_: SandboxConfig,
    readonly rootPath: string,
    public publicUrl: string
  ) {
    this.config = structuredClone(initialConfig_)
    this.random = new SeededRandom(this.config.seed)
    this.faults = new FaultBook(rootPath, () => this.random)
    this.setWebhookShortcut(this.config.webhook)
    this.webhooks = new WebhookDispatcher(() => ({
      configs: this.webhookConfigs,
      replayIntervalMs: this.config.webhookReplayIntervalMs,
      maxReplays: this.config.webhookMaxReplays,
      timeoutMs: this.config.webhookTimeoutMs,
      chaos: this.config.webhookChaos,
      random: this.random,
    }))
  }

  get settings(): FileSettings {
    return this.config
  }

  /** Back to the start-up configuration: no files, tokens, log, faults or events. */
  reset(): void {
    this.config = structuredClone(this.initialConfig_)
    this.random = new SeededRandom(this.config.seed)
    for (const t of this.fileTimers_.values()) clearTimeout(t)
    this.fileTimers_.clear()
    this.subscriptions.clear()
    this.tokens.clear()
    this.requestLog = []
    this.contractViolations = []
    this.faults.clear()
    this.rateStamps_.clear()
    this.setWebhookShortcut(this.config.webhook)
    this.webhooks.reset()
  }

  close(): void {
    for (const t of this.fileTimers_.values()) clearTimeout(t)
    this.fileTimers_.clear()
    this.webhooks.close()
  }

  reseed(seed: number): void {
    this.config.seed = seed
    this.random = new SeededRandom(seed)
  }

  setWebhookShortcut(shortcut: WebhookShortcut | null): void {
    this.config.webhook = shortcut
    this.webhookConfigs.clear()
    if (shortcut) this.webhookConfigs.set("ANY", fromShortcut(shortcut))
  }

  journeyUrl(id: string): string {
    return `${this.publicUrl}/journey/${id}`
  }

  get(id: string): SandboxSubscription | undefined {
    return this.subscriptions.get(id)
  }

  // ---- FileContext -------------------------------------------------------------------------

  emit(eventTypeCode: string, eventCode: string, data: Json): void {
    this.webhooks.emit(eventTypeCode, eventCode, data)
  }

  schedule(sub: SandboxSubscription, ms: number | undefined, action: () => void): void {
    clearTimeout(this.fileTimers_.get(sub.id))
    this.fileTimers_.delete(sub.id)
    if (ms === undefined) return
    const due = Date.now() + ms
    const arm = () => {
      const left = due - Date.now()
      const timer = setTimeout(
        () => {
          this.fileTimers_.delete(sub.id)
          if (left > MAX_TIMER_MS) arm()
          else action()
        },
        Math.min(Math.max(left, 0), MAX_TIMER_MS)
      )
      timer.unref?.()
      this.fileTimers_.set(sub.id, timer)
    }
    arm()
  }

  // ---- tokens and rate limit ---------------------------------------------------------------

  issueToken(clientId: string, scopes: string[]): TokenRecord {
    const now = Date.now()
    const record: TokenRecord = {
      accessToken: `sbx.${randomBytes(32).toString("base64url")}`,
      clientId,
      scopes,
      issuedAt: now,
      expiresAt: now + this.config.tokenTtlSeconds * 1000,
      revoked: false,
    }
    this.tokens.set(record.accessToken, record)
    return record
  }

  /** The token's record when known, unexpired, not revoked and of the current credential. */
  validToken(accessToken: string): TokenRecord | undefined {
    const record = this.tokens.get(accessToken)
    if (!record || record.revoked || Date.now() >= record.expiresAt) return undefined
    return record.clientId === this.config.credentials.clientId ? record : undefined
  }

  /** Expires (or revokes) one token or all of them: the next API call answers 401. */
  endTokens(how: "expire" | "revoke", accessToken?: string): number {
    let count = 0
    for (const record of this.tokens.values()) {
      if (accessToken !== undefined && record.accessToken !== accessToken) continue
      if (how === "revoke") record.revoked = true
      else record.expiresAt = Math.min(record.expiresAt, Date.now() - 1)
      count++
    }
    return count
  }

  /** Seconds to wait when the client id is over its budget, else undefined (and counts the call). */
  rateLimited(clientId: string): number | undefined {
    const limit = this.config.rateLimitPerMinute
    if (!limit) return undefined
    const now = Date.now()
    const stamps = (this.rateStamps_.get(clientId) ?? []).filter((t) => t > now - 60_000)
    this.rateStamps_.set(clientId, stamps)
    if (stamps.length >= limit) return Math.max(1, Math.ceil((stamps[0] + 60_000 - now) / 1000))
    stamps.push(now)
    return undefined
  }

  logRequest(entry: Omit<RequestLogEntry, "seq">): void {
    this.requestLog.push({ seq: ++this.logSeq_, ...entry })
    if (this.requestLog.length > MAX_LOG)
      this.requestLog.splice(0, this.requestLog.length - MAX_LOG)
  }
}
