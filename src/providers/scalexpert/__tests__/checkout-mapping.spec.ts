import { CreateSubscriptionRequestSchema } from "../../../scalexpert/schemas"
import { buildSubscriptionRequest, CheckoutRefusal, type CheckoutCart } from "../build-subscription"
import { resolveOptions } from "../options"
import { decide, rankedStatus, type FileState } from "../decide"
import { getStatus } from "../state-machine"
import type { ConsolidatedStatus } from "../../../scalexpert/schemas"

const options = resolveOptions({ clientId: "id", clientSecret: "secret" })

const address = {
  first_name: "Camille",
  last_name: "Durand",
  address_1: "12 rue de Rivoli",
  postal_code: "75001",
  city: "Paris",
  country_code: "fr",
  phone: "06 12 34 56 78",
}

const cart = (overrides: Partial<CheckoutCart> = {}): CheckoutCart => ({
  id: "cart_1",
  email: "Camille.Durand@Example.COM",
  currency_code: "eur",
  total: "1290.5",
  customer_id: "cus_1",
  billing_address: address,
  shipping_address: { ...address, address_1: "3 quai Voltaire", address_2: "Bâtiment B" },
  items: [
    {
      id: "item_1",
      quantity: 1,
      unit_price: 1290.5,
      product_title: "City bike",
      variant_title: "Standard",
      variant_sku: "SKU-".padEnd(50, "X"),
    },
  ],
  ...overrides,
})

const build = (c: CheckoutCart, solutionCode = "SCFRSP-3XTS") =>
  buildSubscriptionRequest({ cart: c, solutionCode, paymentSessionId: "payses_1", options })

describe("cart → subscription request", () => {
  it("builds a request the contract accepts, from the cart alone", () => {
    const { request, language } = build(cart())
    expect(CreateSubscriptionRequestSchema.safeParse(request).success).toBe(true)
    expect(language).toBe("fr-FR")
    expect(request).toMatchObject({
      solutionCode: "SCFRSP-3XTS",
      merchantGlobalOrderId: "payses_1",
      merchantBasketId: "cart_1",
      financedAmount: 1290.5,
      merchantUrls: { confirmation: "http://localhost:9000/scalexpert/return/payses_1" },
    })
    const buyer = request.buyers[0]
    expect(buyer.contact.email).toBe("camille.durand@example.com")
    expect(buyer.contact.mobilePhoneNumber).toBe("+33612345678")
    expect(buyer.billingAddress).toMatchObject({ countryCode: "FR", regionName: "NC" })
    expect(buyer.deliveryAddress).toMatchObject({
      streetName: "3 quai Voltaire",
      streetNameComplement: "Bâtiment B",
      locationType: "DELIVERY_ADDRESS",
    })
    const [item] = request.basketDetails.basketItems
    expect(item.sku).toHaveLength(36)
    expect(item).toMatchObject({ brandName: "NC", currencyCode: "EUR", orderId: "payses_1" })
  })

  it("normalises a German mobile number for a German solution", () => {
    const german = { ...address, country_code: "de", phone: "0151 23456789", city: "Berlin" }
    const { request, language } = build(
      cart({ billing_address: german, shipping_address: german, total: 1290.5 }),
      "SCDELT-DXTS"
    )
    expect(language).toBe("de-DE")
    expect(request.buyers[0].contact.mobilePhoneNumber).toBe("+4915123456789")
  })

  const refusals: [string, CheckoutCart, string, string][] = [
    ["another currency", cart({ currency_code: "usd" }), "SCFRSP-3XTS", "currency_not_supported"],
    ["a billing country outside the market", cart(), "SCDELT-DXTS", "country_not_in_market"],
    ["an amount below the bounds", cart({ total: 99.99 }), "SCFRSP-3XTS", "amount_out_of_bounds"],
    [
      "an amount above the bounds",
      cart({ total: "4000.01" }),
      "SCFRSP-4XTS",
      "amount_out_of_bounds",
    ],
    ["an unknown solution", cart(), "SCFRSP-5XTS", "unknown_solution"],
    [
      "a name with digits",
      cart({ billing_address: { ...address, first_name: "Camille2" } }),
      "SCFRSP-3XTS",
      "invalid_name",
    ],
    [
      "a German phone for a French solution",
      cart({ billing_address: { ...address, phone: "+49 151 23456789" } }),
      "SCFRSP-3XTS",
      "invalid_phone",
    ],
    ["no email", cart({ email: null }), "SCFRSP-3XTS", "missing_email"],
    [
      "no postal code",
      cart({ billing_address: { ...address, postal_code: " " } }),
      "SCFRSP-3XTS",
      "missing_address",
    ],
  ]
  it.each(refusals)("refuses %s", (_name, c, solution, code) => {
    expect(() => build(c, solution)).toThrow(CheckoutRefusal)
    try {
      build(c, solution)
    } catch (error) {
      expect((error as CheckoutRefusal).code).toBe(code)
    }
  })

  it("refuses a solution the shop did not enable", () => {
    const only4x = resolveOptions({
      clientId: "i",
      clientSecret: "s",
      enabledSolutions: ["SCFRSP-4XTS"],
    })
    expect(() =>
      buildSubscriptionRequest({
        cart: cart(),
        solutionCode: "SCFRSP-3XTS",
        paymentSessionId: "p",
        options: only4x,
      })
    ).toThrow(/not offered by this shop/)
  })
})

describe("provider options", () => {
  it("names each wrong option", () => {
    expect(() => resolveOptions({ clientSecret: "s", environment: "staging" })).toThrow(
      /`clientId`.*`environment`/
    )
    expect(() => resolveOptions({ clientId: "i", clientSecret: "s", successUrl: "/done" })).toThrow(
      /`successUrl` must be an absolute/
    )
  })
})

describe("the state machine", () => {
  it("maps Scalexpert statuses to Medusa's", () => {
    expect(getStatus("ACCEPTED", "SCFRSP-3XTS")).toBe("captured")
    expect(getStatus("ACCEPTED", "SCFRLT-TXNO")).toBe("authorized")
    expect(getStatus("PRE_ACCEPTED", "SCDELT-DXTS")).toBe("pending_authorization")
    expect(getStatus("REQUESTED", "SCFRSP-3XTS")).toBe("pending")
    expect(getStatus("REJECTED", "SCFRSP-3XTS")).toBe("error")
    expect(getStatus("ABORTED", "SCFRSP-3XTS")).toBe("canceled")
  })

  it("never moves a file backwards", () => {
    expect(rankedStatus("CANCELLED", "ACCEPTED")).toBe("CANCELLED")
    expect(rankedStatus("ACCEPTED", "PRE_ACCEPTED")).toBe("ACCEPTED")
    expect(rankedStatus("PRE_ACCEPTED", "ACCEPTED")).toBe("ACCEPTED")
    expect(
      decide({ known: "REJECTED", medusa: "ended" }, { kind: "read", status: "ACCEPTED" })
    ).toEqual(["none"])
  })

  it("decides what Medusa must do", () => {
    const open: FileState = { medusa: "open" }
    const read = (status: ConsolidatedStatus) => ({ kind: "read" as const, status })
    expect(decide(open, read("ACCEPTED"))).toEqual(["complete_cart"])
    expect(decide(open, read("PRE_ACCEPTED"))).toEqual(["complete_cart"])
    expect(decide(open, read("INITIALIZED"))).toEqual(["wait"])
    expect(decide(open, read("REJECTED"))).toEqual(["fail"])
    const awaiting: FileState = { known: "PRE_ACCEPTED", medusa: "awaiting_authorization" }
    expect(decide(awaiting, read("ACCEPTED"))).toEqual(["authorize_payment"])
    expect(decide(awaiting, read("REJECTED"))).toEqual(["cancel_order"])
    expect(decide(awaiting, read("PRE_ACCEPTED"))).toEqual(["wait"])
  })
})
