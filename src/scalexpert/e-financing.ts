/**
 * The e-financing endpoints (Scalexpert e-financing API 1.7.1): eligibility, simulation, files
 * (creation with recovery of a lost answer, see `subscription-creation.ts`; reads, list),
 * delivery, return and cancellation. Every method takes an optional `{ lane }` for the request
 * budget (see `request-budget.ts`).
 */
import type { z } from "zod"

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
import { parseAnswer } from "./http-answers"
import type { RequestSpec } from "./http-exchange"
import type { RequestLane } from "./request-budget"
import { backoffDelay } from "./retry-policy"
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
import { languageForSolution } from "./solutions"
import { createWithoutDuplicate } from "./subscription-creation"
import { ScalexpertTransport } from "./transport"

const AUTH = { type: "bearer", scopes: [SCOPES.eFinancing] } as const
const SUBSCRIPTIONS_PATH = `${E_FINANCING_PATH}/subscriptions`
const subscriptionPath = (id: string, action = "") =>
  `${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}${action}`

export class EFinancingClient extends ScalexpertTransport {
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
   * (lane `checkout` unless told otherwise). A lost answer is recovered from the lender's list,
   * never sent blindly again (see `subscription-creation.ts`).
   */
  async createSubscription(
    params: CreateSubscriptionParams,
    options: CreateSubscriptionOptions = {}
  ): Promise<CreateSubscriptionResult> {
    const path = SUBSCRIPTIONS_PATH
    const body = this.check_(CreateSubscriptionRequestSchema, params, "POST", path)
    const language = options.language ?? languageForSolution(body.solutionCode)
    const lane: RequestLane = options.lane ?? "checkout"
    return createWithoutDuplicate({
      path,
      maxAttempts: this.retry_.maxAttempts,
      backoffMs: (attempt) => backoffDelay(this.retry_, attempt),
      post: async () => {
        const res = await this.call_({ method: "POST", path, query: { language }, body }, { lane })
        const created = parseAnswer(CreateSubscriptionResponseSchema, res, "POST", path)
        return { id: created.id, redirect: created.redirect, recovered: false }
      },
      lookup: () =>
        this.findSubscriptionByMerchantGlobalOrderId(body.merchantGlobalOrderId, { lane }),
      warn: (message, meta) => this.warn_(message, meta),
    })
  }

  /** `GET /subscriptions`: files by `merchantGlobalOrderId` / `merchantBasketId`, paginated. */
  async listSubscriptions(
    params: ListSubscriptionsParams = {},
    options?: CallOptions
  ): Promise<SubscriptionListResponse> {
    const path = SUBSCRIPTIONS_PATH
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
    return this.postWithoutAnswer_(ConfirmDeliveryRequestSchema, path, params, options)
  }

  /** `POST /subscriptions/{id}/_confirmReturn`: long credit, the goods came back (before a cancel). */
  async confirmReturn(
    creditSubscriptionId: string,
    params: ConfirmReturnParams,
    options?: CallOptions
  ): Promise<void> {
    const path = subscriptionPath(creditSubscriptionId, "/_confirmReturn")
    return this.postWithoutAnswer_(ConfirmReturnRequestSchema, path, params, options)
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

  /** A GET or a POST of the e-financing API (only GETs are sent again after a lost answer). */
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

  /** A checked POST whose 2xx answer has no body to read (204 endpoints). */
  private async postWithoutAnswer_<S extends z.ZodType>(
    schema: S,
    path: string,
    params: unknown,
    options: CallOptions | undefined
  ): Promise<void> {
    const body = this.check_(schema, params, "POST", path)
    await this.call_({ method: "POST", path, body, expectBody: false }, options)
  }
}
