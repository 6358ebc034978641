/**
 * The e-financing endpoints (Scalexpert e-financing API 1.7.1): eligibility, simulation, files
 * (creation with recovery of a lost answer, reads, list), delivery, return and cancellation.
 * Every method takes an optional `{ lane }` for the request budget (see `request-budget.ts`).
 */
import {
  E_FINANCING_PATH,
  type CallOptions,
  type CancelSubscriptionParams,
  type ConfirmDeliveryParams,
  type ConfirmReturnParams,
  type CreateSubscriptionOptions,
  type CreateSubscriptionParams,
  type CreateSubscriptionResult,
  EligibleSolutionsParamsSchema,
  type EligibleSolutionsParams,
  ListSubscriptionsParamsSchema,
  type ListSubscriptionsParams,
  type SimulateSolutionsParams,
} from "./client-options"
import { ScalexpertError } from "./errors"
import { parseAnswer } from "./http-answers"
import type { RequestSpec } from "./http-exchange"
import type { RequestLane } from "./request-budget"
import {
  CancelSubscriptionRequestSchema,
  CancelSubscriptionResponseSchema,
  ConfirmDeliveryRequestSchema,
  ConfirmReturnRequestSchema,
  CreateSubscriptionRequestSchema,
  CreateSubscriptionResponseSchema,
  EligibleSolutionsResponseSchema,
  SCOPES,
  SimulateSolutionsRequestSchema,
  SimulateSolutionsResponseSchema,
  SubscriptionListResponseSchema,
  SubscriptionSchema,
  type CancelSubscriptionResponse,
  type EligibleSolutionsResponse,
  type SimulateSolutionsResponse,
  type Subscription,
  type SubscriptionListItem,
  type SubscriptionListResponse,
} from "./schemas"
import { backoffDelay } from "./retry-policy"
import { languageForSolution } from "./solutions"
import { ScalexpertTransport, sleep } from "./transport"

const AUTH = { type: "bearer", scopes: [SCOPES.eFinancing] } as const
const subscriptionPath = (id: string, action = "") =>
  `${E_FINANCING_PATH}/subscriptions/${encodeURIComponent(id)}${action}`

export class EFinancingClient extends ScalexpertTransport {
  /** A GET or a POST of the e-financing API. */
  private call_(
    spec: Omit<RequestSpec, "auth" | "expectBody" | "idempotent"> & { expectBody?: boolean },
    options: CallOptions | undefined
  ) {
    return this.execute_(
      {
        ...spec,
        auth: AUTH,
        idempotent: spec.method === "GET",
        expectBody: spec.expectBody ?? true,
      },
      this.lane_(options)
    )
  }

  /** `GET /eligible-solutions`: contracted solutions for this amount and country (`[]` when none). */
  async getEligibleSolutions(
    params: EligibleSolutionsParams,
    options?: CallOptions
  ): Promise<EligibleSolutionsResponse> {
    const path = `${E_FINANCING_PATH}/eligible-solutions`
    const valid = this.check_(EligibleSolutionsParamsSchema, params, "GET", path)
    const query = {
      buyerBillingCountry: valid.buyerBillingCountry,
      financedAmount: valid.financedAmount,
    }
    const res = await this.call_({ method: "GET", path, query }, options)
    return parseAnswer(EligibleSolutionsResponseSchema, res, "GET", path)
  }

  /** `POST /_simulate-solutions`: instalment plans, one per duration for long credit. */
  async simulateSolutions(
    params: SimulateSolutionsParams,
    options?: CallOptions
  ): Promise<SimulateSolutionsResponse> {
    const path = `${E_FINANCING_PATH}/_simulate-solutions`
    const body = this.check_(SimulateSolutionsRequestSchema, params, "POST", path)
    const res = await this.call_({ method: "POST", path, body }, options)
    return parseAnswer(SimulateSolutionsResponseSchema, res, "POST", path)
  }

  /**
   * `POST /subscriptions?language=`: starts a financing file and returns where to send the shopper
   * (lane `checkout` unless told otherwise).
   *
   * If the answer is lost (timeout, network error, 5xx, unreadable body) the lender may have
   * created the file: before any new attempt the client looks it up by `merchantGlobalOrderId` and
   * returns it with `recovered: true` (and no `redirect`). A new POST is sent only when the lookup
   * proves nothing was created.
   */
  async createSubscription(
    params: CreateSubscriptionParams,
    options: CreateSubscriptionOptions = {}
  ): Promise<CreateSubscriptionResult> {
    const path = `${E_FINANCING_PATH}/subscriptions`
    const body = this.check_(CreateSubscriptionRequestSchema, params, "POST", path)
    const language = options.language ?? languageForSolution(body.solutionCode)
    const lane: RequestLane = options.lane ?? "checkout"
    let ambiguous: ScalexpertError | undefined
    const recover = () => this.recoverCreation_(body.merchantGlobalOrderId, lane, ambiguous)

    for (let attempt = 1; attempt <= this.retry_.maxAttempts; attempt++) {
      if (ambiguous) {
        const recovered = await recover()
        if (recovered) return recovered
        await sleep(backoffDelay(this.retry_, attempt - 1))
      }
      try {
        const res = await this.call_({ method: "POST", path, query: { language }, body }, { lane })
        const created = parseAnswer(CreateSubscriptionResponseSchema, res, "POST", path)
        return { id: created.id, redirect: created.redirect, recovered: false }
      } catch (error) {
        if (!(error instanceof ScalexpertError)) throw error
        if (error.isAmbiguous) {
          ambiguous = error
          this.warn_("scalexpert subscription creation is ambiguous, checking the lender's list", {
            method: "POST",
            path,
            kind: error.kind,
            status: error.status,
            attempt,
          })
          continue
        }
        if (ambiguous && error.status === 400 && error.errorCode === "BAD_REQUEST") {
          // "merchantGlobalOrderId already exists": the earlier lost attempt did create it.
          const recovered = await recover()
          if (recovered) return recovered
        }
        throw error
      }
    }
    const recovered = await recover()
    if (recovered) return recovered
    throw (
      ambiguous ?? new ScalexpertError({ kind: "network", message: "Subscription creation failed" })
    )
  }

  /** After an ambiguous creation: the file the lender made, if any (never guesses). */
  private async recoverCreation_(
    orderId: string,
    lane: RequestLane,
    ambiguous: ScalexpertError | undefined
  ): Promise<CreateSubscriptionResult | undefined> {
    const path = `${E_FINANCING_PATH}/subscriptions`
    let found: SubscriptionListItem | undefined
    try {
      found = await this.findSubscriptionByMerchantGlobalOrderId(orderId, { lane })
    } catch (lookupError) {
      this.warn_("scalexpert subscription lookup after an ambiguous creation failed", {
        method: "GET",
        path,
        status: (lookupError as ScalexpertError)?.status,
      })
      // Without an answer we cannot know whether a file exists: never POST again blindly.
      throw ambiguous ?? lookupError
    }
    if (!found) return undefined
    this.warn_("scalexpert subscription creation recovered from the lender's list", {
      method: "POST",
      path,
      subscriptionId: found.creditSubscriptionId,
    })
    return {
      id: found.creditSubscriptionId,
      redirect: undefined,
      recovered: true,
      subscription: found,
    }
  }

  /** `GET /subscriptions`: files by `merchantGlobalOrderId` / `merchantBasketId`, paginated. */
  async listSubscriptions(
    params: ListSubscriptionsParams = {},
    options?: CallOptions
  ): Promise<SubscriptionListResponse> {
    const path = `${E_FINANCING_PATH}/subscriptions`
    const valid = this.check_(ListSubscriptionsParamsSchema, params, "GET", path)
    const res = await this.call_({ method: "GET", path, query: { ...valid } }, options)
    return parseAnswer(SubscriptionListResponseSchema, res, "GET", path)
  }

  /** The most recent file carrying this `merchantGlobalOrderId` (ids are unique per file), if any. */
  async findSubscriptionByMerchantGlobalOrderId(
    merchantGlobalOrderId: string,
    options?: CallOptions
  ): Promise<SubscriptionListItem | undefined> {
    const list = await this.listSubscriptions({ merchantGlobalOrderId, pageSize: 20 }, options)
    const matching = list.subscriptions.filter(
      (s) => s.merchantGlobalOrderId === merchantGlobalOrderId
    )
    matching.sort((a, b) =>
      (b.registrationTimestamp ?? "").localeCompare(a.registrationTimestamp ?? "")
    )
    return matching[0]
  }

  /**
   * `GET /subscriptions/{id}`: the file with its status, sub-status, amount, buyer and basket. The
   * shopper's return reads with `{ lane: "checkout" }`, jobs with `{ lane: "background" }`.
   */
  async getSubscription(
    creditSubscriptionId: string,
    options?: CallOptions
  ): Promise<Subscription> {
    const path = subscriptionPath(creditSubscriptionId)
    const res = await this.call_({ method: "GET", path }, options)
    return parseAnswer(SubscriptionSchema, res, "GET", path)
  }

  /**
   * `POST /subscriptions/{id}/_confirmDelivery`: the goods were delivered (long credit is funded only
   * after it; a no-op answered 204 for split payment). A second confirmation is a 409
   * (`error.isConflict`).
   */
  async confirmDelivery(
    creditSubscriptionId: string,
    params: ConfirmDeliveryParams,
    options?: CallOptions
  ): Promise<void> {
    const path = subscriptionPath(creditSubscriptionId, "/_confirmDelivery")
    const body = this.check_(ConfirmDeliveryRequestSchema, params, "POST", path)
    await this.call_({ method: "POST", path, body, expectBody: false }, options)
  }

  /** `POST /subscriptions/{id}/_confirmReturn`: long credit, the goods came back (before a cancel). */
  async confirmReturn(
    creditSubscriptionId: string,
    params: ConfirmReturnParams,
    options?: CallOptions
  ): Promise<void> {
    const path = subscriptionPath(creditSubscriptionId, "/_confirmReturn")
    const body = this.check_(ConfirmReturnRequestSchema, params, "POST", path)
    await this.call_({ method: "POST", path, body, expectBody: false }, options)
  }

  /**
   * `POST /subscriptions/{id}/_cancel`: full (no `cancelledAmount`) or partial cancel. French
   * lenders answer at once (`status: "ACCEPTED"`, new `financedAmount`); Hanseatic (DE) answers a
   * request (`REQUEST_CANCELLATION` / `REQUEST_PART_CANCELLATION`) decided later.
   */
  async cancelSubscription(
    creditSubscriptionId: string,
    params: CancelSubscriptionParams = {},
    options?: CallOptions
  ): Promise<CancelSubscriptionResponse> {
    const path = subscriptionPath(creditSubscriptionId, "/_cancel")
    const body = this.check_(CancelSubscriptionRequestSchema, params, "POST", path)
    const res = await this.call_({ method: "POST", path, body }, options)
    return parseAnswer(CancelSubscriptionResponseSchema, res, "POST", path)
  }
}
