/** A financing file as the sandbox keeps it, and what the rules need from the sandbox around it. */
import type { Language, Market, SolutionCode, SolutionKind } from "../solutions"

export type Origin = "api" | "journey" | "control" | "back-office" | "timer"

export const CANCELLATION_STATUSES = [
  "REQUEST_FOR_PARTIAL_CANCELLATION",
  "REQUEST_FOR_CANCELLATION",
  "CANCELLATION_ACCEPTED",
  "CANCELLATION_REJECTED",
  "PARTIAL_CANCELLATION_ACCEPTED",
  "PARTIAL_CANCELLATION_REJECTED",
] as const
export type CancellationStatus = (typeof CANCELLATION_STATUSES)[number]

/** A buyer or basket item as received (already validated against the contract). */
export type Json = Record<string, unknown>

export interface SandboxSubscription {
  id: string
  registrationTimestamp: string
  lastUpdateTimestamp: string
  /** When the file became ACCEPTED (the 90-day split-payment cancellation window starts here). */
  acceptedAt?: string
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
  buyers: Json[]
  basketItems: Json[]
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

/** What the file rules need from the sandbox. */
export interface FileContext {
  /** Records a webhook event (delivered per the merchant's configuration). */
  emit(eventTypeCode: string, eventCode: string, data: Json): void
  /** Arms (or with `ms` undefined, disarms) the file's one pending timer. */
  schedule(sub: SandboxSubscription, ms: number | undefined, action: () => void): void
  readonly settings: FileSettings
}

export interface FileSettings {
  /** An INITIALIZED/REQUESTED file nobody answers becomes ABORTED after this (0 = never). */
  initializedTtlMs: number
  /** A PRE_ACCEPTED file the lender never decides becomes REJECTED/EXPIRED after this (0 = never). */
  preAcceptedTtlMs: number
  /** When set, every file that becomes PRE_ACCEPTED gets this decision after `afterMs`. */
  preAcceptedDecision: { decision: "accept" | "refuse"; afterMs: number } | null
  /** When set, Hanseatic decides every pending cancellation request this way after `afterMs`. */
  hanseaticCancellation: { accepted: boolean; afterMs: number } | null
}
