import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  buildSubscriptionRequest,
  CheckoutRefusal,
  type CheckoutCart,
  type CheckoutRefusalCode,
} from "../../providers/scalexpert/build-subscription"
import { isExcludedFromFinancing } from "../../providers/scalexpert/exclusions"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { refuseFinancingWithInsurance } from "./financing-with-insurance"
import type { ScalexpertRefusalCode } from "../../storefront/types"

export const SCALEXPERT_PROVIDER_ID = "pp_scalexpert_scalexpert"

const CART_FIELDS = [
  "id",
  "email",
  "currency_code",
  "total",
  "customer_id",
  "billing_address.*",
  "shipping_address.*",
  "items.id",
  "items.quantity",
  "items.unit_price",
  "items.title",
  "items.subtitle",
  "items.product_id",
  "items.product_title",
  "items.product_description",
  "items.product_type",
  "items.variant_title",
  "items.variant_sku",
  "items.product.categories.id",
  "items.product.categories.name",
]

type SessionBody = { provider_id?: string; data?: Record<string, unknown> }

/**
 * Runs before Medusa creates a payment session with the Scalexpert provider
 * (`POST /store/payment-collections/:id/payment-sessions`): reads the cart on the server, refuses
 * with a 400 what Scalexpert would refuse (before any call to it), and replaces whatever the
 * browser sent with `{ solution_code, cart }`, the snapshot the provider builds the file from.
 *
 * Every POST starts a new Scalexpert file: Medusa's workflow deletes the collection's previous
 * sessions and creates a new one. So the lender always receives the solution picked last, and a
 * file that was refused, abandoned or cancelled is never sent to the lender again.
 */
export async function prepareScalexpertSession(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction
) {
  const body = req.body as SessionBody | undefined
  if (body?.provider_id !== SCALEXPERT_PROVIDER_ID) return next()
  try {
    const provider = getScalexpert(req.scope)
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: links } = await query.graph({
      entity: "cart_payment_collection",
      fields: ["cart_id"],
      filters: { payment_collection_id: req.params.id },
    })
    if (!links[0]) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Payment collection ${req.params.id} belongs to no cart`
      )
    }
    const { data: carts } = await query.graph({
      entity: "cart",
      fields: CART_FIELDS,
      filters: { id: links[0].cart_id },
    })
    const cart = carts[0] as unknown as CheckoutCart
    await refuseFinancingWithInsurance(req.scope, links[0].cart_id, provider.options)
    const excluded = (cart.items ?? []).some((item) =>
      isExcludedFromFinancing(
        { product_id: item.product_id, category_ids: item.product?.categories?.map((c) => c.id) },
        provider.options
      )
    )
    if (excluded) {
      throw new CheckoutRefusal(
        "product_excluded",
        "This cart holds a product that cannot be financed with Scalexpert"
      )
    }
    const solutionCode = body.data?.solution_code
    // Checked now, with a stand-in session id, so that a bad cart never reaches Scalexpert.
    buildSubscriptionRequest({
      cart,
      solutionCode,
      paymentSessionId: "pending",
      options: provider.options,
    })
    const trusted = { solution_code: solutionCode, cart }
    body.data = trusted
    const validated = (req as { validatedBody?: SessionBody }).validatedBody
    if (validated) validated.data = trusted
    next()
  } catch (error) {
    next(error instanceof CheckoutRefusal ? provider400(error) : error)
  }
}

/** The stable machine code a storefront receives next to each refusal's message. */
export const REFUSAL_CODES: Record<CheckoutRefusalCode, ScalexpertRefusalCode> = {
  unknown_solution: "scalexpert_unknown_solution",
  solution_disabled: "scalexpert_solution_disabled",
  currency_not_supported: "scalexpert_currency_not_supported",
  missing_email: "scalexpert_email_required",
  missing_address: "scalexpert_address_incomplete",
  country_not_in_market: "scalexpert_country_not_supported",
  invalid_name: "scalexpert_invalid_name",
  invalid_phone: "scalexpert_phone_required",
  amount_out_of_bounds: "scalexpert_amount_out_of_bounds",
  empty_cart: "scalexpert_empty_cart",
  product_excluded: "scalexpert_product_excluded",
}

/** 400 `{type: "invalid_data", code: "scalexpert_...", message}`. */
const provider400 = (refusal: CheckoutRefusal) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, refusal.message, REFUSAL_CODES[refusal.code])
