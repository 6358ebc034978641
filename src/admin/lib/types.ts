/** What the plugin's admin routes answer (see src/api/admin/scalexpert). */

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

export type AttentionFile = {
  file_id: string
  /** The lender's id of the file, to find it in Scalexpert's back office. */
  subscription_id: string | null
  order_id: string | null
  solution_code: string
  solution_name: string
  status: string | null
  reason:
    | "pre_accepted"
    | "delivery_failed"
    | "delivery_retrying"
    | "cancel_failed"
    | "cancel_retrying"
    | "no_order"
    | "no_order_cancel_requested"
    | "no_order_cancel_refused"
    | "flagged"
  attempts: number
  next_attempt_at: string | null
  error: string | null
  last_read_at: string | null
}

export type Settings = {
  environment: "test" | "production"
  warnings: { code: "test_environment_in_production"; message: string }[]
  api_root: string
  client_id: string
  backend_url: string
  webhook: { url: string; signature_key_configured: boolean; last_event_at: string | null }
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
      error: {
        kind: string
        status?: number
        errorCode?: string
        message: string
        requestId?: string
      }
    }

export type MarketSolutions = {
  market: "FR" | "DE"
  amounts: number[]
  solutions: {
    code: string
    name: { en: string; fr: string; de: string }
    kind: "split" | "long_credit" | null
    lender: string | null
    enabled: boolean
    eligible_at: number[]
  }[]
  error: { kind: string; status?: number; errorCode?: string; message: string } | null
}

export type SolutionsAnswer = { markets: MarketSolutions[]; checked_at: string; cached: boolean }

/** `GET /admin/scalexpert/settings/webhook` (src/api/admin/scalexpert/settings/webhook). */
export type WebhookTest = {
  event_id: string
  sent_at: string
  arrived_at: string | null
  signature_valid: boolean | null
  signature_problem: string | null
}

export type WebhookSetup = {
  ok: boolean
  problems: (
    | "not_configured"
    | "url_differs"
    | "inactive"
    | "event_codes_missing"
    | "unsigned"
    | "signature_key_differs"
    | "no_signature_key"
  )[]
  missing_event_codes: string[]
  lender: {
    url: string | null
    active: boolean
    event_codes: string[] | null
    signed: boolean
    signature_key_matches: boolean | null
  } | null
  expected: { url: string; event_codes: string[]; signature_key_configured: boolean }
  error: {
    kind: string
    status?: number
    errorCode?: string
    message: string
    requestId?: string
  } | null
  test: WebhookTest | null
  checked_at: string
}
