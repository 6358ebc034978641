/**
 * The insurance API (`{root}/insurance/api/v1`, scope `insurance:rw`) and its control API
 * (`/__sandbox/insurance/...`). Requests are validated against the committed contract
 * (`sandbox/contract/insurance.json`); business rules live in `state.ts`.
 *
 *   mountInsurance(app, { rootPath, bearer, emit, publicUrl })
 */
import express, { type Express, type RequestHandler, type Response, type Router } from "express"

import { validateRequest } from "../http/contract"
import { reply, route, serves } from "../http/reply"
import { insuranceSolution, offersFor } from "./catalogue"
import { controlRouter } from "./control"
import { InsuranceState, type Emit, type Policy, type SubscriptionBody } from "./state"

export interface InsuranceMountOptions {
  rootPath: string
  /** The sandbox's bearer check (401/403/429 as the gateway answers them) for a scope. */
  bearer: (scope: string) => RequestHandler
  /** Queues a merchant webhook event. */
  emit: Emit
  /** Base URL of the sandbox for the kit's logos and documents. */
  publicUrl: () => string
}

const SCOPE = "insurance:rw"

function view(p: Policy): Record<string, unknown> {
  return {
    insuranceSubscriptionId: p.insuranceSubscriptionId,
    registrationTimestamp: p.registrationTimestamp,
    lastUpdateTimestamp: p.lastUpdateTimestamp,
    solutionCode: p.solutionCode,
    marketTypeCode: "FR",
    duration: p.duration,
    merchantBasketId: p.merchantBasketId,
    merchantGlobalOrderId: p.merchantGlobalOrderId,
    consolidatedStatus: p.consolidatedStatus,
    insuredItemPrice: p.insuredItem.price,
    insuredItemCategory: p.insuredItem.category,
    producerQuoteInsurancePrice: p.producerQuoteInsurancePrice,
    merchantCommission: Math.round(p.producerQuoteInsurancePrice * 25) / 100,
  }
}

/** Mounts the insurance API and its control API on the sandbox app; returns the insurer's state. */
export function mountInsurance(app: Express, options: InsuranceMountOptions): InsuranceState {
  const state = new InsuranceState(options.emit)
  const api = express.Router()
  api.use(options.bearer(SCOPE))
  catalogueRoutes(api, state, options)
  subscriptionRoutes(api, state)
  // The sandbox's reset also forgets the insurer's items, quotes and policies.
  app.post("/__sandbox/reset", (_req, _res, next) => {
    state.reset()
    next()
  })
  app.use(`${options.rootPath}/insurance/api/v1`, api)
  app.use("/__sandbox/insurance", controlRouter(state))
  return state
}

const json = express.json({ limit: "1mb" })
const op = (res: Response, id: string) => serves(res, "insurance", id)

/** Eligibility, items, insurance search and quotations. */
function catalogueRoutes(api: Router, state: InsuranceState, options: InsuranceMountOptions) {
  api.get(
    "/eligible-solutions",
    route(async (req, res) => {
      op(res, "getEligibleProductServices")
      validateRequest("insurance", "getEligibleProductServices", { query: { ...req.query } })
      const country = String(req.query.buyerBillingCountry)
      const codes = country === "FR" ? state.contracted : []
      const body = codes.length
        ? { solutions: codes.map((c) => insuranceSolution(c, options.publicUrl())) }
        : {}
      await reply(req, res, 200, body)
    })
  )

  api.post(
    "/items",
    json,
    route(async (req, res) => {
      op(res, "CreateItemRequest")
      validateRequest("insurance", "CreateItemRequest", { body: req.body })
      const item = state.createItem(req.body)
      await reply(req, res, 201, { id: item.id })
    })
  )

  api.post(
    "/items/_search-insurances",
    json,
    route(async (req, res) => {
      op(res, "SearchItemInsuranceRequest")
      validateRequest("insurance", "SearchItemInsuranceRequest", { body: req.body })
      const item = state.item(req.body.solutionCode, req.body.itemId)
      const offers = offersFor(item, req.body.price)
      if (offers.length === 0) return reply(req, res, 204)
      await reply(req, res, 200, {
        itemId: item.id,
        solutionCode: item.solutionCode,
        insurances: offers.map(({ id, price, description }) => ({ id, price, description })),
      })
    })
  )

  api.post(
    "/quotations",
    json,
    route(async (req, res) => {
      op(res, "createInsuranceQuotation")
      validateRequest("insurance", "createInsuranceQuotation", { body: req.body })
      const quote = state.quote(req.body)
      await reply(req, res, 201, {
        quoteId: quote.quoteId,
        insurancePrice: quote.insurancePrice,
        expirationDate: quote.expiresAt.toISOString(),
      })
    })
  )
}

/** Subscriptions: create, list, read, cancel. */
function subscriptionRoutes(api: Router, state: InsuranceState) {
  api.post(
    "/subscriptions",
    json,
    route(async (req, res) => {
      op(res, "createInsuranceSubscription")
      validateRequest("insurance", "createInsuranceSubscription", { body: req.body })
      const policy = state.subscribe(req.body as SubscriptionBody)
      await reply(req, res, 201, {
        insuranceSubscriptionId: policy.insuranceSubscriptionId,
        consolidatedStatus: policy.consolidatedStatus,
      })
    })
  )

  api.get(
    "/subscriptions",
    route(async (req, res) => {
      op(res, "retrieveInsuranceSubscriptionForSpecificMerchant")
      validateRequest("insurance", "retrieveInsuranceSubscriptionForSpecificMerchant", {
        query: { ...req.query },
      })
      const q = req.query as Record<string, string | undefined>
      const all = [...state.policies.values()].filter(
        (p) =>
          (!q.merchantGlobalOrderId || p.merchantGlobalOrderId === q.merchantGlobalOrderId) &&
          (!q.merchantBasketId || p.merchantBasketId === q.merchantBasketId) &&
          (!q.solutionCode || p.solutionCode === q.solutionCode)
      )
      const page = Math.max(1, Number(q.page ?? 1))
      const size = Math.max(1, Number(q.pageSize ?? 20))
      const subscriptions = all.slice((page - 1) * size, page * size).map(view)
      await reply(req, res, 200, { totalItemCount: all.length, subscriptions })
    })
  )

  api.get(
    "/subscriptions/:id",
    route(async (req, res) => {
      op(res, "retrieveSpecificInsuranceSubscription")
      validateRequest("insurance", "retrieveSpecificInsuranceSubscription", {
        pathParams: { insuranceSubscriptionId: req.params.id },
      })
      const p = state.policy(String(req.params.id))
      await reply(req, res, 200, {
        ...view(p),
        clientId: "44f5060e-a89c-11ed-afa1-0242ac120002",
        thirdPartyReferenceId: "647aeb24-a89c-11ed-afa1-0242ac120002",
        familyCode: "CI",
        merchantBuyerId: p.merchantBuyerId,
        buyer: p.buyer,
        insuredItem: p.insuredItem,
      })
    })
  )

  api.post(
    "/subscriptions/:id/_cancel",
    json,
    route(async (req, res) => {
      op(res, "cancelInsuranceSubscriptions")
      const id = String(req.params.id)
      validateRequest("insurance", "cancelInsuranceSubscriptions", {
        pathParams: { insuranceSubscriptionId: id },
        body: req.body,
      })
      state.cancel(id, req.body?.origin)
      await reply(req, res, 204)
    })
  )
}
