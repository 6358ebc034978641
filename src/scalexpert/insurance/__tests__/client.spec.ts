import { makeClient, sandboxPerTestFile } from "../../__tests__/helpers"
import { isScalexpertError } from "../../errors"
import { insuranceClientOf } from ".."

const env = sandboxPerTestFile()

const item = {
  solutionCode: "CIFRWE-DXCO",
  sku: "DEMO-ESPRESSO",
  merchantItemId: "variant_espresso",
  brand: "NC",
  model: "Espresso machine",
  title: "Espresso machine",
  description: "Espresso machine",
  characteristics: "NC",
  category: "Kitchen",
}

describe("insurance client against the sandbox", () => {
  it("registers an item, searches, quotes, subscribes, reads and cancels with the insurance scope", async () => {
    const client = insuranceClientOf(makeClient(env.sandbox))
    const solutions = await client.getEligibleSolutions("FR")
    expect(solutions.map((s) => s.solutionCode)).toEqual(["CIFRWE-DXCO", "CIFRBS-DXCO"])
    expect(solutions[0].communicationKit?.visualLegalText).toBeTruthy()
    expect(await client.getEligibleSolutions("DE")).toEqual([])

    const itemId = await client.createItem(item)
    const offers = await client.searchInsurances({
      solutionCode: "CIFRWE-DXCO",
      itemId,
      price: 349,
    })
    expect(offers.map((o) => [o.id, o.price])).toEqual([
      ["WE-24M-T3", 49.99],
      ["WE-36M-T3", 69.99],
    ])
    expect(
      await client.searchInsurances({
        solutionCode: "CIFRBS-DXCO",
        itemId: await client.createItem({ ...item, solutionCode: "CIFRBS-DXCO" }),
        price: 349,
      })
    ).toEqual([])

    const quote = await client.createQuotation({
      solutionCode: "CIFRWE-DXCO",
      itemId,
      itemPrice: 349,
      insuranceId: "WE-24M-T3",
    })
    expect(quote.insurancePrice).toBe(49.99)
    const created = await client.createSubscription({
      solutionCode: "CIFRWE-DXCO",
      quoteId: quote.quoteId,
      insuranceId: "WE-24M-T3",
      merchantBasketId: "sxins_1",
      merchantBuyerId: "cus_1",
      merchantGlobalOrderId: "order_1",
      producerQuoteExpirationDate: quote.expirationDate.slice(0, 10),
      producerQuoteInsurancePrice: 49.99,
      buyer: {
        contact: {
          firstName: "Camille",
          lastName: "Durand",
          email: "c@d.fr",
          mobilePhoneNumber: "+33612345678",
        },
        address: {
          streetNumber: 1,
          streetName: "rue",
          zipCode: "75001",
          cityName: "Paris",
          regionName: "IDF",
          countryCode: "FR",
        },
      },
      insuredItem: {
        id: "variant_espresso",
        label: "Espresso",
        brandName: "NC",
        price: 349,
        currencyCode: "EUR",
        category: "Kitchen",
        insurancePrice: 49.99,
      },
    })
    expect(created.consolidatedStatus).toBe("SUBSCRIBED")
    const [listed] = await client.listSubscriptions({ merchantGlobalOrderId: "order_1" })
    expect(listed).toMatchObject({ merchantBasketId: "sxins_1", consolidatedStatus: "SUBSCRIBED" })
    await client.cancelSubscription(created.insuranceSubscriptionId, "order_canceled")
    expect((await client.getSubscription(created.insuranceSubscriptionId)).consolidatedStatus).toBe(
      "CANCELLED"
    )
    expect(
      env.sandbox.requests({ path: "/baas/uatc/auth-server/api/v1/oauth2/token" }).length
    ).toBeGreaterThan(0)
  })

  it("refuses a request that breaks the contract before sending it", async () => {
    const client = insuranceClientOf(makeClient(env.sandbox))
    const error = await client
      .searchInsurances({ solutionCode: "CIFRWE-DXCO", itemId: "x", price: 10.123 })
      .catch((e: unknown) => e)
    expect(isScalexpertError(error) && error.kind).toBe("client_validation")
  })
})
