import { amountToCents, toWireAmount, type AmountLike } from "../../scalexpert/money"
import {
  EMAIL_PATTERN,
  type CreateSubscriptionRequest,
  type Language,
} from "../../scalexpert/schemas"
import { getSolution, isSolutionCode, type SolutionInfo } from "../../scalexpert/solutions"
import {
  NOT_COMMUNICATED,
  basketItem,
  contact,
  mobileNumber,
  requireAddress,
  scalexpertAddress,
  text,
} from "./buyer-mapping"
import { CheckoutRefusal, type CheckoutCart } from "./checkout-cart"
import { boundsFor, type ResolvedScalexpertOptions } from "./options"

export {
  CheckoutRefusal,
  type CheckoutAddress,
  type CheckoutCart,
  type CheckoutLineItem,
  type CheckoutRefusalCode,
} from "./checkout-cart"

export type SubscriptionDraft = {
  solution: SolutionInfo
  language: Language
  request: CreateSubscriptionRequest
}

/** Checks the solution against the shop's configuration and the cart's amount and country. */
export function checkSolutionFits(
  solutionCode: unknown,
  amount: AmountLike,
  country: string | null | undefined,
  options: ResolvedScalexpertOptions
): SolutionInfo {
  if (!isSolutionCode(solutionCode)) {
    throw new CheckoutRefusal(
      "unknown_solution",
      `Unknown Scalexpert solution "${String(solutionCode ?? "")}": send data.solution_code, one of the codes that the eligibility route returns`
    )
  }
  const solution = getSolution(solutionCode)!
  if (options.enabledSolutions && !options.enabledSolutions.includes(solution.code)) {
    throw new CheckoutRefusal(
      "solution_disabled",
      `The Scalexpert solution ${solution.code} is not offered by this shop`
    )
  }
  const billingCountry = country?.toUpperCase()
  if (billingCountry !== solution.market) {
    throw new CheckoutRefusal(
      "country_not_in_market",
      `${solution.name.en} is only available with a billing address in ${solution.market === "FR" ? "France" : "Germany"}`
    )
  }
  const { min, max } = boundsFor(options, solution.kind, solution.market)
  const cents = amountToCents(amount)
  if (cents < amountToCents(min) || cents > amountToCents(max)) {
    throw new CheckoutRefusal(
      "amount_out_of_bounds",
      `${solution.name.en} is available for amounts from ${min} € to ${max} €; this cart is ${toWireAmount(amount)} €`
    )
  }
  return solution
}

/**
 * Builds the `POST /subscriptions` request from the cart alone: nothing the browser sends besides
 * the solution code is used. Throws a `CheckoutRefusal` for anything Scalexpert would refuse.
 */
export function buildSubscriptionRequest(input: {
  cart: CheckoutCart
  solutionCode: unknown
  paymentSessionId: string
  options: ResolvedScalexpertOptions
}): SubscriptionDraft {
  const { cart, paymentSessionId, options } = input
  if (cart.currency_code.toLowerCase() !== "eur") {
    throw new CheckoutRefusal(
      "currency_not_supported",
      `Scalexpert finances carts in EUR only; this cart is in ${cart.currency_code.toUpperCase()}`
    )
  }
  const billing = requireAddress(cart.billing_address, "billing")
  const solution = checkSolutionFits(input.solutionCode, cart.total, billing.country_code, options)
  const delivery = cart.shipping_address?.address_1
    ? requireAddress(cart.shipping_address, "shipping")
    : billing

  const email = text(cart.email)?.toLowerCase()
  if (!email || !EMAIL_PATTERN.test(email)) {
    throw new CheckoutRefusal("missing_email", "The cart needs a valid email address")
  }
  const items = cart.items ?? []
  if (!items.length) throw new CheckoutRefusal("empty_cart", "The cart is empty")

  const mobile = mobileNumber(text(billing.phone) ?? text(delivery.phone), solution)
  const billingContact = contact(billing, email, mobile)
  const deliveryContact = delivery === billing ? billingContact : contact(delivery, email, mobile)

  return {
    solution,
    language: solution.language,
    request: {
      solutionCode: solution.code,
      merchantBasketId: cart.id,
      // Unique per file, and it exists before the order does (Medusa creates the order later).
      merchantGlobalOrderId: paymentSessionId,
      merchantBuyerId: cart.customer_id ?? NOT_COMMUNICATED,
      financedAmount: toWireAmount(cart.total),
      merchantUrls: {
        confirmation: `${options.backendUrl}/scalexpert/return/${paymentSessionId}`,
      },
      buyers: [
        {
          contact: billingContact,
          contactAddress: scalexpertAddress(billing, "MAIN_ADDRESS"),
          billingContact,
          billingAddress: scalexpertAddress(billing, "BILLING_ADDRESS"),
          deliveryContact,
          deliveryAddress: scalexpertAddress(delivery, "DELIVERY_ADDRESS"),
        },
      ],
      basketDetails: { basketItems: items.map((item) => basketItem(item, paymentSessionId)) },
    },
  }
}
