import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { centsToAmount } from "../../../../scalexpert/money"
import type { ScalexpertSimulationsResponse } from "../../../../storefront/types"
import {
  handleUnavailable,
  isProductExcluded,
  offersDeps,
  parseOrThrow,
  rawParams,
} from "../helpers"
import { simulateSolutions } from "../offers"
import { pickLocale } from "../pick-locale"
import { parseSimulationParams } from "../validators"

/**
 * Simulations of the eligible solutions for an amount and a billing country: per solution its
 * human name, communication kit (with the legal text) and plans (one per duration for long
 * credit: instalments, fees, APR, total cost, total due).
 *
 * `GET /store/scalexpert/simulations?amount=1290&country=FR[&solution_codes=SCFRSP-3XTS,...][&product_id=]`
 * or `POST /store/scalexpert/simulations` with the same fields as JSON
 * (`{"amount": 1290, "country": "FR", "solution_codes": ["SCFRSP-3XTS"]}`).
 */
async function simulate(
  req: MedusaRequest,
  res: MedusaResponse<ScalexpertSimulationsResponse>,
  source: "query" | "body"
) {
  const params = parseOrThrow(() => parseSimulationParams(rawParams(req, source), source))
  const deps = offersDeps(req.scope)
  const locale = pickLocale(req.locale, req.get("accept-language"))
  const base = {
    amount: centsToAmount(params.cents),
    currency_code: "eur",
    country: params.country,
    locale,
  }
  if (params.productId && (await isProductExcluded(req.scope, params.productId, deps.options))) {
    res.json({ ...base, simulations: [], unavailable_reason: "product_excluded" })
    return
  }
  try {
    const { simulations, reason } = await simulateSolutions(deps, {
      country: params.country,
      cents: params.cents,
      locale,
      solutionCodes: params.solutionCodes,
    })
    res.json({ ...base, simulations, unavailable_reason: reason })
  } catch (error) {
    if (!handleUnavailable(req, res, error)) throw error
  }
}

export const GET = (req: MedusaRequest, res: MedusaResponse<ScalexpertSimulationsResponse>) =>
  simulate(req, res, "query")

export const POST = (req: MedusaRequest, res: MedusaResponse<ScalexpertSimulationsResponse>) =>
  simulate(req, res, "body")
