import { startSandbox, type SandboxHandle } from "../../server"
import { api, control, token } from "../../__tests__/http"

const BASE = "/insurance/api/v1"

describe("sandbox insurance API", () => {
  let sandbox: SandboxHandle
  let bearer: string

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, validateResponses: true })
  })
  afterAll(() => sandbox.close())
  beforeEach(async () => {
    await control(sandbox, "POST", "/reset")
    bearer = await token(sandbox, "insurance:rw")
  })

  const phone = {
    solutionCode: "CIFRBS-DXCO",
    sku: "NOVA-12",
    merchantItemId: "variant_01",
    brand: "Nova",
    model: "Nova 12",
    title: "Nova 12 smartphone",
    description: "Smartphone",
    characteristics: "128 GB",
    category: "smartphone",
  }
  const buyer = {
    contact: {
      firstName: "Camille",
      lastName: "Durand",
      email: "c@d.fr",
      mobilePhoneNumber: "+33612345678",
    },
    address: {
      streetNumber: 12,
      streetName: "rue de Rivoli",
      zipCode: "75001",
      cityName: "Paris",
      regionName: "IDF",
      countryCode: "FR",
    },
  }

  async function quoted(price = 899) {
    const item = await api<{ id: string }>(sandbox, bearer, "POST", `${BASE}/items`, phone)
    const offers = await api<{ insurances: { id: string; price: number }[] }>(
      sandbox,
      bearer,
      "POST",
      `${BASE}/items/_search-insurances`,
      {
        solutionCode: "CIFRBS-DXCO",
        itemId: item.json.id,
        price,
      }
    )
    const insuranceId = offers.json.insurances[0].id
    const quote = await api<{ quoteId: string; insurancePrice: number; expirationDate: string }>(
      sandbox,
      bearer,
      "POST",
      `${BASE}/quotations`,
      {
        solutionCode: "CIFRBS-DXCO",
        itemId: item.json.id,
        itemPrice: price,
        insuranceId,
      }
    )
    return { itemId: item.json.id, offers: offers.json.insurances, insuranceId, quote: quote.json }
  }

  const subscribe = (q: Awaited<ReturnType<typeof quoted>>, price = 899) =>
    api<{ insuranceSubscriptionId: string; consolidatedStatus: string }>(
      sandbox,
      bearer,
      "POST",
      `${BASE}/subscriptions`,
      {
        solutionCode: "CIFRBS-DXCO",
        quoteId: q.quote.quoteId,
        insuranceId: q.insuranceId,
        merchantBasketId: "sxins_1",
        merchantBuyerId: "cus_1",
        merchantGlobalOrderId: "order_1",
        producerQuoteExpirationDate: q.quote.expirationDate.slice(0, 10),
        producerQuoteInsurancePrice: q.quote.insurancePrice,
        buyer,
        insuredItem: {
          id: "variant_01",
          label: "Nova 12",
          brandName: "Nova",
          price,
          currencyCode: "EUR",
          category: "smartphone",
          insurancePrice: q.quote.insurancePrice,
        },
      }
    )

  it("serves the kits of both French solutions, and {} elsewhere", async () => {
    const fr = await api<{ solutions: { solutionCode: string }[] }>(
      sandbox,
      bearer,
      "GET",
      `${BASE}/eligible-solutions?buyerBillingCountry=FR`
    )
    expect(fr.json.solutions.map((s) => s.solutionCode)).toEqual(["CIFRWE-DXCO", "CIFRBS-DXCO"])
    const de = await api(
      sandbox,
      bearer,
      "GET",
      `${BASE}/eligible-solutions?buyerBillingCountry=DE`
    )
    expect(de.json).toEqual({})
  })

  it("prices broken-screen cover by item price, and answers 204 out of range", async () => {
    const q = await quoted()
    expect(q.offers.map((o) => o.price)).toEqual([89.99, 149.99])
    expect(q.quote.insurancePrice).toBe(89.99)
    const item = await api<{ id: string }>(sandbox, bearer, "POST", `${BASE}/items`, phone)
    const none = await api(sandbox, bearer, "POST", `${BASE}/items/_search-insurances`, {
      solutionCode: "CIFRBS-DXCO",
      itemId: item.json.id,
      price: 50,
    })
    expect(none.status).toBe(204)
  })

  it("subscribes a quote once, cancels it, and refuses an expired quote", async () => {
    const q = await quoted()
    const created = await subscribe(q)
    expect(created.status).toBe(201)
    expect(created.json.consolidatedStatus).toBe("SUBSCRIBED")
    expect((await subscribe(q)).json).toMatchObject({ errorCode: "QUOTE_ALREADY_USED" })
    const id = created.json.insuranceSubscriptionId
    expect(
      (
        await api(sandbox, bearer, "POST", `${BASE}/subscriptions/${id}/_cancel`, {
          origin: "order_canceled",
        })
      ).status
    ).toBe(204)
    expect(
      (
        await api<{ consolidatedStatus: string }>(
          sandbox,
          bearer,
          "GET",
          `${BASE}/subscriptions/${id}`
        )
      ).json.consolidatedStatus
    ).toBe("CANCELLED")
    expect(
      (await api(sandbox, bearer, "POST", `${BASE}/subscriptions/${id}/_cancel`, {})).json
    ).toMatchObject({ errorCode: "INVALID_STATUS" })

    const late = await quoted()
    await control(sandbox, "POST", `/insurance/quotes/${late.quote.quoteId}/expire`)
    expect((await subscribe(late)).json).toMatchObject({ errorCode: "QUOTE_EXPIRED" })
    expect(sandbox.contractViolations()).toEqual([])
  })

  it("fails or rejects the next subscriptions on demand, and validates strictly", async () => {
    await control(sandbox, "POST", "/insurance/next-subscriptions", {
      outcome: "fail",
      status: 503,
    })
    await control(sandbox, "POST", "/insurance/next-subscriptions", { outcome: "reject" })
    const q = await quoted()
    expect((await subscribe(q)).status).toBe(503)
    expect((await subscribe(q)).json).toMatchObject({ consolidatedStatus: "REJECTED" })
    const bad = await api<{ message: string }>(sandbox, bearer, "POST", `${BASE}/quotations`, {
      solutionCode: "XX",
      itemId: "a",
    })
    expect(bad.status).toBe(422)
    expect(bad.json.message).toMatch(/itemPrice/)
    const financingToken = await token(sandbox, "e-financing:rw")
    expect(
      (
        await api(
          sandbox,
          financingToken,
          "GET",
          `${BASE}/eligible-solutions?buyerBillingCountry=FR`
        )
      ).status
    ).toBe(403)
  })
})
