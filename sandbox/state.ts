/**
 * In-memory state and business rules of the Scalexpert sandbox: configuration, tokens, financing
 * files and their life cycle, the request log and injected faults.
 *
 * Business errors are thrown as `BusinessError` (status, Scalexpert `errorCode`, message) and turned
 * into Scalexpert's error body by the HTTP layer.
 */
import { randomBytes, randomUUID } from "node:crypto"

import {
  amountToCents,
  centsToAmount,
  CONSOLIDATED_STATUSES,
  isStatusTransitionAllowed,
  KNOWN_SUBSTATUSES,
  SCOPES,
  type BasketItem,
  type Buyer,
  type CancellationStatus,
  type ConsolidatedStatus,
  type CreateSubscriptionRequest,
  type Language,
} from "../src/scalexpert/schemas"
import {
  SOLUTION_CODES,
  SOLUTIONS,
  isSolutionCode,
  type Market,
  type SolutionCode,
  type SolutionKind,
} from "../src/scalexpert/solutions"
import { isEligible, plansFor } from "./catalogue"
import { WebhookDispatcher, type WebhookConfig } from "./webhooks"

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** An error the real API answers with `{errorCode, errorMessage, errors[]}`. */
export class BusinessError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string
  ) {
    super(message)
  }
}

/** A refused control-API request. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

export interface SandboxCredentials {
  clientId: string
  clientSecret: string
}

export interface SandboxConfig {
  credentials: SandboxCredentials
  contractedSolutions: SolutionCode[]
  webhook: WebhookConfig | null
  webhookReplayIntervalMs: number
  webhookMaxReplays: number
  webhookTimeoutMs: number
  tokenTtlSeconds: number
  /** Server-side limit per client id, like the real API (0 = none). */
  rateLimitPerMinute: number
}

export const DEFAULT_CREDENTIALS: SandboxCredentials = {
  clientId: "sandbox-client",
  clientSecret: "sandbox-secret",
}

export const ALL_SCOPES = [SCOPES.eFinancing, SCOPES.insurance, SCOPES.webhooks] as const

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

export type Origin = "api" | "journey" | "control" | "back-office"

export interface SandboxSubscription {
  id: string
  registrationTimestamp: string
  lastUpdateTimestamp: string
  solutionCode: SolutionCode
  market: Market
  kind: SolutionKind
  language: Language
  implementationCode?: string
  selectedDuration?: number
  merchantBasketId: string
  merchantGlobalOrderId: string
  merchantBuyerId: string
  financedAmountCents: number
  initialFinancedAmountCents: number
  /** Text: the control API can force a value the real API does not document. */
  consolidatedStatus: string
  consolidatedSubstatus?: string
  cancellationStatus?: CancellationStatus
  cancellationAlreadyMade: boolean
  partialCancellationDone: boolean
  pendingCancellation?: { amountCents: number; full: boolean; requestedAt: string }
  isDelivered: boolean
  isReturned: boolean
  delivery?: { trackingNumber?: string; operator?: string; confirmedAt: string }
  buyers: Buyer[]
  basketItems: BasketItem[]
  confirmationUrl: string
  history: Array<{
    at: string
    consolidatedStatus: string
    consolidatedSubstatus?: string
    origin: Origin
  }>
  cancellations: Array<{
    at: string
    amountCents: number
    full: boolean
    cancellationStatus: CancellationStatus
    origin: Origin
  }>
}

export type JourneyDecision = "accept" | "refuse" | "preaccept" | "abandon"
export type ControlDecision = JourneyDecision | "expire" | "fund"

// ---------------------------------------------------------------------------------------------
// Request log and faults
// ---------------------------------------------------------------------------------------------

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

export interface Fault {
  id: string
  /** HTTP method or `*`. */
  method: string
  /** Exact path (full or relative to the API root), or a glob: `*` = one segment, `**` = anything. */
  path: string
  /** Answer this status at once, without running the endpoint (unless `afterCreate`). */
  status?: number
  /** Wait this long before answering. */
  delayMs?: number
  /** Answer a truncated JSON body (after running the endpoint when no `status` is set). */
  malformedBody?: boolean
  /** Run the endpoint (the file is created), then answer `status` (default 500). */
  afterCreate?: boolean
  /** `Retry-After` header of a 429/503 (default 1 for 429). */
  retryAfterSeconds?: number
  /** JSON body to answer instead of the default error body. */
  body?: unknown
  /** Calls left (default 1). */
  remaining: number
  hits: number
}

function globToRegExp(glob: string): RegExp {
  let re = ""
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === "*") {
      if (glob[i + 1] === "*") {
        re += ".*"
        i++
      } else {
        re += "[^/]*"
      }
    } else {
      re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    }
  }
  return new RegExp(`^${re}$`)
}

export function pathMatches(pattern: string, fullPath: string, rootPath: string): boolean {
  const relative = fullPath.startsWith(rootPath) ? fullPath.slice(rootPath.length) : fullPath
  const candidates = [fullPath, relative]
  if (pattern.includes("*")) {
    const re = globToRegExp(pattern)
    return candidates.some((c) => re.test(c))
  }
  return candidates.includes(pattern)
}

// ---------------------------------------------------------------------------------------------
// The sandbox state
// ---------------------------------------------------------------------------------------------

interface TokenRecord {
  accessToken: string
  clientId: string
  scopes: string[]
  issuedAt: number
  expiresAt: number
}

const MAX_LOG = 20_000

export class SandboxState {
  config: SandboxConfig
  readonly subscriptions = new Map<string, SandboxSubscription>()
  readonly tokens = new Map<string, TokenRecord>()
  requestLog: RequestLogEntry[] = []
  faults: Fault[] = []
  readonly webhooks: WebhookDispatcher
  private logSeq_ = 0
  private readonly rateStamps_ = new Map<string, number[]>()

  constructor(
    private readonly initialConfig_: SandboxConfig,
    readonly rootPath: string,
    public publicUrl: string
  ) {
    this.config = structuredClone(initialConfig_)
    this.webhooks = new WebhookDispatcher(() => ({
      webhook: this.config.webhook,
      replayIntervalMs: this.config.webhookReplayIntervalMs,
      maxReplays: this.config.webhookMaxReplays,
      timeoutMs: this.config.webhookTimeoutMs,
    }))
  }

  /** Back to the start-up configuration, no files, tokens, log, faults or events. */
  reset(): void {
    this.config = structuredClone(this.initialConfig_)
    this.subscriptions.clear()
    this.tokens.clear()
    this.requestLog = []
    this.faults = []
    this.rateStamps_.clear()
    this.webhooks.reset()
  }

  journeyUrl(id: string): string {
    return `${this.publicUrl}/journey/${id}`
  }

  // ---- tokens --------------------------------------------------------------------------------

  issueToken(clientId: string, scopes: string[]): TokenRecord {
    const now = Date.now()
    const record: TokenRecord = {
      accessToken: `sbx.${randomBytes(32).toString("base64url")}`,
      clientId,
      scopes,
      issuedAt: now,
      expiresAt: now + this.config.tokenTtlSeconds * 1000,
    }
    this.tokens.set(record.accessToken, record)
    return record
  }

  /** The token's record when it is known, unexpired and belongs to the current credential. */
  validToken(accessToken: string): TokenRecord | undefined {
    const record = this.tokens.get(accessToken)
    if (!record) return undefined
    if (Date.now() >= record.expiresAt || record.clientId !== this.config.credentials.clientId) {
      return undefined
    }
    return record
  }

  /** Expires one token or all of them (the next API call answers 401). */
  expireTokens(accessToken?: string): number {
    let count = 0
    for (const record of this.tokens.values()) {
      if (accessToken === undefined || record.accessToken === accessToken) {
        record.expiresAt = Math.min(record.expiresAt, Date.now() - 1)
        count++
      }
    }
    return count
  }

  // ---- server-side rate limit ----------------------------------------------------------------

  /** Seconds to wait when the client id is over its budget, else undefined (and counts the call). */
  rateLimited(clientId: string): number | undefined {
    const limit = this.config.rateLimitPerMinute
    if (!limit) return undefined
    const now = Date.now()
    const stamps = (this.rateStamps_.get(clientId) ?? []).filter((t) => t > now - 60_000)
    if (stamps.length >= limit) {
      this.rateStamps_.set(clientId, stamps)
      return Math.max(1, Math.ceil((stamps[0] + 60_000 - now) / 1000))
    }
    stamps.push(now)
    this.rateStamps_.set(clientId, stamps)
    return undefined
  }

  // ---- request log and faults ----------------------------------------------------------------

  logRequest(entry: Omit<RequestLogEntry, "seq">): void {
    this.requestLog.push({ seq: ++this.logSeq_, ...entry })
    if (this.requestLog.length > MAX_LOG) {
      this.requestLog.splice(0, this.requestLog.length - MAX_LOG)
    }
  }

  addFault(input: Omit<Fault, "id" | "remaining" | "hits"> & { count?: number }): Fault {
    const { count, ...rest } = input
    const fault: Fault = {
      ...rest,
      method: (rest.method ?? "*").toUpperCase(),
      id: randomUUID(),
      remaining: count ?? 1,
      hits: 0,
    }
    this.faults.push(fault)
    return fault
  }

  /** The first armed fault matching the request, consumed by one. */
  takeFault(method: string, fullPath: string): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.method === "*" || f.method === method.toUpperCase()) &&
        pathMatches(f.path, fullPath, this.rootPath)
    )
    if (!fault) return undefined
    fault.remaining--
    fault.hits++
    return fault
  }

  // ---- files ---------------------------------------------------------------------------------

  get(id: string): SandboxSubscription | undefined {
    return this.subscriptions.get(id)
  }

  /** `POST /subscriptions` after schema validation. */
  createSubscription(body: CreateSubscriptionRequest, language: Language): SandboxSubscription {
    const code = body.solutionCode
    const amountCents = amountToCents(body.financedAmount)
    const billingCountry = body.buyers[0].billingAddress.countryCode
    if (
      !isSolutionCode(code) ||
      !this.config.contractedSolutions.includes(code) ||
      !isEligible(code, billingCountry, amountCents)
    ) {
      throw new BusinessError(
        400,
        "FORBIDDEN",
        `The solution ${code} is not eligible for this merchant, amount (${centsToAmount(amountCents)}) and buyer billing country (${billingCountry})`
      )
    }
    const solution = SOLUTIONS[code]
    body.buyers.forEach((buyer, i) => {
      for (const key of ["contact", "billingContact", "deliveryContact"] as const) {
        for (const phoneKey of ["mobilePhoneNumber", "phoneNumber"] as const) {
          const phone = buyer[key][phoneKey]
          if (phone !== undefined && !phone.startsWith(solution.phonePrefix)) {
            throw new BusinessError(
              400,
              "REQUEST_VALIDATION_ERROR",
              `buyers[${i}].${key}.${phoneKey} is invalid. Its country code must be consistent with the marketCode ${solution.market} of the solutionCode (${solution.phonePrefix})`
            )
          }
        }
      }
    })
    for (const existing of this.subscriptions.values()) {
      if (existing.merchantGlobalOrderId === body.merchantGlobalOrderId) {
        throw new BusinessError(
          400,
          "BAD_REQUEST",
          `A subscription with the merchantGlobalOrderId ${body.merchantGlobalOrderId} already exists`
        )
      }
    }
    const now = new Date().toISOString()
    const sub: SandboxSubscription = {
      id: randomUUID(),
      registrationTimestamp: now,
      lastUpdateTimestamp: now,
      solutionCode: code,
      market: solution.market,
      kind: solution.kind,
      language,
      implementationCode: solution.kind === "split" ? `${solution.installments.min}X` : undefined,
      merchantBasketId: body.merchantBasketId,
      merchantGlobalOrderId: body.merchantGlobalOrderId,
      merchantBuyerId: body.merchantBuyerId,
      financedAmountCents: amountCents,
      initialFinancedAmountCents: amountCents,
      consolidatedStatus: "INITIALIZED",
      consolidatedSubstatus: KNOWN_SUBSTATUSES.IN_PROGRESS,
      cancellationAlreadyMade: false,
      partialCancellationDone: false,
      isDelivered: false,
      isReturned: false,
      buyers: body.buyers,
      basketItems: body.basketDetails.basketItems,
      confirmationUrl: body.merchantUrls.confirmation,
      history: [
        {
          at: now,
          consolidatedStatus: "INITIALIZED",
          consolidatedSubstatus: KNOWN_SUBSTATUSES.IN_PROGRESS,
          origin: "api",
        },
      ],
      cancellations: [],
    }
    this.subscriptions.set(sub.id, sub)
    this.emitStatusEvent_(sub)
    return sub
  }

  /**
   * Moves a file along the documented transitions (or anywhere with `force`). Emits
   * `SC_SUBSCRIPTION_<STATUS>` when the status changes.
   */
  setStatus(
    sub: SandboxSubscription,
    status: string,
    substatus: string | undefined,
    origin: Origin,
    force = false
  ): void {
    const from = sub.consolidatedStatus
    if (!force) {
      if (!(CONSOLIDATED_STATUSES as readonly string[]).includes(status)) {
        throw new ControlError(
          400,
          `Unknown consolidatedStatus ${status} (use force to set it anyway)`
        )
      }
      if (
        !(CONSOLIDATED_STATUSES as readonly string[]).includes(from) ||
        !isStatusTransitionAllowed(from as ConsolidatedStatus, status as ConsolidatedStatus)
      ) {
        throw new ControlError(409, `Transition ${from} → ${status} is not allowed`)
      }
      if (status === "PRE_ACCEPTED" && sub.kind === "split") {
        throw new ControlError(409, "Split payment files are never pre-accepted")
      }
    }
    const now = new Date().toISOString()
    sub.consolidatedStatus = status
    sub.consolidatedSubstatus = substatus ?? this.defaultSubstatus_(sub, status)
    sub.lastUpdateTimestamp = now
    sub.history.push({
      at: now,
      consolidatedStatus: status,
      consolidatedSubstatus: sub.consolidatedSubstatus,
      origin,
    })
    if (from !== status) {
      this.emitStatusEvent_(sub)
    }
  }

  private defaultSubstatus_(sub: SandboxSubscription, status: string): string | undefined {
    switch (status) {
      case "INITIALIZED":
      case "REQUESTED":
        return KNOWN_SUBSTATUSES.IN_PROGRESS
      case "PRE_ACCEPTED":
        return KNOWN_SUBSTATUSES.PRE_APPROVED
      case "ACCEPTED":
        return sub.kind === "split"
          ? KNOWN_SUBSTATUSES.APPROVED
          : KNOWN_SUBSTATUSES.WAITING_DELIVERY_CONFIRMATION
      case "REJECTED":
        return KNOWN_SUBSTATUSES.REJECTED
      case "ABORTED":
        return KNOWN_SUBSTATUSES.ABORTED_BY_CUSTOMER
      case "CANCELLED":
        return KNOWN_SUBSTATUSES.CANCELED_BY_CUSTOMER
      default:
        return sub.consolidatedSubstatus
    }
  }

  /** Durations the buyer can pick on the journey (long credit). */
  offeredDurations(sub: SandboxSubscription): number[] {
    return plansFor(sub.solutionCode, sub.financedAmountCents).map((p) => p.duration)
  }

  /** The shopper's decision on the lender's pages. */
  journeyDecision(sub: SandboxSubscription, decision: JourneyDecision, duration?: number): void {
    if (sub.consolidatedStatus !== "INITIALIZED" && sub.consolidatedStatus !== "REQUESTED") {
      throw new ControlError(409, `This application is already ${sub.consolidatedStatus}`)
    }
    if (sub.kind === "long_credit" && decision !== "abandon") {
      const offered = this.offeredDurations(sub)
      const chosen =
        duration !== undefined && offered.includes(duration)
          ? duration
          : offered.includes(12)
            ? 12
            : offered[0]
      sub.selectedDuration = chosen
      sub.implementationCode = `${chosen}X`
    }
    switch (decision) {
      case "accept":
        this.setStatus(sub, "ACCEPTED", undefined, "journey")
        break
      case "preaccept":
        if (sub.kind !== "long_credit") {
          throw new ControlError(409, "Only long credit is pre-accepted")
        }
        this.setStatus(sub, "PRE_ACCEPTED", KNOWN_SUBSTATUSES.PRE_APPROVED, "journey")
        break
      case "refuse":
        this.setStatus(sub, "REJECTED", KNOWN_SUBSTATUSES.REJECTED, "journey")
        break
      case "abandon":
        this.setStatus(sub, "ABORTED", KNOWN_SUBSTATUSES.ABORTED_BY_CUSTOMER, "journey")
        break
    }
  }

  /** Decisions taken through the control API (the journey's, plus the lender's later ones). */
  controlDecision(sub: SandboxSubscription, decision: ControlDecision, duration?: number): void {
    const status = sub.consolidatedStatus
    if (status === "INITIALIZED" || status === "REQUESTED") {
      if (decision === "expire") {
        // The shopper's session expired on the lender's pages.
        this.setStatus(sub, "ABORTED", KNOWN_SUBSTATUSES.ABORTED_BY_CUSTOMER, "control")
        return
      }
      if (decision === "fund") {
        throw new ControlError(409, "Only an ACCEPTED file can be funded")
      }
      this.journeyDecision(sub, decision, duration)
      return
    }
    if (status === "PRE_ACCEPTED") {
      switch (decision) {
        case "accept":
          this.setStatus(
            sub,
            "ACCEPTED",
            KNOWN_SUBSTATUSES.WAITING_DELIVERY_CONFIRMATION,
            "control"
          )
          return
        case "refuse":
          this.setStatus(sub, "REJECTED", KNOWN_SUBSTATUSES.REJECTED, "control")
          return
        case "expire":
          this.setStatus(sub, "REJECTED", KNOWN_SUBSTATUSES.EXPIRED, "control")
          return
        default:
          throw new ControlError(409, `Decision ${decision} is not possible on a PRE_ACCEPTED file`)
      }
    }
    if (status === "ACCEPTED" && decision === "fund") {
      this.setStatus(sub, "ACCEPTED", KNOWN_SUBSTATUSES.PAYMENT_ISSUED, "control")
      return
    }
    throw new ControlError(409, `Decision ${decision} is not possible on a ${status} file`)
  }

  /** `_confirmDelivery`: 204 no-op for split payment; long credit must be ACCEPTED, once. */
  confirmDelivery(
    sub: SandboxSubscription,
    body: { isDelivered: boolean; trackingNumber?: string; operator?: string }
  ): void {
    if (sub.kind === "split") {
      return
    }
    if (sub.consolidatedStatus !== "ACCEPTED") {
      throw new BusinessError(
        400,
        "INVALID_STATUS",
        `The delivery can only be confirmed for an ACCEPTED subscription (current status: ${sub.consolidatedStatus})`
      )
    }
    if (!body.isDelivered) {
      return
    }
    if (sub.isDelivered) {
      throw new BusinessError(
        409,
        "CONFLICT",
        "The delivery of this subscription has already been confirmed"
      )
    }
    const now = new Date().toISOString()
    sub.isDelivered = true
    sub.delivery = {
      trackingNumber: body.trackingNumber,
      operator: body.operator,
      confirmedAt: now,
    }
    this.setStatus(sub, "ACCEPTED", KNOWN_SUBSTATUSES.AWAITING_PAYMENT, "api")
  }

  /** `_confirmReturn`: long credit, after a delivery confirmation; idempotent. */
  confirmReturn(sub: SandboxSubscription, body: { isReturned: boolean }): void {
    if (sub.kind === "split") {
      return
    }
    if (sub.consolidatedStatus !== "ACCEPTED" || !sub.isDelivered) {
      throw new BusinessError(
        400,
        "INVALID_STATUS",
        "A return can only be confirmed for an ACCEPTED subscription whose delivery was confirmed"
      )
    }
    if (body.isReturned) {
      sub.isReturned = true
      sub.lastUpdateTimestamp = new Date().toISOString()
    }
  }

  /** `_cancel` by the merchant. */
  cancel(
    sub: SandboxSubscription,
    body: { cancelledAmount?: number }
  ): { financedAmount: number; status: string } {
    if (sub.consolidatedStatus !== "ACCEPTED") {
      throw new BusinessError(
        400,
        "INVALID_STATUS",
        `Only an ACCEPTED subscription can be cancelled (current status: ${sub.consolidatedStatus})`
      )
    }
    if (sub.pendingCancellation) {
      throw new BusinessError(
        400,
        "INVALID_STATUS",
        "A cancellation request is already being processed by the lender"
      )
    }
    if (sub.kind === "long_credit" && sub.isDelivered && !sub.isReturned) {
      throw new BusinessError(
        400,
        "INVALID_STATUS",
        "The goods were delivered: confirm their return (_confirmReturn) before a cancellation"
      )
    }
    const amountCents =
      body.cancelledAmount === undefined
        ? sub.financedAmountCents
        : amountToCents(body.cancelledAmount)
    if (amountCents > sub.financedAmountCents) {
      throw new BusinessError(
        400,
        "REQUEST_VALIDATION_ERROR",
        `cancelledAmount (${centsToAmount(amountCents)}) must be lower than or equal to financedAmount (${centsToAmount(sub.financedAmountCents)})`
      )
    }
    const full = amountCents === sub.financedAmountCents
    if (!full && sub.partialCancellationDone) {
      throw new BusinessError(
        400,
        "INVALID_STATUS",
        "A partial cancellation has already been made for this subscription"
      )
    }
    if (sub.market === "DE") {
      sub.pendingCancellation = { amountCents, full, requestedAt: new Date().toISOString() }
      sub.cancellationStatus = full
        ? "REQUEST_FOR_CANCELLATION"
        : "REQUEST_FOR_PARTIAL_CANCELLATION"
      sub.lastUpdateTimestamp = new Date().toISOString()
      return {
        financedAmount: centsToAmount(sub.financedAmountCents),
        status: full ? "REQUEST_CANCELLATION" : "REQUEST_PART_CANCELLATION",
      }
    }
    this.applyCancellation_(sub, amountCents, full, "api")
    return { financedAmount: centsToAmount(sub.financedAmountCents), status: "ACCEPTED" }
  }

  /** The lender's answer to a pending (German) cancellation request. */
  cancellationOutcome(sub: SandboxSubscription, accepted: boolean): void {
    const pending = sub.pendingCancellation
    if (!pending) {
      throw new ControlError(409, "No cancellation request is pending for this file")
    }
    sub.pendingCancellation = undefined
    if (accepted) {
      this.applyCancellation_(sub, pending.amountCents, pending.full, "back-office")
      return
    }
    sub.cancellationStatus = pending.full
      ? "CANCELLATION_REJECTED"
      : "PARTIAL_CANCELLATION_REJECTED"
    sub.lastUpdateTimestamp = new Date().toISOString()
    sub.cancellations.push({
      at: sub.lastUpdateTimestamp,
      amountCents: pending.amountCents,
      full: pending.full,
      cancellationStatus: sub.cancellationStatus,
      origin: "back-office",
    })
    this.emitCancelEvent_(sub, pending.amountCents)
  }

  /** A cancellation made in Scalexpert's back office (customer withdrawal, support...). */
  backOfficeCancel(sub: SandboxSubscription, amountCents?: number): void {
    if (sub.consolidatedStatus === "PRE_ACCEPTED") {
      if (amountCents !== undefined && amountCents !== sub.financedAmountCents) {
        throw new ControlError(409, "A PRE_ACCEPTED file can only be cancelled in full")
      }
      this.setStatus(sub, "CANCELLED", KNOWN_SUBSTATUSES.CANCELED_BY_CUSTOMER, "back-office")
      return
    }
    if (sub.consolidatedStatus !== "ACCEPTED") {
      throw new ControlError(409, `A ${sub.consolidatedStatus} file cannot be cancelled`)
    }
    const cents = amountCents ?? sub.financedAmountCents
    if (cents <= 0 || cents > sub.financedAmountCents) {
      throw new ControlError(400, "The amount must be positive and at most the financed amount")
    }
    const full = cents === sub.financedAmountCents
    if (!full && sub.partialCancellationDone) {
      throw new ControlError(409, "A partial cancellation has already been made")
    }
    sub.pendingCancellation = undefined
    this.applyCancellation_(sub, cents, full, "back-office")
  }

  private applyCancellation_(
    sub: SandboxSubscription,
    amountCents: number,
    full: boolean,
    origin: Origin
  ): void {
    sub.financedAmountCents -= amountCents
    sub.cancellationAlreadyMade = true
    sub.cancellationStatus = full ? "CANCELLATION_ACCEPTED" : "PARTIAL_CANCELLATION_ACCEPTED"
    if (!full) sub.partialCancellationDone = true
    sub.lastUpdateTimestamp = new Date().toISOString()
    sub.cancellations.push({
      at: sub.lastUpdateTimestamp,
      amountCents,
      full,
      cancellationStatus: sub.cancellationStatus,
      origin,
    })
    this.emitCancelEvent_(sub, amountCents)
    if (full) {
      this.setStatus(sub, "CANCELLED", KNOWN_SUBSTATUSES.CANCELED_BY_CUSTOMER, origin)
    }
  }

  // ---- events --------------------------------------------------------------------------------

  private emitStatusEvent_(sub: SandboxSubscription): void {
    this.webhooks.emit("SC_SUBSCRIPTION", `SC_SUBSCRIPTION_${sub.consolidatedStatus}`, {
      merchantGlobalOrderId: sub.merchantGlobalOrderId,
      financedAmount: centsToAmount(sub.financedAmountCents),
      consolidatedStatus: sub.consolidatedStatus,
    })
  }

  private emitCancelEvent_(sub: SandboxSubscription, cancelledCents: number): void {
    this.webhooks.emit("SC_CANCEL_REQUEST", `SC_CANCEL_REQUEST_${sub.cancellationStatus}`, {
      merchantGlobalOrderId: sub.merchantGlobalOrderId,
      cancelledAmount: centsToAmount(cancelledCents),
      financedAmount: centsToAmount(sub.financedAmountCents),
      consolidatedStatus: sub.consolidatedStatus,
      cancellationStatus: sub.cancellationStatus,
    })
  }

  // ---- views ---------------------------------------------------------------------------------

  /** `GET /subscriptions/{id}` (CreditSubscriptionDtoResponse). */
  detailView(sub: SandboxSubscription): Record<string, unknown> {
    const financed = sub.basketItems.filter((i) => i.isFinanced)
    const main = financed[0] ?? sub.basketItems[0]
    const quantity = sub.basketItems.reduce((s, i) => s + i.quantity, 0)
    return {
      creditSubscriptionId: sub.id,
      registrationTimestamp: sub.registrationTimestamp,
      lastUpdateTimestamp: sub.lastUpdateTimestamp,
      solutionCode: sub.solutionCode,
      familyCode: "SC",
      marketTypeCode: sub.market,
      implementationCode: sub.implementationCode,
      merchantBasketId: sub.merchantBasketId,
      merchantGlobalOrderId: sub.merchantGlobalOrderId,
      merchantBuyerId: sub.merchantBuyerId,
      financedAmount: centsToAmount(sub.financedAmountCents),
      consolidatedStatus: sub.consolidatedStatus,
      consolidatedSubstatus: sub.consolidatedSubstatus,
      cancellationStatus: sub.cancellationStatus,
      cancellationAlreadyMade: sub.cancellationAlreadyMade,
      buyer: sub.buyers[0],
      basketDetails: main
        ? `${main.brandName} ${main.label} - ${quantity} item(s) - ${centsToAmount(sub.initialFinancedAmountCents)} ${main.currencyCode}`
        : "",
      isDelivered: sub.isDelivered,
      isReturned: sub.isReturned,
    }
  }

  /** An item of `GET /subscriptions` (CreditSubscriptionDto). */
  listView(sub: SandboxSubscription): Record<string, unknown> {
    return {
      creditSubscriptionId: sub.id,
      registrationTimestamp: sub.registrationTimestamp,
      lastUpdateTimestamp: sub.lastUpdateTimestamp,
      solutionCode: sub.solutionCode,
      marketTypeCode: sub.market,
      implementationCode: sub.implementationCode,
      merchantBasketId: sub.merchantBasketId,
      merchantGlobalOrderId: sub.merchantGlobalOrderId,
      buyerFinancedAmount: centsToAmount(sub.financedAmountCents),
      consolidatedStatus: sub.consolidatedStatus,
      consolidatedSubstatus: sub.consolidatedSubstatus,
      cancellationStatus: sub.cancellationStatus,
      cancellationAlreadyMade: sub.cancellationAlreadyMade,
      isDelivered: sub.isDelivered,
      isReturned: sub.isReturned,
    }
  }

  /** Everything, for the control API. */
  internalView(sub: SandboxSubscription): Record<string, unknown> {
    return {
      ...this.detailView(sub),
      journeyUrl: this.journeyUrl(sub.id),
      confirmationUrl: sub.confirmationUrl,
      language: sub.language,
      kind: sub.kind,
      selectedDuration: sub.selectedDuration,
      initialFinancedAmount: centsToAmount(sub.initialFinancedAmountCents),
      pendingCancellation: sub.pendingCancellation
        ? { ...sub.pendingCancellation, amount: centsToAmount(sub.pendingCancellation.amountCents) }
        : undefined,
      delivery: sub.delivery,
      history: sub.history,
      cancellations: sub.cancellations.map((c) => ({ ...c, amount: centsToAmount(c.amountCents) })),
    }
  }
}

export function allSolutionCodes(): SolutionCode[] {
  return [...SOLUTION_CODES]
}
