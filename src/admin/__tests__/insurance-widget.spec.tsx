import type { ScalexpertInsurancePolicyView } from "../../storefront/insurance-types"
import ScalexpertInsuranceWidget, { InsurancePolicies } from "../widgets/scalexpert-insurance"
import { policiesKey } from "../widgets/scalexpert-insurance-policy"
import { AdminApiError } from "../lib/api"
import { policyActions, policyStatus, requotedPrice } from "../lib/insurance-policy"
import { queryClient, renderAdmin, textOf } from "./render-admin"

const policy = (
  over: Partial<ScalexpertInsurancePolicyView> = {}
): ScalexpertInsurancePolicyView => ({
  id: "sxins_1",
  order_id: "order_1",
  line_item_id: "ordli_ins",
  insured_line_item_id: "ordli_phone",
  insured_title: "Phone X 128 GB",
  unit_index: 1,
  solution_code: "CIFRWE-DXCO",
  insurance_id: "WE-2Y-500",
  description: "Extension de garantie 2 ans",
  currency_code: "eur",
  price: 79.99,
  quoted_price: 79.99,
  insured_price: 899,
  subscription_id: "SUB-42",
  status: "SUBSCRIBED",
  subscription: { status: "subscribed", attempts: 1, next_attempt_at: null },
  cancellation: { status: null, reason: null },
  requoted_at: null,
  last_error: null,
  last_read_at: "2026-12-01T10:00:00.000Z",
  ...over,
})

const waiting = (attempts: number, status: "pending" | "failed" = "pending") =>
  policy({
    subscription_id: null,
    status: null,
    subscription: { status, attempts, next_attempt_at: null },
  })

describe("the insurance widget's view of a policy", () => {
  it("shows the insurer's status once there is one, in its colour", () => {
    expect(policyStatus(policy())).toEqual({
      key: "SUBSCRIBED",
      value: "SUBSCRIBED",
      color: "green",
    })
    expect(policyStatus(policy({ status: "REJECTED" })).color).toBe("red")
    expect(policyStatus(policy({ status: "TERMINATED" })).color).toBe("grey")
    expect(policyStatus(policy({ status: "SOMETHING_NEW" }))).toEqual({
      key: null,
      value: "SOMETHING_NEW",
      color: "grey",
    })
  })

  it("before the insurer's status: being subscribed, retried, given up, or not needed", () => {
    expect(policyStatus(waiting(0)).key).toBe("pending")
    expect(policyStatus(waiting(2)).key).toBe("retrying")
    expect(policyStatus(waiting(5, "failed"))).toMatchObject({
      key: "not_subscribed",
      color: "red",
    })
    const dropped = {
      ...waiting(0),
      cancellation: { status: "not_needed", reason: "order_canceled" },
    }
    expect(policyStatus(dropped).key).toBe("not_needed")
  })

  it("offers cancel until a cancellation is under way or the insurer ended the policy", () => {
    expect(policyActions(policy())).toEqual({ refresh: true, cancel: true })
    expect(policyActions(waiting(3, "failed")).cancel).toBe(true)
    for (const status of ["CANCELLED", "TERMINATED", "ABORTED", "REJECTED"]) {
      expect(policyActions(policy({ status })).cancel).toBe(false)
    }
    const cancel = (status: string) => policy({ cancellation: { status, reason: "admin" } })
    expect(policyActions(cancel("pending")).cancel).toBe(false)
    expect(policyActions(cancel("cancelled")).cancel).toBe(false)
    expect(policyActions(cancel("failed"))).toEqual({ refresh: true, cancel: true })
  })

  it("tells a re-quoted price only when it differs from what the shopper paid", () => {
    expect(requotedPrice(policy())).toBeNull()
    expect(
      requotedPrice(policy({ requoted_at: "2026-12-01T10:00:00Z", quoted_price: 79.99 }))
    ).toBeNull()
    expect(requotedPrice(policy({ requoted_at: "2026-12-01T10:00:00Z", quoted_price: 84.5 }))).toBe(
      84.5
    )
  })
})

describe("the insurance widget (rendered)", () => {
  it("shows each policy: status, insured item, prices, subscription id, refresh and cancel", () => {
    const second = policy({ id: "sxins_2", unit_index: 2, subscription_id: "SUB-43" })
    const html = renderAdmin(<InsurancePolicies policies={[policy(), second]} />)
    const text = textOf(html)
    expect(html).toContain('data-testid="scalexpert-insurance-widget"')
    expect(html).toContain('data-testid="scalexpert-insurance-policy-sxins_1"')
    expect(html).toContain('data-testid="scalexpert-insurance-policy-sxins_2"')
    expect(text).toContain("Scalexpert insurance")
    expect(text).toContain("Extension de garantie 2 ans")
    expect(text).toContain("Subscribed")
    expect(text).toContain("Insured item Phone X 128 GB · unit 1")
    expect(text).toContain("Phone X 128 GB · unit 2")
    expect(text).toContain("Price paid €79.99")
    expect(text).toContain("Insured item's price €899.00")
    expect(text).toContain("CIFRWE-DXCO · WE-2Y-500")
    expect(html).toMatch(/data-testid="scalexpert-insurance-subscription-id"[^>]*>SUB-42</)
    expect(html.match(/data-testid="scalexpert-insurance-refresh"/g)).toHaveLength(2)
    expect(html.match(/data-testid="scalexpert-insurance-cancel"/g)).toHaveLength(2)
    expect(text).not.toMatch(/scalexpert\./)
  })

  it("shows a failed subscription with its error and next attempt, and a cancellation with its reason", () => {
    const failing = policy({
      id: "sxins_f",
      subscription_id: null,
      status: null,
      subscription: { status: "pending", attempts: 2, next_attempt_at: "2026-12-01T10:05:00Z" },
      last_error: "http 503: Service unavailable",
    })
    const refunded = policy({
      id: "sxins_c",
      status: "CANCELLED",
      cancellation: { status: "cancelled", reason: "refund" },
    })
    const html = renderAdmin(<InsurancePolicies policies={[failing, refunded]} />)
    const text = textOf(html)
    expect(text).toContain("Subscription being retried")
    expect(text).toContain("Last error http 503: Service unavailable")
    expect(text).toMatch(/Next attempt \S.*2026/)
    expect(text).toContain("Subscription id —")
    expect(text).toContain("Cancellation Done (refund)")
    // The cancelled policy offers no cancel; the failing one still does.
    expect(html.match(/data-testid="scalexpert-insurance-cancel"/g)).toHaveLength(1)
  })

  it.each([
    ["fr", ["Assurance Scalexpert", "Souscrit", "Article assuré", "79,99", "Annuler le contrat"]],
    [
      "de",
      [
        "Scalexpert-Versicherung",
        "Abgeschlossen",
        "Versicherter Artikel",
        "79,99",
        "Vertrag stornieren",
      ],
    ],
  ] as const)("speaks the admin user's language (%s)", (language, expected) => {
    const refunded = policy({
      id: "sxins_c",
      status: "CANCELLED",
      cancellation: { status: "cancelled", reason: "refund" },
    })
    const text = textOf(
      renderAdmin(<InsurancePolicies policies={[policy(), refunded, waiting(0)]} />, language)
    )
    for (const words of expected) expect(text).toContain(words)
    expect(text).not.toMatch(/scalexpert\./)
  })

  it("shows nothing on an order without insurance, nor while its policies load", () => {
    const order = { id: "order_1" } as Parameters<typeof ScalexpertInsuranceWidget>[0]["data"]
    expect(renderAdmin(<ScalexpertInsuranceWidget data={order} />)).toBe("")
    const none = queryClient()
    none.setQueryData(policiesKey("order_1"), [])
    expect(renderAdmin(<ScalexpertInsuranceWidget data={order} />, "en", none)).toBe("")
    const some = queryClient()
    some.setQueryData(policiesKey("order_1"), [policy()])
    expect(renderAdmin(<ScalexpertInsuranceWidget data={order} />, "en", some)).toContain(
      'data-testid="scalexpert-insurance-policy-sxins_1"'
    )
  })

  it("says when the policies could not be read (and nothing on a 404)", () => {
    const order = { id: "order_1" } as Parameters<typeof ScalexpertInsuranceWidget>[0]["data"]
    const failing = (error: Error) => {
      const client = queryClient()
      // A failed read stays failed on this render (no new attempt on mount).
      client.setQueryDefaults(policiesKey("order_1"), { retryOnMount: false })
      client
        .getQueryCache()
        .build(client, { queryKey: policiesKey("order_1") })
        .setState({ status: "error", error, fetchStatus: "idle" })
      return client
    }
    const html = renderAdmin(
      <ScalexpertInsuranceWidget data={order} />,
      "fr",
      failing(new AdminApiError("Database unavailable", 500))
    )
    expect(html).toContain('data-testid="scalexpert-insurance-widget-error"')
    expect(textOf(html)).toContain(
      "Les contrats d'assurance n'ont pas pu être chargés : Database unavailable"
    )
    const notFound = failing(new AdminApiError("Not found", 404))
    expect(renderAdmin(<ScalexpertInsuranceWidget data={order} />, "en", notFound)).toBe("")
  })
})
