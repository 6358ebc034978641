/** The e-financing API: `{root}/e-financing/api/v1` (scope `e-financing:rw`). */
import express, { type Request, type Router } from "express"

import { isEligible, simulate } from "../catalogue"
import { communicationKit } from "../kit"
import { validateRequest } from "../http/contract"
import { BusinessError } from "../http/errors"
import { reply, route, serves } from "../http/reply"
import { amountToCents, centsToAmount } from "../money"
import { cancel, confirmDelivery, confirmReturn } from "../rules/cancellation"
import { createSubscription } from "../rules/create"
import type { Json, SandboxSubscription } from "../rules/subscription"
import { detailView, listView } from "../rules/views"
import { isSolutionCode, SOLUTIONS, type SolutionCode } from "../solutions"
import type { SandboxState } from "../state"
import type { RouterContext } from "./context"

const API = "e-financing"

function check(operationId: string, req: Request, withBody = false): void {
  const body = withBody ? req.body : undefined
  validateRequest(API, operationId, { query: req.query as Json, pathParams: req.params, body })
}

function page(value: unknown, fallback: number, what: string): number {
  const n = value === undefined ? fallback : Number(value)
  // Documents silent on page 0 / pageSize 0: refused (the stricter choice).
  if (n < 1)
    throw new BusinessError(400, "INVALID_PAGE_INDEX", `${what} must be greater than or equal to 1`)
  return n
}

function find(state: SandboxState, req: Request): SandboxSubscription {
  const id = String(req.params.creditSubscriptionId)
  const sub = state.get(id)
  if (!sub) {
    throw new BusinessError(404, "ENTITY_NOT_FOUND", `No credit subscription found with id ${id}`)
  }
  return sub
}

function contracted(
  state: SandboxState,
  code: string,
  country: string,
  cents: number
): code is SolutionCode {
  return (
    isSolutionCode(code) &&
    state.config.contractedSolutions.includes(code) &&
    isEligible(code, country, cents)
  )
}

export function eFinancingRouter({ state, bearer }: RouterContext): Router {
  const router = express.Router()
  router.use(bearer("e-financing:rw"))
  router.use(express.json({ limit: "1mb" }))

  catalogueRoutes(router, state)
  subscriptionRoutes(router, state)
  afterAcceptanceRoutes(router, state)
  return router
}

function catalogueRoutes(router: Router, state: SandboxState): void {
  router.get(
    "/eligible-solutions",
    route(async (req, res) => {
      serves(res, API, "getEligibleProductServices")
      check("getEligibleProductServices", req)
      const country = String(req.query.buyerBillingCountry)
      if (!/^[A-Z]{2}$/.test(country)) {
        throw new BusinessError(
          400,
          "INVALID_COUNTRY_CODE",
          `buyerBillingCountry ${country} is not an ISO 3166-1 alpha-2 code`
        )
      }
      const cents = amountToCents(Number(req.query.financedAmount))
      const solutions = state.config.contractedSolutions
        .filter((code) => contracted(state, code, country, cents))
        .map((code) => ({
          solutionCode: code,
          marketCode: SOLUTIONS[code].market,
          familyCode: "SC",
          conditions: SOLUTIONS[code].conditions,
          communicationKit: communicationKit(code, state.publicUrl),
        }))
      // "An empty json object is returned if not eligible."
      await reply(req, res, 200, solutions.length > 0 ? { solutions } : {})
    })
  )

  router.post(
    "/_simulate-solutions",
    route(async (req, res) => {
      serves(res, API, "creditSimulation")
      check("creditSimulation", req, true)
      const cents = amountToCents(Number(req.body.financedAmount))
      const country = String(req.body.buyerBillingCountry)
      const requested =
        (req.body.solutionCodes as string[] | undefined) ?? state.config.contractedSolutions
      const codes = [...new Set(requested)].filter((code) =>
        contracted(state, code, country, cents)
      )
      await reply(req, res, 200, {
        financedAmount: centsToAmount(cents),
        buyerBillingCountry: country,
        solutionSimulations: codes.map((code) => ({
          solutionCode: code,
          simulations: simulate(code as SolutionCode, cents),
        })),
      })
    })
  )
}

function subscriptionRoutes(router: Router, state: SandboxState): void {
  router.post(
    "/subscriptions",
    route(async (req, res) => {
      serves(res, API, "initiateCreditSubscription")
      check("initiateCreditSubscription", req, true)
      const sub = createSubscription(state, {
        body: req.body as Json,
        language: String(req.query.language),
        contractedSolutions: state.config.contractedSolutions,
        existing: state.subscriptions.values(),
      })
      state.subscriptions.set(sub.id, sub)
      await reply(req, res, 201, {
        id: sub.id,
        redirect: { type: "url", value: state.journeyUrl(sub.id) },
      })
    })
  )

  router.get(
    "/subscriptions",
    route(async (req, res) => {
      serves(res, API, "retrieveCreditSubscriptionForSpecificMerchant")
      check("retrieveCreditSubscriptionForSpecificMerchant", req)
      const { merchantGlobalOrderId, merchantBasketId } = req.query
      const p = page(req.query.page, 1, "page")
      const size = page(req.query.pageSize, 20, "pageSize")
      const all = [...state.subscriptions.values()]
        .filter(
          (s) =>
            merchantGlobalOrderId === undefined || s.merchantGlobalOrderId === merchantGlobalOrderId
        )
        .filter((s) => merchantBasketId === undefined || s.merchantBasketId === merchantBasketId)
        .sort((a, b) => b.registrationTimestamp.localeCompare(a.registrationTimestamp))
      await reply(req, res, 200, {
        totalItemCount: all.length,
        subscriptions: all.slice((p - 1) * size, p * size).map(listView),
      })
    })
  )

  router.get(
    "/subscriptions/:creditSubscriptionId",
    route(async (req, res) => {
      serves(res, API, "retrieveCreditSubscription")
      check("retrieveCreditSubscription", req)
      await reply(req, res, 200, detailView(find(state, req)))
    })
  )
}

function afterAcceptanceRoutes(router: Router, state: SandboxState): void {
  router.post(
    "/subscriptions/:creditSubscriptionId/_confirmDelivery",
    route(async (req, res) => {
      serves(res, API, "doConfirmDelivery")
      check("doConfirmDelivery", req, true)
      confirmDelivery(state, find(state, req), req.body)
      await reply(req, res, 204)
    })
  )

  router.post(
    "/subscriptions/:creditSubscriptionId/_confirmReturn",
    route(async (req, res) => {
      serves(res, API, "doConfirmReturn")
      check("doConfirmReturn", req, true)
      confirmReturn(find(state, req), req.body)
      await reply(req, res, 204)
    })
  )

  router.post(
    "/subscriptions/:creditSubscriptionId/_cancel",
    route(async (req, res) => {
      serves(res, API, "cancelCreditSubscription")
      check("cancelCreditSubscription", req, true)
      await reply(req, res, 200, cancel(state, find(state, req), req.body))
    })
  )
}
