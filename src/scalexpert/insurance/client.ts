/**
 * Typed endpoints of the Scalexpert insurance API (1.7.1, scope `insurance:rw`), built on the
 * shared transport of the e-financing client: same token cache, request budget, retries of
 * idempotent calls, error parsing and debug logging (never a body). Knows nothing of Medusa.
 */
import type { z } from "zod"

import { ScalexpertError } from "../errors"
import { contractBreachError } from "../http-answers"
import {
  CreateInsuranceSubscriptionRequestSchema,
  CreateInsuranceSubscriptionResponseSchema,
  CreateItemRequestSchema,
  CreateItemResponseSchema,
  describeIssues,
  INSURANCE_PATH,
  InsuranceCancellationRequestSchema,
  InsuranceEligibilityQuerySchema,
  InsuranceSolutionsResponseSchema,
  InsuranceSubscriptionListSchema,
  InsuranceSubscriptionSchema,
  QuotationRequestSchema,
  QuotationResponseSchema,
  SearchInsurancesRequestSchema,
  SearchInsurancesResponseSchema,
  type CreateInsuranceSubscriptionRequest,
  type CreateItemRequest,
  type InsuranceSolution,
  type InsuranceSubscription,
  type ItemInsurance,
  type Quotation,
  type QuotationRequest,
  type SearchInsurancesRequest,
} from "./schemas"

export type InsuranceLane = "checkout" | "storefront" | "background"

/** One call to the insurance API; `path` is relative to `{root}/insurance/api/v1`. */
export interface InsuranceRequest {
  method: "GET" | "POST"
  path: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  /** Safe to send again after an ambiguous failure. */
  idempotent: boolean
  /** A JSON body is expected on 2xx. */
  expectBody: boolean
  lane?: InsuranceLane
}

/** What the endpoints need from the transport: send with the `insurance:rw` token, or throw. */
export interface InsuranceTransport {
  send(request: InsuranceRequest): Promise<{ status: number; json: unknown; requestId?: string }>
}

export type CallOptions = { lane?: InsuranceLane }

export class ScalexpertInsuranceClient {
  constructor(private readonly transport_: InsuranceTransport) {}

  /** `GET /eligible-solutions`: contracted insurance solutions for the buyer's country. */
  async getEligibleSolutions(
    buyerBillingCountry: string,
    options: CallOptions = {}
  ): Promise<InsuranceSolution[]> {
    const query = check(
      InsuranceEligibilityQuerySchema,
      { buyerBillingCountry },
      "/eligible-solutions"
    )
    return this.call_(InsuranceSolutionsResponseSchema, {
      method: "GET",
      path: "/eligible-solutions",
      query,
      idempotent: true,
      expectBody: true,
      lane: options.lane,
    })
  }

  /** `POST /items`: registers a product with the insurer; returns the insurer's item id. */
  async createItem(item: CreateItemRequest, options: CallOptions = {}): Promise<string> {
    const body = check(CreateItemRequestSchema, item, "/items")
    const created = await this.call_(CreateItemResponseSchema, {
      method: "POST",
      path: "/items",
      body,
      idempotent: false,
      expectBody: true,
      lane: options.lane,
    })
    return created.id
  }

  /** `POST /items/_search-insurances`: the offers for an item at a price (`[]` on 204). */
  async searchInsurances(
    request: SearchInsurancesRequest,
    options: CallOptions = {}
  ): Promise<ItemInsurance[]> {
    const path = "/items/_search-insurances"
    const body = check(SearchInsurancesRequestSchema, request, path)
    const res = await this.transport_.send({
      method: "POST",
      path,
      body,
      idempotent: true,
      expectBody: true,
      lane: options.lane,
    })
    if (res.status === 204 || res.json === undefined) return []
    return parse(SearchInsurancesResponseSchema, res, "POST", path).insurances
  }

  /** `POST /quotations`: the confirmed price of an offer, valid until `expirationDate`. */
  async createQuotation(request: QuotationRequest, options: CallOptions = {}): Promise<Quotation> {
    const body = check(QuotationRequestSchema, request, "/quotations")
    return this.call_(QuotationResponseSchema, {
      method: "POST",
      path: "/quotations",
      body,
      idempotent: false,
      expectBody: true,
      lane: options.lane,
    })
  }

  /** `POST /subscriptions`: subscribes the policy of a quotation for the buyer. */
  async createSubscription(
    request: CreateInsuranceSubscriptionRequest,
    options: CallOptions = {}
  ): Promise<{
    insuranceSubscriptionId: string
    consolidatedStatus: InsuranceSubscription["consolidatedStatus"]
  }> {
    const body = check(CreateInsuranceSubscriptionRequestSchema, request, "/subscriptions")
    return this.call_(CreateInsuranceSubscriptionResponseSchema, {
      method: "POST",
      path: "/subscriptions",
      body,
      idempotent: false,
      expectBody: true,
      lane: options.lane ?? "checkout",
    })
  }

  /** `GET /subscriptions?merchantGlobalOrderId=`: the policies of an order (first 100). */
  async listSubscriptions(
    filter: { merchantGlobalOrderId?: string; merchantBasketId?: string; solutionCode?: string },
    options: CallOptions = {}
  ): Promise<InsuranceSubscription[]> {
    const list = await this.call_(InsuranceSubscriptionListSchema, {
      method: "GET",
      path: "/subscriptions",
      query: { ...filter, page: 1, pageSize: 100 },
      idempotent: true,
      expectBody: true,
      lane: options.lane,
    })
    return list.subscriptions
  }

  /** `GET /subscriptions/{id}`: one policy and its status. */
  async getSubscription(id: string, options: CallOptions = {}): Promise<InsuranceSubscription> {
    return this.call_(InsuranceSubscriptionSchema, {
      method: "GET",
      path: `/subscriptions/${encodeURIComponent(id)}`,
      idempotent: true,
      expectBody: true,
      lane: options.lane,
    })
  }

  /** `POST /subscriptions/{id}/_cancel`: cancels a policy (204). */
  async cancelSubscription(id: string, origin?: string, options: CallOptions = {}): Promise<void> {
    const path = `/subscriptions/${encodeURIComponent(id)}/_cancel`
    const body = check(InsuranceCancellationRequestSchema, origin ? { origin } : {}, path)
    await this.transport_.send({
      method: "POST",
      path,
      body,
      idempotent: false,
      expectBody: false,
      lane: options.lane,
    })
  }

  private async call_<S extends z.ZodType>(
    schema: S,
    request: InsuranceRequest
  ): Promise<z.output<S>> {
    const res = await this.transport_.send(request)
    return parse(schema, res, request.method, request.path)
  }
}

function check<S extends z.ZodType>(schema: S, input: unknown, path: string): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = describeIssues(result.error, input)
  throw new ScalexpertError({
    kind: "client_validation",
    message: `Invalid Scalexpert insurance request: ${issues
      .map((i) => `$.${i.field}: ${i.reason}`)
      .join(", ")}`,
    errorCode: "CLIENT_VALIDATION_ERROR",
    field: issues[0]?.field,
    reason: issues[0]?.reason,
    details: issues,
    path: `${INSURANCE_PATH}${path}`,
  })
}

function parse<S extends z.ZodType>(
  schema: S,
  res: { status: number; json: unknown; requestId?: string },
  method: string,
  path: string
): z.output<S> {
  const result = schema.safeParse(res.json ?? {})
  if (result.success) return result.data
  throw contractBreachError(result.error, res, method, `${INSURANCE_PATH}${path}`)
}
