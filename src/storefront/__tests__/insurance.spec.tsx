import { renderToStaticMarkup } from "react-dom/server"
import {
  createScalexpertInsuranceClient,
  isInsuranceLine,
  loadScalexpertInsuranceOffers,
  ScalexpertInsuranceLegalText,
  ScalexpertInsurancePicker,
  type ScalexpertInsuranceOffersResponse,
  type ScalexpertInsuranceSolution,
} from "../insurance"
import { ScalexpertStoreError } from "../fetch-client"

type Call = { url: URL; method: string; headers: Record<string, string>; body?: unknown }

/** A fake `fetch` answering from a routing function, recording every request. */
function fakeFetch(route: (call: Call) => { status?: number; body?: unknown } | Error) {
  const calls: Call[] = []
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: new URL(String(input)),
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }
    calls.push(call)
    const answer = route(call)
    if (answer instanceof Error) throw answer
    const { status = 200, body } = answer
    return new Response(body === undefined ? "" : JSON.stringify(body), { status })
  }) as typeof fetch
  return { fetchFn, calls }
}

const warranty: ScalexpertInsuranceSolution = {
  solution_code: "CIFRWE-DXCO",
  title: "Extension de garantie",
  description: "Prolongez la garantie de votre produit.",
  additional_information: null,
  legal_text: "Assureur : SPB. <script>alert(1)</script><b>Voir la notice</b>",
  logo_url: null,
  information_notice_url: "https://insurer.test/notice.pdf",
  product_terms_url: "javascript:alert(1)",
  offers: [
    { insurance_id: "WE-2Y", description: "Extension de garantie 2 ans", price: 79.99 },
    { insurance_id: "WE-3Y", description: "Extension de garantie 3 ans", price: 109 },
  ],
}

const offers: ScalexpertInsuranceOffersResponse = {
  variant_id: "variant_phone",
  country: "FR",
  currency_code: "eur",
  item_price: 899,
  solutions: [warranty],
}

const config = { baseUrl: "http://shop.test:9000/", publishableKey: "pk_test" }
const input = { variantId: "variant_phone", regionId: "reg_eu", country: "FR" }

describe("the insurance picker's data", () => {
  it("fetches a variant's offers with the publishable key", async () => {
    const { fetchFn, calls } = fakeFetch(() => ({ body: offers }))
    const client = createScalexpertInsuranceClient({ ...config, fetch: fetchFn })
    await expect(loadScalexpertInsuranceOffers(client, input)).resolves.toEqual(offers)
    const [call] = calls
    expect(call.method).toBe("GET")
    expect(call.url.origin + call.url.pathname).toBe(
      "http://shop.test:9000/store/scalexpert/insurance/offers"
    )
    expect(Object.fromEntries(call.url.searchParams)).toEqual({
      variant_id: "variant_phone",
      region_id: "reg_eu",
      country: "FR",
    })
    expect(call.headers["x-publishable-api-key"]).toBe("pk_test")
  })

  it.each([
    ["a 400", () => ({ status: 400, body: { code: "invalid_parameters", message: "bad" } })],
    ["a 500", () => ({ status: 500, body: { message: "boom" } })],
    ["no answer", () => new TypeError("fetch failed")],
  ])("gives nothing when the route fails (%s)", async (_, answer) => {
    const { fetchFn } = fakeFetch(answer)
    const client = createScalexpertInsuranceClient({ ...config, fetch: fetchFn })
    const data = await loadScalexpertInsuranceOffers(client, input)
    expect(data).toBeUndefined()
    // ...and the picker then shows nothing.
    expect(renderToStaticMarkup(<ScalexpertInsurancePicker {...input} initialData={data} />)).toBe(
      ""
    )
  })

  it("adds the picked cover of a cart line with the right body, and removes it", async () => {
    const { fetchFn, calls } = fakeFetch((call) =>
      call.method === "POST"
        ? { body: { cart_id: "cart_1", insurance_line_item_id: "cali_ins" } }
        : { body: { cart_id: "cart_1" } }
    )
    const client = createScalexpertInsuranceClient({ ...config, fetch: fetchFn })
    const added = await client.addToCart("cart_1", "cali_phone", {
      solution_code: "CIFRWE-DXCO",
      insurance_id: "WE-2Y",
    })
    expect(added).toEqual({ cart_id: "cart_1", insurance_line_item_id: "cali_ins" })
    await client.removeFromCart("cart_1", "cali_ins")
    const [add, remove] = calls
    expect(add.method).toBe("POST")
    expect(add.url.pathname).toBe("/store/scalexpert/insurance/carts/cart_1/lines")
    expect(add.headers["content-type"]).toBe("application/json")
    expect(add.body).toEqual({
      line_item_id: "cali_phone",
      solution_code: "CIFRWE-DXCO",
      insurance_id: "WE-2Y",
    })
    expect(remove.method).toBe("DELETE")
    expect(remove.url.pathname).toBe("/store/scalexpert/insurance/carts/cart_1/lines/cali_ins")
    expect(remove.body).toBeUndefined()
  })

  it("reports a refused addition with the route's code and message", async () => {
    const { fetchFn } = fakeFetch(() => ({
      status: 400,
      body: { type: "invalid_data", code: "insurance_not_offered", message: "Not offered" },
    }))
    const client = createScalexpertInsuranceClient({ ...config, fetch: fetchFn })
    const error = await client
      .addToCart("cart_1", "cali_phone", { solution_code: "CIFRWE-DXCO", insurance_id: "X" })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ScalexpertStoreError)
    expect(error).toMatchObject({
      status: 400,
      code: "insurance_not_offered",
      message: "Not offered",
    })
  })

  it("tells an insurance line from the others", () => {
    expect(isInsuranceLine({ metadata: { scalexpert_insurance: { quote_id: "q" } } })).toBe(true)
    expect(isInsuranceLine({ metadata: { other: 1 } })).toBe(false)
    expect(isInsuranceLine({ metadata: null })).toBe(false)
  })
})

describe("ScalexpertInsurancePicker (product page)", () => {
  it("renders each cover with its duration and price, 'no cover' first, and the legal text", () => {
    const html = renderToStaticMarkup(
      <ScalexpertInsurancePicker {...input} initialData={offers} locale="fr" />
    )
    expect(html).toContain('data-testid="scalexpert-insurance-picker"')
    expect(html).toContain("Protégez votre achat")
    expect(html.indexOf("Pas de protection")).toBeLessThan(html.indexOf("2 ans"))
    expect(html).toContain("Extension de garantie 2 ans — 79,99\u00a0€")
    expect(html).toContain("Extension de garantie 3 ans — 109,00\u00a0€")
    expect(html).toContain('data-testid="scalexpert-insurance-offer-WE-2Y"')
    // No cover is picked until the shopper picks one.
    expect(html.match(/checked=""/g)).toHaveLength(1)
    expect(html).toContain('data-testid="scalexpert-insurance-legal"')
    expect(html).toContain("Assureur : SPB.")
    expect(html).toContain("<b>Voir la notice</b>")
    expect(html).not.toContain("<script")
    expect(html).toContain('href="https://insurer.test/notice.pdf"')
    expect(html).not.toContain("javascript:")
  })

  it("shows the picked cover (controlled) in the shopper's language", () => {
    const html = renderToStaticMarkup(
      <ScalexpertInsurancePicker
        {...input}
        initialData={offers}
        locale="en"
        value={{ solution_code: "CIFRWE-DXCO", insurance_id: "WE-3Y" }}
      />
    )
    expect(html).toContain("Protect your purchase")
    expect(html).toContain("Extension de garantie 3 ans — €109.00")
    expect(html).toMatch(/<input type="radio"[^>]*checked=""[^>]*\/>Extension de garantie 3 ans/)
  })

  it("shows nothing when nothing is offered, or the offers are another variant's", () => {
    const none = { ...offers, solutions: [] }
    expect(renderToStaticMarkup(<ScalexpertInsurancePicker {...input} initialData={none} />)).toBe(
      ""
    )
    expect(
      renderToStaticMarkup(
        <ScalexpertInsurancePicker {...input} variantId="variant_other" initialData={offers} />
      )
    ).toBe("")
  })

  it("shows the legal text alone, with the documents in German", () => {
    const html = renderToStaticMarkup(
      <ScalexpertInsuranceLegalText
        solution={{ ...warranty, product_terms_url: "https://insurer.test/ipid.pdf" }}
        locale="de"
      />
    )
    expect(html).toContain(">Informationsblatt</a>")
    expect(html).toContain(">Produktinformationen</a>")
  })
})
