import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { INSURANCE_SOLUTION_CODES } from "../../../../../scalexpert/insurance"
import { describeFailure, insuranceContext } from "../../../../../workflows/insurance/context"

/**
 * `GET /admin/scalexpert/insurance/solutions?country=FR`: the insurance solutions the merchant has
 * contracted for the country (from Scalexpert), each with whether this shop sells it
 * (`insuranceSolutions`).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const ctx = insuranceContext(req.scope)
  const country = String(req.query.country ?? "FR").toUpperCase()
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "country must be a code such as FR")
  }
  try {
    const contracted = await ctx.client.getEligibleSolutions(country)
    res.json({
      country,
      known: INSURANCE_SOLUTION_CODES,
      solutions: contracted.map((s) => ({
        solution_code: s.solutionCode,
        title: s.communicationKit?.visualTitle ?? s.solutionCode,
        enabled: (ctx.options.insuranceSolutions as string[]).includes(s.solutionCode),
      })),
    })
  } catch (error) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Scalexpert did not answer: ${describeFailure(error)}`
    )
  }
}
