import {
  AbstractPaymentProvider,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { logger } from "@medusajs/framework/logger"
import type { ScalexpertClient } from "../../scalexpert/client"
import { isScalexpertError } from "../../scalexpert/errors"
import { amountToCents } from "../../scalexpert/money"
import { isSplitPayment } from "../../scalexpert/solutions"
import { buildSubscriptionRequest, type CheckoutCart } from "./build-subscription"
import { cancelAtLender } from "./cancel-at-lender"
import {
  acceptedAt,
  centsOf,
  euros,
  planCancellation,
  remainingCents,
  type AfterOrderData,
  type ProviderCall,
} from "./cancellation"
import { ScalexpertGateway, toSnapshot, type FileSnapshot } from "./gateway"
import {
  resolveOptions,
  type ResolvedScalexpertOptions,
  type ScalexpertProviderOptions,
} from "./options"
import { getStatus } from "./state-machine"
import { decide } from "./decide"
import { rememberUnconfirmedFile } from "./unconfirmed-files"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import { productionWarnings } from "./production-guards"

/** `data` of a Scalexpert payment session and payment. Shown to the storefront: nothing secret. */
export type ScalexpertSessionData = {
  session_id: string
  solution_code: string
  subscription_id: string
  /** The lender's journey: send the shopper there. */
  redirect_url: string
  /** The amount financed when the file was created (decimal euros). */
  amount: number
  file?: FileSnapshot
  delivery_confirmed_at?: string
  /** When the lender accepted the file, as the authorization first saw it. */
  accepted_at?: string
  /** The order has a shipped fulfillment (set by the plugin's shipment workflow). */
  shipped_at?: string
  /** The lender accepted another amount than the payment's: never authorized. */
  amount_mismatch?: boolean
}

/** How long a file read by the plugin's own workflow (under the file's lock) stays good to act on. */
const SNAPSHOT_TRUST_MS = 60_000

/**
 * Scalexpert consumer financing (split payment in 3 or 4 instalments, long-term credit) as a
 * Medusa payment provider. It builds nothing from what the browser sends: the payment session
 * route's middleware hands it a snapshot of the cart read on the server.
 */
class ScalexpertProviderService extends AbstractPaymentProvider<ScalexpertProviderOptions> {
  static identifier = "scalexpert"

  protected readonly gateway_: ScalexpertGateway
  protected readonly options_: ResolvedScalexpertOptions
  protected readonly client_: ScalexpertClient

  static validateOptions(options: Record<string, unknown>): void {
    // Refuses unsafe production options; warns (once per process, at boot) about doubtful ones.
    for (const warning of productionWarnings(resolveOptions(options))) logger.warn(warning.message)
  }

  constructor(container: { logger?: Logger }, options: ScalexpertProviderOptions) {
    super(container, options)
    this.gateway_ = new ScalexpertGateway(options, container.logger, container)
    this.options_ = this.gateway_.options
    this.client_ = this.gateway_.client
  }

  private sessionData(data: Record<string, unknown> | undefined): ScalexpertSessionData {
    if (!data?.subscription_id || !data.solution_code) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "This payment has no Scalexpert file: start the financing again"
      )
    }
    return data as unknown as ScalexpertSessionData
  }

  /** The file as the plugin's workflow just read it, or a fresh read. */
  private async currentFile(data: ScalexpertSessionData): Promise<FileSnapshot> {
    const snapshot = data.file
    if (snapshot && Date.now() - Date.parse(snapshot.read_at) < SNAPSHOT_TRUST_MS) return snapshot
    return toSnapshot(await this.gateway_.readFile(data.subscription_id))
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = input.data ?? {}
    const sessionId = String(data.session_id ?? input.context?.idempotency_key ?? "")
    if (!data.cart || !sessionId) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Scalexpert payment sessions are created with POST /store/payment-collections/:id/payment-sessions, which reads the cart on the server"
      )
    }
    let draft
    try {
      draft = buildSubscriptionRequest({
        cart: data.cart as CheckoutCart,
        solutionCode: data.solution_code,
        paymentSessionId: sessionId,
        options: this.options_,
      })
    } catch (error) {
      throw this.gateway_.buildError("start the financing", error)
    }
    if (amountToCents(draft.request.financedAmount) !== amountToCents(input.amount)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The cart total changed since the payment collection was created: refresh the cart and choose the payment method again"
      )
    }

    let created
    try {
      created = await this.client_.createSubscription(draft.request, { language: draft.language })
    } catch (error) {
      throw this.gateway_.buildError("start the financing", error)
    }
    if (!created.redirect?.value) {
      rememberUnconfirmedFile({
        payment_session_id: sessionId,
        subscription_id: created.id,
        solution_code: draft.solution.code,
        amount: draft.request.financedAmount,
      })
      // The creation answer was lost and the file was found by its order id; Scalexpert offers
      // no call that gives the journey URL again, so this session cannot go on. The file is
      // tracked (and cancelled if it is ever accepted) by the plugin.
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Scalexpert did not confirm the creation of the financing file: choose the payment method again"
      )
    }
    const sessionData: ScalexpertSessionData & { cart: undefined } = {
      session_id: sessionId,
      solution_code: draft.solution.code,
      subscription_id: created.id,
      redirect_url: created.redirect.value,
      amount: draft.request.financedAmount,
      // The cart snapshot carried personal data to this method; it is not kept.
      cart: undefined,
    }
    return { id: created.id, status: PaymentSessionStatus.PENDING, data: sessionData }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = this.sessionData(input.data)
    const file = await this.currentFile(data)
    const status = getStatus(file.status, data.solution_code)
    const authorizing =
      status === PaymentSessionStatus.AUTHORIZED || status === PaymentSessionStatus.CAPTURED
    if (authorizing && amountToCents(file.financed_amount) !== amountToCents(data.amount)) {
      // An error status, not a throw: Medusa ends the session instead of retrying forever; the
      // plugin's sync flags the file for the admin.
      logger.warn(
        `Scalexpert file of payment session ${data.session_id}: financed ${file.financed_amount} €, expected ${data.amount} €; not authorized`
      )
      return {
        status: PaymentSessionStatus.ERROR,
        data: { ...data, file, amount_mismatch: true },
      }
    }
    const accepted = authorizing && !data.accepted_at ? { accepted_at: file.read_at } : {}
    return { status, data: { ...data, file, ...accepted } }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = this.sessionData(input.data) as ScalexpertSessionData & AfterOrderData
    // Split payment: the lender pays the merchant once the file is accepted. Long credit is
    // funded once the lender knows the goods were delivered: capturing is confirming delivery.
    // The plugin's delivery workflow confirms it first (with the tracking number) and marks it.
    if (isSplitPayment(data.solution_code) || data.delivery_confirmed_at) return { data }
    this.refuseCaptureBeforeShipment(data)
    let answer = "204"
    try {
      await this.client_.confirmDelivery(data.subscription_id, { isDelivered: true })
    } catch (error) {
      // 409: delivery was confirmed already (by the plugin or in Scalexpert's back office).
      if (!(isScalexpertError(error) && error.isConflict)) {
        throw this.gateway_.buildError("confirm the delivery", error)
      }
      answer = "409"
    }
    const at = new Date().toISOString()
    const call: ProviderCall = {
      id: String(input.context?.idempotency_key ?? `capture-${at}`),
      at,
      call: "_confirmDelivery",
      by: "capture",
      answer,
    }
    return {
      data: {
        ...data,
        accepted_at: acceptedAt(data),
        delivery_confirmed_at: at,
        calls: [...(data.calls ?? []), call],
      },
    }
  }

  /**
   * Medusa's "Capture payment" on a long credit tells the lender the goods were delivered: refused
   * while nothing was shipped (a merchant who delivered by hand confirms it in the order's
   * Scalexpert panel).
   */
  private refuseCaptureBeforeShipment(data: ScalexpertSessionData) {
    const known = (data.file?.status ?? "ACCEPTED") as ConsolidatedStatus
    const [action] = decide(
      { known, medusa: "paid", orderShipped: !!data.shipped_at },
      { kind: "admin", action: "capture" }
    )
    if (action === "confirm_delivery") return
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      known === "ACCEPTED"
        ? "This long-term credit is paid by the lender once it knows the goods were delivered, and the order has no shipped fulfillment yet. Ship the order (the plugin then confirms the delivery with its tracking number and captures the payment), or, if you delivered by hand, use “Confirm delivery” in the order's Scalexpert panel."
        : `The lender has not accepted this credit (${known}): there is nothing to capture.`
    )
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = this.sessionData(input.data) as ScalexpertSessionData & AfterOrderData
    const cents = centsOf(input.amount)
    const refundId = input.context?.idempotency_key
      ? String(input.context.idempotency_key)
      : undefined

    // A cancellation Scalexpert already applied (in its back office) that Medusa records now.
    const recorded = (data.unrecorded_cancellations ?? []).find((c) => centsOf(c.amount) === cents)
    if (recorded) {
      return {
        data: {
          ...data,
          unrecorded_cancellations: (data.unrecorded_cancellations ?? []).filter(
            (c) => c.id !== recorded.id
          ),
        },
      }
    }

    const plan = planCancellation({ data, cents })
    if (plan.kind === "refuse" && plan.afterSplitWindow && cents === remainingCents(data)) {
      // The order's cancellation (or a full refund) after the 90 days: Medusa records it, the
      // lender's refusal goes to the timeline, the merchant refunds the customer another way.
      return { data: refusedCancel(data, cents, plan.message, refundId) }
    }
    if (plan.kind === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, plan.message)
    let current: ScalexpertSessionData & AfterOrderData = data
    if (plan.confirmReturnFirst) {
      // Delivered long credit: Scalexpert cancels it only after it knows the goods came back.
      try {
        await this.client_.confirmReturn(data.subscription_id, { isReturned: true })
      } catch (error) {
        throw this.gateway_.buildError("confirm the return of the goods", error)
      }
      const at = new Date().toISOString()
      current = {
        ...current,
        return_confirmed_at: at,
        calls: [
          ...(current.calls ?? []),
          {
            id: `${refundId ?? at}:return`,
            at,
            call: "_confirmReturn",
            by: "refund",
            answer: "204",
          },
        ],
      }
    }
    return {
      data: await cancelAtLender(this.gateway_, current, plan.cents, plan.full, "refund", refundId),
    }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = this.sessionData(input.data) as ScalexpertSessionData & AfterOrderData
    // A cancellation already awaits the lender's answer: the plugin's job follows it up.
    if (data.pending_cancellation) return { data }
    const file = await this.currentFile(data)
    // Only a file the lender accepted can be cancelled; others end by themselves (Scalexpert
    // refuses a cancellation of a pre-accepted file, and a payment exists only once accepted).
    const [action] = decide(
      { known: file.status, medusa: "paid" },
      { kind: "admin", action: "cancel" }
    )
    if (action !== "cancel_file") return { data: { ...data, file } }
    const cents = centsOf(file.financed_amount)
    if (cents === 0) return { data: { ...data, file } }
    const id = input.context?.idempotency_key ? String(input.context.idempotency_key) : undefined
    // The whole amount still financed, as Scalexpert reads it: a full cancellation.
    const known = { ...data, file, cancelled_amount: euros(centsOf(data.amount) - cents) }
    const plan = planCancellation({ data: known, cents })
    // The order is canceled in Medusa even when the lender will not cancel the financing (after
    // the 90 days of split payment): the refusal goes to the timeline, nothing stays stuck.
    if (plan.kind === "refuse") return { data: refusedCancel(known, cents, plan.message, id) }
    try {
      return { data: await cancelAtLender(this.gateway_, known, cents, true, "cancel", id) }
    } catch (error) {
      if (!(error instanceof MedusaError) || error.type !== MedusaError.Types.NOT_ALLOWED)
        throw error
      return { data: refusedCancel(known, cents, error.message, id) }
    }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    // An unfinished file cannot be cancelled at Scalexpert. The plugin's row of the file outlives
    // the session: if the lender accepts it later, the sync cancels it (no order can be made).
    return { data: input.data }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = this.sessionData(input.data)
    const file = toSnapshot(await this.gateway_.readFile(data.subscription_id))
    return { status: getStatus(file.status, data.solution_code), data: { ...data, file } }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = this.sessionData(input.data)
    return {
      data: { ...data, file: toSnapshot(await this.gateway_.readFile(data.subscription_id)) },
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    // A Scalexpert file cannot change amount; the plugin's workflows only store what they read.
    const data = this.sessionData(input.data)
    if (input.amount !== undefined && amountToCents(input.amount) !== amountToCents(data.amount)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "A Scalexpert financing cannot change amount: choose the payment method again"
      )
    }
    return { data: { ...data } }
  }

  async getWebhookActionAndData(
    payload: ProviderWebhookPayload["payload"]
  ): Promise<WebhookActionResult> {
    // The plugin's own subscriber verifies the event, re-reads the file and applies it through
    // its state machine (which also knows pre-accepted credit and refusals, which Medusa's
    // generic processing ignores); so Medusa's generic processing is told to stand aside.
    const verified = this.gateway_.verifyWebhook(payload)
    return {
      action: PaymentActions.NOT_SUPPORTED,
      ...(verified ? { data: { session_id: verified.sessionId, amount: 0 } } : {}),
    }
  }
}

/** The payment's data once a cancellation was refused (by the lender, or by its rules before). */
function refusedCancel<T extends AfterOrderData>(
  data: T,
  cents: number,
  message: string,
  reference?: string
): T {
  const at = new Date().toISOString()
  const call: ProviderCall = {
    id: reference ?? `cancel-${at}`,
    at,
    call: "_cancel",
    by: "cancel",
    amount: euros(cents),
    full: true,
    answer: "refused",
    message,
  }
  return { ...data, accepted_at: acceptedAt(data), calls: [...(data.calls ?? []), call] }
}

export default ScalexpertProviderService
