/**
 * What the plugin's admin routes answer (see src/api/admin/scalexpert): the HTTP contract between
 * those routes and the admin widget, types only (nothing here runs). The routes declare their
 * answers with these types (`import type`); the widget reaches the routes over HTTP only.
 */

/** Scalexpert's error as the admin shows it (no body, no secret). */
export type ScalexpertErrorView = {
  kind: string
  status?: number
  errorCode?: string
  message: string
  requestId?: string
}

export type TimelineEntry = {
  id: string
  created_at: string
  kind: string
  trigger: string
  from_status: string | null
  to_status: string | null
  outcome: string
  message: string
}

export type ScalexpertFile = {
  id: string
  order_id: string
  subscription_id: string | null
  solution_code: string
  solution_name: string
  kind: "split" | "long_credit"
  market: "FR" | "DE" | null
  status: string | null
  substatus: string | null
  currency_code: string
  financed_amount: number | null
  cancelled_amount: number
  last_read_at: string | null
  /** Something to act on: `refused_after_shipment`, `amount_mismatch` (see the timeline). */
  flag: string | null
  /** What the widget may offer now, as the server decides it. */
  actions: { cancel: boolean; confirm_delivery: boolean }
  delivery: {
    status: "not_required" | "awaiting_shipment" | "pending" | "confirmed" | "failed" | string
    tracking_number: string | null
    operator: string | null
    confirmed_at: string | null
    attempts: number
    next_attempt_at: string | null
    error: string | null
    payment_captured: boolean
  }
  return: { received_at: string | null; confirmed_at: string | null }
  cancellation: {
    partial_cancel_used: boolean
    pending: { amount?: number | string; full?: boolean; requested_at?: string } | null
    order_cancel: { status: string; error: string | null } | null
    unrecorded_amount: number
  }
  timeline: TimelineEntry[]
}

export type ScalexpertFileResponse = { scalexpert_file: ScalexpertFile }

/** Why a file is listed in `attention`. */
export type AttentionReason =
  | "pre_accepted"
  | "delivery_failed"
  | "delivery_retrying"
  | "cancel_failed"
  | "cancel_retrying"
  /** A file with no order, not cancelled at the lender yet (why: `error`). */
  | "no_order"
  /** A file with no order whose cancellation the lender (Hanseatic Bank) has yet to answer. */
  | "no_order_cancel_requested"
  /** A file with no order whose cancellation the lender refused (its answer: `error`). */
  | "no_order_cancel_refused"
  /** A file the lifecycle flagged (`refused_after_shipment`, `amount_mismatch`: `error`). */
  | "flagged"

/** A file that needs a person's attention (`GET /admin/scalexpert/settings`). */
export type AttentionFile = {
  file_id: string
  /** The lender's id of the file, to find it in Scalexpert's back office. */
  subscription_id: string | null
  order_id: string | null
  solution_code: string
  solution_name: string
  status: string | null
  reason: AttentionReason
  /** Attempts made so far (delivery or cancellation). */
  attempts: number
  next_attempt_at: string | null
  /** Scalexpert's error, as the plugin recorded it. */
  error: string | null
  /** When the plugin last read the file from Scalexpert. */
  last_read_at: string | null
}

/** `GET /admin/scalexpert/settings` (`{ settings }`): the configuration, never a secret. */
export type Settings = {
  environment: "test" | "production"
  /** Doubts about this deployment (e.g. NODE_ENV=production with the test environment). */
  warnings: { code: "test_environment_in_production"; message: string }[]
  api_root: string
  /** The last characters of the client id only; the secret never leaves the server. */
  client_id: string
  backend_url: string
  webhook: {
    /** The URL to register in the Scalexpert merchant portal. */
    url: string
    signature_key_configured: boolean
    /** When a signed webhook last changed a file (null: none yet). */
    last_event_at: string | null
  }
  /** `enabledSolutions` of the provider options (null: every contracted solution). */
  enabled_solutions: string[] | null
  attention: AttentionFile[]
}

export type ConnectionCheck =
  | { ok: true; environment: string; apiRoot: string; latencyMs: number }
  | {
      ok: false
      environment: string
      apiRoot: string
      latencyMs: number
      error: ScalexpertErrorView
    }

/** A solution of the merchant's contract, in `GET /admin/scalexpert/settings/solutions`. */
export type ContractedSolution = {
  code: string
  name: { en: string; fr: string; de: string }
  kind: "split" | "long_credit" | null
  lender: string | null
  /** Offered by this shop: in `enabledSolutions` (or every contracted one when it is not set). */
  enabled: boolean
  /** The representative amounts for which Scalexpert offered it. */
  eligible_at: number[]
}

export type MarketSolutions = {
  market: "FR" | "DE"
  amounts: number[]
  solutions: ContractedSolution[]
  /** Scalexpert's error when a probe failed: the list may then be incomplete. */
  error: ScalexpertErrorView | null
}

/** `GET /admin/scalexpert/settings/solutions`. */
export type SolutionsAnswer = { markets: MarketSolutions[]; checked_at: string; cached: boolean }

/** The last `HELLO_WORLD` test event sent from the admin, and whether it arrived. */
export type WebhookTest = {
  event_id: string
  sent_at: string
  /** When an instance received it (null: not yet). */
  arrived_at: string | null
  /** Whether its signature checked out with `webhookSignatureKey` (null: not arrived). */
  signature_valid: boolean | null
  /** Why it did not (`mismatch`, `expired`, `missing_signature`, `no_signature_key`...). */
  signature_problem: string | null
}

/** How the lender's webhook configuration differs from what this shop needs. */
export type WebhookProblem =
  | "not_configured"
  | "url_differs"
  | "inactive"
  | "event_codes_missing"
  | "unsigned"
  | "signature_key_differs"
  | "no_signature_key"

/** The lender's configuration as the admin may see it: no key, no secret. */
export type LenderWebhook = {
  url: string | null
  active: boolean
  /** Null: every event code (current and future). */
  event_codes: string[] | null
  signed: boolean
  signature_key_matches: boolean | null
}

export type WebhookComparison = {
  ok: boolean
  problems: WebhookProblem[]
  missing_event_codes: string[]
  lender: LenderWebhook | null
}

/** `GET /admin/scalexpert/settings/webhook` (`{ webhook }`). */
export type WebhookSetup = WebhookComparison & {
  /** What this shop needs the lender's configuration to say. */
  expected: { url: string; event_codes: string[]; signature_key_configured: boolean }
  /** Scalexpert's error when its configuration could not be read. */
  error: ScalexpertErrorView | null
  /** The last test event sent from the admin. */
  test: WebhookTest | null
  checked_at: string
}
