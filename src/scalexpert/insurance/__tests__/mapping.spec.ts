import {
  buyerOf,
  BuyerDataMissing,
  CreateInsuranceSubscriptionRequestSchema,
  CreateItemRequestSchema,
  isInsuranceStatusMoveAllowed,
  itemRequest,
  splitStreet,
  subscriptionRequest,
} from ".."

const phone = {
  id: "variant_01",
  sku: "DEMO-SMARTPHONE",
  title: "Standard",
  product: {
    id: "prod_01",
    title: "Nova 12 smartphone",
    description: null,
    metadata: { brand: "Nova", insurance_category: "smartphone" },
    category_names: ["Smartphones"],
  },
}

const address = {
  first_name: "Camille",
  last_name: "Durand",
  address_1: "12 bis rue de Rivoli",
  postal_code: "75001",
  city: "Paris",
  province: "Île-de-France",
  country_code: "fr",
  phone: "06 12 34 56 78",
}

describe("insurance mapping", () => {
  it("registers a variant with its brand and category, NC where the shop says nothing", () => {
    const item = itemRequest(phone, "CIFRBS-DXCO")
    expect(item).toEqual({
      solutionCode: "CIFRBS-DXCO",
      sku: "DEMO-SMARTPHONE",
      merchantItemId: "variant_01",
      brand: "Nova",
      model: "Nova 12 smartphone",
      title: "Nova 12 smartphone",
      description: "Nova 12 smartphone",
      characteristics: "Standard",
      category: "smartphone",
      isRefurbished: false,
    })
    expect(CreateItemRequestSchema.safeParse(item).success).toBe(true)
    const bare = itemRequest({ id: "v", product: { id: "p", title: "Mug" } }, "CIFRWE-DXCO")
    expect(bare).toMatchObject({ sku: "v", brand: "NC", characteristics: "NC", category: "NC" })
  })

  it("cuts a SKU longer than 36 characters", () => {
    expect(itemRequest({ ...phone, sku: "X".repeat(50) }, "CIFRWE-DXCO").sku).toHaveLength(36)
  })

  it("splits the street number and its suffix", () => {
    expect(splitStreet("12 bis rue de Rivoli")).toEqual({
      streetNumber: 12,
      streetNumberSuffix: "BIS",
      streetName: "rue de Rivoli",
    })
    expect(splitStreet("147, main street")).toEqual({
      streetNumber: 147,
      streetName: "main street",
    })
    expect(splitStreet("Lieu-dit Les Prés")).toEqual({
      streetNumber: 0,
      streetName: "Lieu-dit Les Prés",
    })
  })

  it("maps the buyer with an E.164 phone and a lower-case e-mail, and refuses without a phone", () => {
    const buyer = buyerOf("Camille.Durand@Example.com", address, null)
    expect(buyer.contact).toEqual({
      firstName: "Camille",
      lastName: "Durand",
      email: "camille.durand@example.com",
      mobilePhoneNumber: "+33612345678",
    })
    expect(buyer.address).toMatchObject({ streetNumber: 12, zipCode: "75001", countryCode: "FR" })
    expect(() => buyerOf("a@b.fr", { ...address, phone: "12" }, null)).toThrow(BuyerDataMissing)
  })

  it("builds a subscription the contract accepts, with the policy id as basket id", () => {
    const request = subscriptionRequest(
      {
        policyId: "sxins_01",
        orderId: "order_01",
        solutionCode: "CIFRWE-DXCO",
        insuranceId: "WE-24M-T4",
        quoteId: "quote-1",
        quoteExpiresAt: new Date("2026-12-08T10:00:00Z"),
        insurancePrice: 79.99,
        item: {
          id: "variant_01",
          label: "Nova 12",
          price: 899,
          currencyCode: "eur",
          category: "smartphone",
          brand: "Nova",
        },
      },
      buyerOf("c@d.fr", address, null)
    )
    expect(request).toMatchObject({
      merchantBasketId: "sxins_01",
      merchantGlobalOrderId: "order_01",
      merchantBuyerId: "order_01",
      producerQuoteExpirationDate: "2026-12-08",
      insuredItem: { currencyCode: "EUR", insurancePrice: 79.99, price: 899 },
    })
    expect(CreateInsuranceSubscriptionRequestSchema.safeParse(request).success).toBe(true)
  })

  it("never moves a policy backwards nor out of a final status", () => {
    expect(isInsuranceStatusMoveAllowed(null, "SUBSCRIBED")).toBe(true)
    expect(isInsuranceStatusMoveAllowed("SUBSCRIBED", "ACTIVATED")).toBe(true)
    expect(isInsuranceStatusMoveAllowed("ACTIVATED", "SUBSCRIBED")).toBe(false)
    expect(isInsuranceStatusMoveAllowed("ACTIVATED", "CANCELLED")).toBe(true)
    expect(isInsuranceStatusMoveAllowed("CANCELLED", "ACTIVATED")).toBe(false)
    expect(isInsuranceStatusMoveAllowed("REJECTED", "CANCELLED")).toBe(false)
  })
})
