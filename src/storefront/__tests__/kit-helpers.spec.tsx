import { renderToStaticMarkup } from "react-dom/server"
import { ScalexpertBadge } from "../badge"
import { scalexpertAction, toScalexpertActionError } from "../actions"
import { createScalexpertStorefront, ScalexpertStoreError } from "../fetch-client"
import { pickTeaser, priceWithTax, teaserText } from "../teaser"
import type {
  ScalexpertPlan,
  ScalexpertSimulationsResponse,
  ScalexpertSolutionSimulation,
} from "../types"

const plan = (duration: number, amounts: number[], fees = 0): ScalexpertPlan => ({
  duration,
  installment_amount: amounts[0],
  installments: amounts.map((amount, i) => ({ number: i + 1, amount })),
  fees_amount: fees,
  apr: 0,
  nominal_rate: 0,
  total_cost: fees,
  total_due: amounts.reduce((a, b) => a + b, 0),
})

const solution = (
  code: string,
  kind: "split" | "long_credit",
  plans: ScalexpertPlan[]
): ScalexpertSolutionSimulation => ({
  code,
  name: code,
  kind,
  market: "FR",
  lender: "Franfinance",
  installments: { min: plans[0].duration, max: plans[plans.length - 1].duration },
  amount_bounds: { min: 100, max: 4000 },
  communication_kit: null,
  plans,
})

// 349 € before VAT, 418.80 € with 20 % VAT: what the shopper pays.
const answer = (amount: number, simulations: ScalexpertSolutionSimulation[]) =>
  ({
    amount,
    currency_code: "eur",
    country: "FR",
    locale: "en",
    simulations,
    unavailable_reason: simulations.length ? null : "not_eligible",
  }) satisfies ScalexpertSimulationsResponse

const free3 = solution("SCFRSP-3XTS", "split", [plan(3, [139.6, 139.6, 139.6])])
const paid4 = solution("SCFRSP-4XPS", "split", [plan(4, [107.3, 104.7, 104.7, 104.7], 2.6)])
const credit = solution("SCFRLT-TXNO", "long_credit", [plan(12, [36.5]), plan(24, [19.1])])

describe("pickTeaser and teaserText (on-site messaging)", () => {
  it("advertises the split payment without fees: 'or 3 × €139.60 without fees'", () => {
    const teaser = pickTeaser(answer(418.8, [credit, paid4, free3]))!
    expect(teaser).toMatchObject({ solutionCode: "SCFRSP-3XTS", count: 3, free: true })
    expect(teaserText(teaser, "en")).toBe("or 3 × €139.60 without fees")
    expect(teaserText(teaser, "fr")).toBe("ou 3 × 139,60\u00a0€ sans frais")
    expect(teaserText(teaser, "de")).toBe("oder 3 × 139,60\u00a0€ ohne Gebühren")
  })

  it("prefers the free split in more instalments, then a paid split, then the lowest monthly credit", () => {
    const free4 = solution("SCFRSP-4XTS", "split", [plan(4, [104.7, 104.7, 104.7, 104.7])])
    expect(pickTeaser(answer(418.8, [free3, free4]))!.solutionCode).toBe("SCFRSP-4XTS")
    const paid = pickTeaser(answer(418.8, [credit, paid4]))!
    expect(paid.solutionCode).toBe("SCFRSP-4XPS")
    expect(teaserText(paid, "en")).toBe("or €107.30 + 3 × €104.70 with fees")
    const monthly = pickTeaser(answer(1290, [credit]))!
    expect(monthly).toMatchObject({ count: 24, amount: 19.1 })
    expect(teaserText(monthly, "en")).toBe("or from €19.10/month")
  })

  it("gives nothing when nothing is eligible", () => {
    expect(pickTeaser(answer(20, []))).toBeNull()
    expect(pickTeaser(undefined)).toBeNull()
  })
})

describe("priceWithTax", () => {
  const variants = [
    { id: "v1", calculated_price: { calculated_amount: 349, calculated_amount_with_tax: 418.8 } },
    { id: "v2", calculated_price: { calculated_amount: 299, calculated_amount_with_tax: 358.8 } },
    { id: "v3", calculated_price: { calculated_amount: 199, calculated_amount_with_tax: null } },
  ]

  it("is the price with tax of the variant, or of the cheapest; never the price before tax", () => {
    expect(priceWithTax(variants, "v1")).toBe(418.8)
    expect(priceWithTax(variants)).toBe(358.8)
    expect(priceWithTax(variants, "v3")).toBeNull()
    expect(priceWithTax(undefined)).toBeNull()
  })
})

describe("ScalexpertBadge", () => {
  const data = answer(418.8, [free3, credit])

  it("shows the instalment of the price given, with stable class names and the shop's class", () => {
    const html = renderToStaticMarkup(
      <ScalexpertBadge amount="418.80" country="fr" initialData={data} className="text-sm" />
    )
    expect(html).toContain('class="scalexpert-badge text-sm"')
    expect(html).toContain('data-installment="139.6"')
    expect(html).toContain("or 3 × €139.60 without fees")
  })

  it("is hidden when nothing is eligible, without a price, or for another price than the answer's", () => {
    const none = (element: JSX.Element) => expect(renderToStaticMarkup(element)).toBe("")
    none(<ScalexpertBadge amount={20} country="fr" initialData={answer(20, [])} />)
    none(<ScalexpertBadge amount={null} country="fr" initialData={data} />)
    none(<ScalexpertBadge amount={418.8} country={undefined} initialData={data} />)
    // 349 € is the price before VAT: never an instalment computed on another amount.
    none(<ScalexpertBadge amount={349} country="fr" initialData={data} />)
  })
})

describe("scalexpertAction (server actions)", () => {
  const failingFetch = (status: number, body: unknown) =>
    (async () => new Response(JSON.stringify(body), { status })) as typeof fetch

  it("returns the backend's refusal as { error: { code, message } } instead of throwing", async () => {
    const client = createScalexpertStorefront({
      baseUrl: "http://medusa.test",
      publishableKey: "pk_test",
      fetch: failingFetch(400, {
        type: "invalid_data",
        code: "scalexpert_phone_required",
        message: "A valid mobile phone number is required for Pay in 3 instalments",
      }),
    })
    const result = await scalexpertAction(() =>
      client.startFinancing({ cartId: "cart_1", solutionCode: "SCFRSP-3XTS" })
    )
    expect(result).toEqual({
      error: {
        code: "scalexpert_phone_required",
        message: "A valid mobile phone number is required for Pay in 3 instalments",
        status: 400,
      },
    })
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })

  it("returns { data } on success", async () => {
    expect(await scalexpertAction(async () => 42)).toEqual({ data: 42 })
  })

  it("gives a code to every error: unavailable, network, Medusa's type, anything else", () => {
    expect(
      toScalexpertActionError(new ScalexpertStoreError("down", 503, "scalexpert_unavailable"))
    ).toMatchObject({ code: "scalexpert_unavailable", status: 503 })
    expect(toScalexpertActionError(new ScalexpertStoreError("no route", 0))).toMatchObject({
      code: "scalexpert_network_error",
      status: 0,
    })
    expect(
      toScalexpertActionError(new ScalexpertStoreError("Cart x was not found", 404, "not_found"))
    ).toMatchObject({ code: "not_found", message: "Cart x was not found" })
    expect(toScalexpertActionError(new Error("boom"))).toEqual({
      code: "scalexpert_error",
      message: "boom",
      status: 0,
    })
  })
})
