import { renderToStaticMarkup } from "react-dom/server"
import { createScalexpertStorefront } from "../client"
import {
  ScalexpertFailureNotice,
  ScalexpertOrderConfirmation,
  ScalexpertSimulation,
  ScalexpertSolutionPicker,
} from "../react"
import type {
  ScalexpertCommunicationKit,
  ScalexpertEligibilityResponse,
  ScalexpertSimulationsResponse,
  ScalexpertSolution,
} from "../types"

const kit = (legal: string): ScalexpertCommunicationKit => ({
  title: "Payez en <b>3X</b>",
  description: null,
  additional_information: null,
  legal_text: legal,
  logo_url: "http://lender.test/logo.svg",
  information_icon_url: null,
  table_image_url: null,
  notice_url: "http://lender.test/notice",
  terms_url: "http://lender.test/terms",
})

const split: ScalexpertSolution = {
  code: "SCFRSP-3XPS",
  name: "Paiement en 3 fois",
  kind: "split",
  market: "FR",
  lender: "Franfinance",
  installments: { min: 3, max: 3 },
  amount_bounds: { min: 100, max: 4000 },
  communication_kit: kit("Offre réservée aux particuliers. <script>alert(1)</script>FRANFINANCE"),
}
const credit: ScalexpertSolution = {
  ...split,
  code: "SCFRLT-TXNO",
  name: "Crédit à la consommation",
  kind: "long_credit",
  installments: { min: 4, max: 60 },
  communication_kit: kit("Un crédit vous engage et doit être remboursé."),
}

const simulations: ScalexpertSimulationsResponse = {
  amount: 1290,
  currency_code: "eur",
  country: "FR",
  locale: "fr",
  unavailable_reason: null,
  simulations: [
    {
      ...split,
      plans: [
        {
          duration: 3,
          installment_amount: 449.35,
          installments: [
            { number: 1, amount: 449.35 },
            { number: 2, amount: 430 },
            { number: 3, amount: 430 },
          ],
          fees_amount: 19.35,
          apr: 21.3,
          nominal_rate: 19.4,
          total_cost: 19.35,
          total_due: 1309.35,
        },
      ],
    },
    {
      ...credit,
      plans: [12, 24].map((months) => ({
        duration: months,
        installment_amount: months === 12 ? 112.5 : 58.6,
        installments: [{ number: 1, amount: months === 12 ? 112.5 : 58.6 }],
        fees_amount: 0,
        apr: 8.9,
        nominal_rate: 8.56,
        total_cost: months === 12 ? 60 : 116.4,
        total_due: months === 12 ? 1350 : 1406.4,
      })),
    },
  ],
}

const client = createScalexpertStorefront({
  baseUrl: "http://shop.test",
  publishableKey: "pk",
  fetch: (() => {
    throw new Error("no request while server rendering")
  }) as typeof fetch,
})

describe("ScalexpertSimulation (product page)", () => {
  const html = renderToStaticMarkup(
    <ScalexpertSimulation amount={1290} country="FR" initialData={simulations} />
  )

  it("renders a tab per solution and the first solution's plan with its figures", () => {
    expect(html.match(/data-testid="scalexpert-tab"/g)).toHaveLength(2)
    expect(html).toContain('data-code="SCFRSP-3XPS"')
    // French formats: the answer's locale.
    expect(html).toContain("449,35\u00a0€ aujourd&#x27;hui, puis 2 × 430,00\u00a0€")
    expect(html).toMatch(/TAEG<\/dt><dd>21,30\u00a0%/)
    expect(html).toMatch(/Montant total dû<\/dt><dd>1\u202f309,35\u00a0€/)
  })

  it("always shows the lender's legal text, sanitised, with the notice and terms", () => {
    expect(html).toContain('data-testid="scalexpert-legal-text"')
    expect(html).toContain("Offre réservée aux particuliers.")
    expect(html).toContain("FRANFINANCE")
    expect(html).not.toContain("<script")
    expect(html).toContain('href="http://lender.test/notice"')
    expect(html).toContain("Payez en <b>3X</b>")
  })

  it("shows the longest duration of a long credit first, with a duration picker", () => {
    const only = renderToStaticMarkup(
      <ScalexpertSimulation
        amount={1290}
        country="FR"
        locale="en"
        initialData={{ ...simulations, simulations: [simulations.simulations[1]] }}
      />
    )
    expect(only).not.toContain("scalexpert-tab")
    expect(only).toContain('data-testid="scalexpert-duration"')
    expect(only).toContain('data-duration="24"')
    expect(only).toContain("24 monthly instalments of €58.60")
    expect(only).toContain("Un crédit vous engage")
  })

  it("renders the fallback when nothing can be offered", () => {
    const none = renderToStaticMarkup(
      <ScalexpertSimulation
        amount={49}
        country="FR"
        initialData={{
          ...simulations,
          simulations: [],
          unavailable_reason: "amount_out_of_bounds",
        }}
        fallback={<span>no financing</span>}
      />
    )
    expect(none).toBe("<span>no financing</span>")
  })

  it("shows a loading state until the client answers", () => {
    const loading = renderToStaticMarkup(
      <ScalexpertSimulation client={client} amount={1290} country="FR" />
    )
    expect(loading).toContain('aria-busy="true"')
  })
})

describe("ScalexpertSolutionPicker (checkout)", () => {
  const eligibility: ScalexpertEligibilityResponse = {
    amount: 1290,
    currency_code: "eur",
    country: "FR",
    cart_id: "cart_1",
    locale: "en",
    solutions: [split, credit],
    unavailable_reason: null,
  }

  it("lists every solution with its legal text, the first one selected, and a pay button", () => {
    const html = renderToStaticMarkup(
      <ScalexpertSolutionPicker client={client} cartId="cart_1" initialData={eligibility} />
    )
    expect(html.match(/data-testid="scalexpert-solution"/g)).toHaveLength(2)
    expect(html.match(/data-testid="scalexpert-legal-text"/g)).toHaveLength(2)
    expect(html).toContain("Un crédit vous engage")
    expect(html).toMatch(/data-code="SCFRSP-3XPS" data-selected="true"/)
    expect(html).toContain("Continue with Paiement en 3 fois")
  })

  it("says when the cart cannot be financed", () => {
    const html = renderToStaticMarkup(
      <ScalexpertSolutionPicker
        client={client}
        cartId="cart_1"
        locale="de"
        initialData={{ ...eligibility, solutions: [], unavailable_reason: "product_excluded" }}
      />
    )
    expect(html).toContain("nicht verfügbar")
    expect(html).not.toContain("scalexpert-pay")
  })
})

describe("return pages", () => {
  it("explains a refusal in the shopper's language", () => {
    expect(
      renderToStaticMarkup(<ScalexpertFailureNotice reason="refused" locale="fr" />)
    ).toContain("a refusé le financement")
    expect(renderToStaticMarkup(<ScalexpertFailureNotice reason="whatever" />)).toContain(
      "could not be completed"
    )
  })

  it("confirms an order, and says when the lender's decision is pending", () => {
    const order = {
      id: "order_1",
      display_id: 12,
      status: "pending",
      payment_status: "authorized",
      total: 1296.9,
      currency_code: "eur",
      created_at: null,
      scalexpert: {
        solution_code: "SCFRLT-TXNO",
        solution_name: "Consumer credit",
        kind: "long_credit" as const,
        status: "PRE_ACCEPTED",
        awaiting_lender_decision: true,
      },
    }
    const html = renderToStaticMarkup(
      <ScalexpertOrderConfirmation orderId="order_1" initialData={order} />
    )
    expect(html).toContain("Order #12 is registered")
    expect(html).toContain("€1,296.90")
    expect(html).toContain("awaits the lender&#x27;s decision")

    const accepted = renderToStaticMarkup(
      <ScalexpertOrderConfirmation
        orderId="order_1"
        initialData={{
          ...order,
          scalexpert: { ...order.scalexpert, status: "ACCEPTED", awaiting_lender_decision: false },
        }}
      />
    )
    expect(accepted).not.toContain("scalexpert-awaiting-decision")
    expect(accepted).toContain("Order #12 is confirmed")
  })
})
