import {
  applyCancelAnswer,
  centsOf,
  compareCancellations,
  isCancellationRequest,
  isRefusedCancellation,
  planCancellation,
  retryDelayMs,
  SPLIT_PAYMENT_CANCEL_DAYS,
  type AfterOrderData,
} from "../cancellation"
import { deliveryRequest, pickTrackingNumber, resolveDeliveryOperator } from "../delivery-operator"
import { resolveOptions } from "../options"
import {
  cancelIntents,
  dropCancelIntent,
  inFlightCents,
  recordCancelIntent,
} from "../cancel-intents"
import { decide, type FileState } from "../decide"
import type { ConsolidatedStatus } from "../../../scalexpert/schemas"

describe("delivery operator", () => {
  it.each([
    [{ shippingOptionName: "La Poste Colissimo" }, "LA_POSTE"],
    [{ shippingOptionName: "Colissimo Expert" }, "LA_POSTE"],
    [{ shippingOptionCode: "la-poste" }, "LA_POSTE"],
    [{ shippingOptionName: "DHL Express" }, "DHL"],
    [{ shippingOptionName: "Chronopost 13h" }, "CHRONOPOST"],
    [{ shippingOptionName: "Mondial Relay point relais" }, "MONDIAL_RELAY"],
    [{ shippingOptionName: "Relais Colis" }, "RELAIS_COLIS"],
    [{ shippingOptionName: "UPS Standard" }, "UPS"],
    [{ shippingOptionName: "FedEx International" }, "FEDEX"],
    [{ shippingMethodName: "GLS Business Parcel" }, "GLS"],
    [{ shippingOptionName: "DPD Predict" }, "DPD"],
    [{ shippingOptionName: "Groupsped freight" }, "UNKNOWN"],
    [{ shippingOptionName: "Own fleet" }, "UNKNOWN"],
    [{}, "UNKNOWN"],
  ] as const)("%j → %s", (carrier, operator) => {
    expect(resolveDeliveryOperator(carrier)).toBe(operator)
  })

  it("the merchant's mapping wins: by id, code or provider, or as words of a name", () => {
    const mapping = {
      so_123: "CHRONOPOST",
      "express 24": "UPS",
      "my-carrier_my-carrier": "GLS",
    } as const
    expect(
      resolveDeliveryOperator({ shippingOptionId: "so_123", shippingOptionName: "DHL" }, mapping)
    ).toBe("CHRONOPOST")
    expect(resolveDeliveryOperator({ shippingOptionName: "Express 24 (DHL)" }, mapping)).toBe("UPS")
    expect(resolveDeliveryOperator({ providerId: "my-carrier_my-carrier" }, mapping)).toBe("GLS")
    expect(resolveDeliveryOperator({ shippingOptionName: "Express 240" }, mapping)).toBe("UNKNOWN")
  })

  it("takes the first usable tracking number", () => {
    expect(pickTrackingNumber([{ tracking_number: " " }, { tracking_number: " 6A123 " }])).toBe(
      "6A123"
    )
    expect(pickTrackingNumber([{ tracking_number: "x".repeat(101) }])).toBeUndefined()
    expect(pickTrackingNumber(undefined)).toBeUndefined()
  })

  it("sends tracking and operator only with a tracking number, to lenders that take them", () => {
    const trackingMarkets = ["FR", "DE"] as const
    expect(
      deliveryRequest({
        trackingNumber: "6A1",
        operator: "LA_POSTE",
        market: "FR",
        trackingMarkets,
      })
    ).toEqual({
      isDelivered: true,
      trackingNumber: "6A1",
      operator: "LA_POSTE",
    })
    expect(deliveryRequest({ trackingNumber: "6A1", market: "FR", trackingMarkets })).toEqual({
      isDelivered: true,
      trackingNumber: "6A1",
      operator: "UNKNOWN",
    })
    expect(deliveryRequest({ operator: "DHL", market: "DE", trackingMarkets })).toEqual({
      isDelivered: true,
    })
    expect(
      deliveryRequest({
        trackingNumber: "JD01",
        operator: "DHL",
        market: "DE",
        trackingMarkets: ["FR"],
      })
    ).toEqual({ isDelivered: true })
  })
})

const data = (overrides: Partial<AfterOrderData> = {}): AfterOrderData => ({
  solution_code: "SCFRSP-3XTS",
  subscription_id: "sub",
  amount: 1290.5,
  accepted_at: new Date().toISOString(),
  ...overrides,
})

describe("cancellation rules, before any call", () => {
  it("a refund of part of the amount is a partial cancel; of all that is left, a full one", () => {
    expect(planCancellation({ data: data(), cents: 10050 })).toEqual({
      kind: "cancel",
      cents: 10050,
      full: false,
      confirmReturnFirst: false,
    })
    expect(
      planCancellation({ data: data({ cancelled_amount: 100.5 }), cents: 119000 })
    ).toMatchObject({
      kind: "cancel",
      full: true,
    })
  })

  it("one partial cancellation per file; the rest in full stays possible", () => {
    const used = data({ cancelled_amount: 100.5, partial_cancel_used: true })
    const second = planCancellation({ data: used, cents: 5000 })
    expect(second).toMatchObject({ kind: "refuse" })
    expect(second.kind === "refuse" && second.message).toMatch(
      /one partial cancellation per financing/
    )
    expect(second.kind === "refuse" && second.message).toMatch(/1190\.00 €/)
    expect(planCancellation({ data: used, cents: 119000 })).toMatchObject({
      kind: "cancel",
      full: true,
    })
  })

  it("never more than is still financed", () => {
    const plan = planCancellation({ data: data({ cancelled_amount: 1000 }), cents: 30000 })
    expect(plan.kind === "refuse" && plan.message).toMatch(/finances 290\.50 €/)
    expect(planCancellation({ data: data({ cancelled_amount: 1290.5 }), cents: 1 })).toMatchObject({
      kind: "refuse",
    })
  })

  it("explains the 90 days of split payment", () => {
    const now = new Date("2026-06-01T10:00:00Z")
    const old = data({ accepted_at: "2026-02-01T10:00:00Z" })
    const plan = planCancellation({ data: old, cents: 1000, now })
    expect(plan.kind).toBe("refuse")
    expect(plan.kind === "refuse" && plan.message).toMatch(
      new RegExp(`within ${SPLIT_PAYMENT_CANCEL_DAYS} days.*2026-02-01, 120 days ago`)
    )
    const recent = data({ accepted_at: "2026-03-05T10:00:00Z" })
    expect(planCancellation({ data: recent, cents: 1000, now }).kind).toBe("cancel")
    // Long credit has no such limit.
    const credit = data({ solution_code: "SCFRLT-TXNO", accepted_at: "2025-01-01T00:00:00Z" })
    expect(planCancellation({ data: credit, cents: 1000, now }).kind).toBe("cancel")
  })

  it("counts the 90 days from the acceptance, not from the last read (bug 8)", () => {
    const now = new Date("2026-06-01T10:00:00Z")
    const read = { status: "ACCEPTED", read_at: "2026-06-01T09:00:00Z", financed_amount: 1290 }
    const old = data({ accepted_at: "2026-02-01T10:00:00Z", file: read })
    expect(planCancellation({ data: old, cents: 1000, now })).toMatchObject({
      kind: "refuse",
      afterSplitWindow: true,
    })
  })

  it("delivered long credit: the return first (confirmed by the provider if received)", () => {
    const delivered = data({ solution_code: "SCFRLT-TXNO", delivery_confirmed_at: "2026-01-01" })
    const refused = planCancellation({ data: delivered, cents: 1000 })
    expect(refused.kind === "refuse" && refused.message).toMatch(
      /Receive the return in Medusa first/
    )
    expect(
      planCancellation({ data: { ...delivered, return_received_at: "2026-01-02" }, cents: 1000 })
    ).toMatchObject({ kind: "cancel", confirmReturnFirst: true })
    expect(
      planCancellation({ data: { ...delivered, return_confirmed_at: "2026-01-02" }, cents: 1000 })
    ).toMatchObject({ kind: "cancel", confirmReturnFirst: false })
  })

  it("no new cancellation while Hanseatic Bank has not answered the last one", () => {
    const pending = data({
      solution_code: "SCDELT-DXCO",
      pending_cancellation: { amount: 100, full: false, requested_at: "2026-01-05T00:00:00Z" },
    })
    const plan = planCancellation({ data: pending, cents: 1000 })
    expect(plan.kind === "refuse" && plan.message).toMatch(/awaiting the lender's answer/)
  })
})

describe("Scalexpert's answer to _cancel", () => {
  it.each([
    ["REQUESTED", "pending"],
    ["REQUEST_CANCELLATION", "pending"],
    ["REQUEST_PART_CANCELLATION", "pending"],
    ["INITIALIZED", "pending"],
    ["ACCEPTED", "done"],
    ["CANCELLED", "done"],
    ["CANCEL_FULL_ACCEPTED", "done"],
    ["CANCEL_PART_ACCEPTED", "done"],
    ["Approved", "done"],
    [undefined, "done"],
    ["CANCEL_FULL_REJECTED", "refused"],
    ["REJECTED", "refused"],
  ])("%s is %s (bug 5: a non-final answer is pending)", (status, expected) => {
    const kind = isRefusedCancellation(status)
      ? "refused"
      : isCancellationRequest(status)
        ? "pending"
        : "done"
    expect(kind).toBe(expected)
  })

  const call = { id: "ref_1", at: "t", call: "_cancel" as const, by: "refund" as const }

  it("French lenders apply it at once", () => {
    const next = applyCancelAnswer(data(), {
      cents: 10050,
      full: false,
      answer: { financedAmount: 1190, status: "ACCEPTED" },
      call,
    })
    expect(next).toMatchObject({ cancelled_amount: 100.5, partial_cancel_used: true })
    expect(next.pending_cancellation).toBeNull()
    expect(next.calls).toEqual([call])
  })

  it("Hanseatic Bank answers a request, completed later", () => {
    const next = applyCancelAnswer(data({ solution_code: "SCDELT-DXCO" }), {
      cents: 129050,
      full: true,
      answer: { financedAmount: 1290.5, status: "REQUEST_CANCELLATION" },
      call: { ...call, refund_id: "ref_1" },
    })
    expect(next.cancelled_amount).toBeUndefined()
    expect(next.pending_cancellation).toMatchObject({
      amount: 1290.5,
      full: true,
      refund_id: "ref_1",
    })
  })
})

describe("what the lender's file says compared with Medusa", () => {
  it("nothing when both agree", () => {
    expect(
      compareCancellations({
        data: data({ cancelled_amount: 100.5 }),
        observed: { status: "ACCEPTED", financed_amount: 1190 },
      })
    ).toEqual({ kind: "none" })
  })

  it("a German request answered: accepted or refused", () => {
    const pending = data({
      solution_code: "SCDELT-DXCO",
      pending_cancellation: { amount: 290.5, full: false, requested_at: "2026-01-05" },
    })
    expect(
      compareCancellations({
        data: pending,
        observed: {
          status: "ACCEPTED",
          financed_amount: 1290.5,
          cancellation_status: "REQUEST_FOR_PARTIAL_CANCELLATION",
        },
      })
    ).toEqual({ kind: "none" })
    expect(
      compareCancellations({
        data: pending,
        observed: {
          status: "ACCEPTED",
          financed_amount: 1000,
          cancellation_status: "PARTIAL_CANCELLATION_ACCEPTED",
        },
      })
    ).toEqual({ kind: "outcome", accepted: true, cents: 29050, full: false })
    expect(
      compareCancellations({
        data: pending,
        observed: {
          status: "ACCEPTED",
          financed_amount: 1290.5,
          cancellation_status: "PARTIAL_CANCELLATION_REJECTED",
        },
      })
    ).toEqual({ kind: "outcome", accepted: false, cents: 29050, full: false })
  })

  it("a cancellation made outside Medusa counts at once, beyond what the plugin is sending", () => {
    expect(
      compareCancellations({
        data: data(),
        observed: { status: "ACCEPTED", financed_amount: 1090.5 },
      })
    ).toEqual({ kind: "outside", cents: 20000, full: false })
    expect(
      compareCancellations({ data: data(), observed: { status: "CANCELLED", financed_amount: 0 } })
    ).toEqual({ kind: "outside", cents: 129050, full: true })
    // 200 € asked by the plugin, its answer not stored yet: nothing outside.
    const sending = { data: data(), inFlightCents: 20000 }
    expect(
      compareCancellations({
        ...sending,
        observed: { status: "ACCEPTED", financed_amount: 1090.5 },
      })
    ).toEqual({ kind: "none" })
    // 200 € asked, 300 € gone: 100 € were cancelled outside.
    expect(
      compareCancellations({ ...sending, observed: { status: "ACCEPTED", financed_amount: 990.5 } })
    ).toEqual({ kind: "outside", cents: 10000, full: false })
  })
})

describe("the cancellations the plugin is sending (its intents)", () => {
  it("count until their call is stored in the payment's data, or dropped", async () => {
    const at = "2026-01-10T10:00:00.000Z"
    const intents = [
      { id: "ref_1", cents: 20000, at },
      { id: "pay_1", cents: 5000, at },
    ]
    expect(inFlightCents(intents, {})).toBe(25000)
    const call = { at: "2026-01-10T10:00:01.000Z", call: "_cancel" as const, by: "refund" as const }
    expect(inFlightCents(intents, { calls: [{ ...call, id: "ref_1" }] })).toBe(5000)
    // An older call of the same id (a cancellation refused before) is another one.
    const older = { ...call, id: "pay_1", at: "2026-01-09T10:00:00.000Z" }
    expect(inFlightCents(intents, { calls: [older] })).toBe(25000)

    const id = `sub-${Date.now()}`
    await recordCancelIntent(id, { id: "ref_1", cents: 20000, at: new Date().toISOString() })
    await recordCancelIntent(id, { id: "ref_2", cents: 100, at: new Date().toISOString() })
    expect((await cancelIntents(id)).map((i) => i.id)).toEqual(["ref_1", "ref_2"])
    await dropCancelIntent(id, "ref_1")
    expect((await cancelIntents(id)).map((i) => i.id)).toEqual(["ref_2"])
  })
})

describe("money and retries", () => {
  it("reads every shape of Medusa amount in cents", () => {
    expect(centsOf(1552.831)).toBe(155283)
    expect(centsOf("100.5")).toBe(10050)
    expect(centsOf({ value: "1290.50000000000000000", precision: 20 })).toBe(129050)
    expect(centsOf({ raw: { value: "12.34" }, numeric: 12.34 })).toBe(1234)
    expect(() => centsOf(undefined)).toThrow(RangeError)
  })

  it("backs off exponentially, capped", () => {
    const policy = resolveOptions({ clientId: "a", clientSecret: "b" }).retryPolicy
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy) / 1000)).toEqual([60, 120, 240, 480])
    expect(retryDelayMs(20, policy)).toBe(21_600_000)
  })

  it("checks the new options", () => {
    const options = resolveOptions({ clientId: "a", clientSecret: "b" })
    expect(options).toMatchObject({
      deliveryConfirmation: "shipment",
      deliveryOperators: {},
      deliveryTrackingMarkets: ["FR", "DE"],
    })
    expect(() =>
      resolveOptions({ clientId: "a", clientSecret: "b", deliveryConfirmation: "never" })
    ).toThrow(/deliveryConfirmation/)
    expect(() =>
      resolveOptions({ clientId: "a", clientSecret: "b", deliveryOperators: { x: "POSTNL" } })
    ).toThrow(/deliveryOperators/)
  })
})

describe("decide, after the order", () => {
  const paid: FileState = { known: "ACCEPTED", medusa: "paid" }
  const read = (status: ConsolidatedStatus) => ({ kind: "read" as const, status })

  it("keeps its behaviour when nothing changed after the order", () => {
    expect(decide(paid, read("ACCEPTED"))).toEqual(["none"])
    expect(
      decide({ ...paid, orderCanceled: false, cancellationChanged: false }, read("ACCEPTED"))
    ).toEqual(["none"])
  })

  it("settles a cancellation made without Medusa, even on a file known as cancelled", () => {
    expect(decide({ ...paid, cancellationChanged: true }, read("ACCEPTED"))).toEqual([
      "settle_cancellation",
    ])
    expect(
      decide({ ...paid, known: "CANCELLED", cancellationChanged: true }, read("CANCELLED"))
    ).toEqual(["settle_cancellation"])
  })

  it("a canceled order: cancel the accepted file once, wait while pre-accepted, then close", () => {
    const canceled: FileState = {
      known: "PRE_ACCEPTED",
      medusa: "awaiting_authorization",
      orderCanceled: true,
    }
    expect(decide(canceled, read("PRE_ACCEPTED"))).toEqual(["wait"])
    expect(decide({ ...canceled, cancelOwed: true }, read("ACCEPTED"))).toEqual(["cancel_file"])
    expect(decide({ ...canceled, known: "ACCEPTED" }, read("ACCEPTED"))).toEqual(["none"])
    expect(decide(canceled, read("CANCELLED"))).toEqual(["close_session"])
    expect(decide(canceled, read("REJECTED"))).toEqual(["close_session"])
    expect(decide({ ...paid, orderCanceled: true }, read("CANCELLED"))).toEqual(["none"])
  })
})
