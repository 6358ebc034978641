import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { amountToCents, centsToAmount } from "../../../../scalexpert/money"
import type { ScalexpertEligibilityResponse } from "../../../../storefront/types"
import {
  cartCountry,
  handleUnavailable,
  isCartExcluded,
  isProductExcluded,
  offersDeps,
  parseOrThrow,
  rawParams,
  readCart,
} from "../helpers"
import { financingHiddenByInsurance } from "../../../middlewares/financing-with-insurance"
import { eligibleSolutions } from "../offers"
import { pickLocale } from "../pick-locale"
import { parseEligibilityQuery } from "../validators"

/**
 * `GET /store/scalexpert/eligibility`: the Scalexpert solutions the shop can offer, with their
 * communication kits (title, legal text, logo, notice and terms) and a human name.
 *
 * - `?amount=1290&country=FR[&product_id=prod_...]`: a product page (the product's exclusions apply);
 * - `?cart_id=cart_...`: a cart (its total, its billing country, the exclusions of its items);
 * - names in Medusa's store locale (`?locale=fr-FR` or `x-medusa-locale`), else `Accept-Language`.
 */
export const GET = async (
  req: MedusaRequest,
  res: MedusaResponse<ScalexpertEligibilityResponse>
) => {
  const params = parseOrThrow(() => parseEligibilityQuery(rawParams(req, "query")))
  const deps = offersDeps(req.scope)
  const locale = pickLocale(req.locale, req.get("accept-language"))

  let base: Omit<ScalexpertEligibilityResponse, "solutions" | "unavailable_reason">
  let blocked: ScalexpertEligibilityResponse["unavailable_reason"] = null
  let cents: number
  if (params.kind === "cart") {
    const cart = await readCart(req.scope, params.cartId)
    cents = amountToCents(String(cart.total ?? 0))
    const country = cartCountry(cart)
    base = {
      amount: centsToAmount(cents),
      currency_code: cart.currency_code,
      country,
      cart_id: cart.id,
      locale,
    }
    if (cart.currency_code?.toLowerCase() !== "eur") blocked = "currency_not_supported"
    else if (cents <= 0) blocked = "empty_cart"
    else if (isCartExcluded(cart, deps.options)) blocked = "product_excluded"
    else if (financingHiddenByInsurance(cart.items, deps.options)) blocked = "insurance_in_cart"
    else if (!country) blocked = "missing_country"
  } else {
    cents = params.cents
    base = { amount: centsToAmount(cents), currency_code: "eur", country: params.country, locale }
    if (params.productId && (await isProductExcluded(req.scope, params.productId, deps.options))) {
      blocked = "product_excluded"
    }
  }
  if (blocked || !base.country) {
    res.json({ ...base, solutions: [], unavailable_reason: blocked ?? "missing_country" })
    return
  }

  try {
    const { solutions, reason } = await eligibleSolutions(deps, {
      country: base.country,
      cents,
      locale,
    })
    res.json({ ...base, solutions, unavailable_reason: reason })
  } catch (error) {
    if (!handleUnavailable(req, res, error)) throw error
  }
}
