import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getScalexpert } from "../../../../../providers/scalexpert/registry"
import type { SolutionsAnswer } from "../../../../../admin/lib/types"
import { contractedSolutions } from "../service"

export type AdminScalexpertSolutionsResponse = SolutionsAnswer

/**
 * `GET /admin/scalexpert/settings/solutions[?fresh=true]`: the solutions the merchant's contract
 * offers per market, discovered with `GET /eligible-solutions` at representative amounts (France
 * 500 € and 3,000 €, Germany 1,000 €). Kept a minute; `fresh=true` asks again. A failed probe is
 * reported in its market's `error`, not as a failed request.
 */
export const GET = async (
  req: MedusaRequest,
  res: MedusaResponse<AdminScalexpertSolutionsResponse>
) => {
  const query = (req.validatedQuery ?? req.query ?? {}) as { fresh?: string | boolean }
  const fresh = query.fresh === true || query.fresh === "true"
  res.json(await contractedSolutions(getScalexpert(req.scope), fresh))
}
