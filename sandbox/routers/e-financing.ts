/** The e-financing API: `{root}/e-financing/api/v1` (scope `e-financing:rw`). */
import type { Request, Router } from "express"

import { isEligible, simulate } from "../catalogue"
import { communicationKit } from "../kit"
import { BusinessError } from "../http/errors"
import { apiRouter, pageOf, type MountOperation } from "../http/operations"
import { reply } from "../http/reply"
import { amountToCents, centsToAmount } from "../money"
import { cancel, confirmDelivery, confirmReturn } from "../rules/cancellation"
import { createSubscription } from "../rules/create"
import type { Json, SandboxSubscription } from "../rules/subscription"
import { detailView, listView } from "../rules/views"
import { isSolutionCode, SOLUTIONS, type SolutionCode } from "../solutions"
import type { SandboxState } from "../state"
import type { RouterContext } from "./context"

/** The path of one credit subscription. */
const ONE = "/subscriptions/:creditSubscriptionId"

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
  return apiRouter("e-financing", bearer("e-financing:rw"), (operation) => {
    catalogueRoutes(operation, state)
    subscriptionRoutes(operation, state)
    afterAcceptanceRoutes(operation, state)
  })
}

function catalogueRoutes(operation: MountOperation, state: SandboxState): void {
  operation("get", "/eligible-solutions", "getEligibleProductServices", async (req, res) => {
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

  operation("post", "/_simulate-solutions", "creditSimulation", async (req, res) => {
    const cents = amountToCents(Number(req.body.financedAmount))
    const country = String(req.body.buyerBillingCountry)
    const requested =
      (req.body.solutionCodes as string[] | undefined) ?? state.config.contractedSolutions
    const codes = [...new Set(requested)].filter((code) => contracted(state, code, country, cents))
    await reply(req, res, 200, {
      financedAmount: centsToAmount(cents),
      buyerBillingCountry: country,
      solutionSimulations: codes.map((code) => ({
        solutionCode: code,
        simulations: simulate(code as SolutionCode, cents),
      })),
    })
  })
}

function subscriptionRoutes(operation: MountOperation, state: SandboxState): void {
  operation("post", "/subscriptions", "initiateCreditSubscription", async (req, res) => {
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

  operation(
    "get",
    "/subscriptions",
    "retrieveCreditSubscriptionForSpecificMerchant",
    async (req, res) => {
      const { merchantGlobalOrderId, merchantBasketId } = req.query
      const all = [...state.subscriptions.values()]
        .filter(
          (s) =>
            merchantGlobalOrderId === undefined || s.merchantGlobalOrderId === merchantGlobalOrderId
        )
        .filter((s) => merchantBasketId === undefined || s.merchantBasketId === merchantBasketId)
        .sort((a, b) => b.registrationTimestamp.localeCompare(a.registrationTimestamp))
      await reply(req, res, 200, {
        totalItemCount: all.length,
        subscriptions: pageOf(all, req.query).map(listView),
      })
    }
  )

  operation("get", ONE, "retrieveCreditSubscription", async (req, res) => {
    await reply(req, res, 200, detailView(find(state, req)))
  })
}

function afterAcceptanceRoutes(operation: MountOperation, state: SandboxState): void {
  operation("post", `${ONE}/_confirmDelivery`, "doConfirmDelivery", async (req, res) => {
    confirmDelivery(state, find(state, req), req.body)
    await reply(req, res, 204)
  })

  operation("post", `${ONE}/_confirmReturn`, "doConfirmReturn", async (req, res) => {
    confirmReturn(find(state, req), req.body)
    await reply(req, res, 204)
  })

  operation("post", `${ONE}/_cancel`, "cancelCreditSubscription", async (req, res) => {
    await reply(req, res, 200, cancel(state, find(state, req), req.body))
  })
}
