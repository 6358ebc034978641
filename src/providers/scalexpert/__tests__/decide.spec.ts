import { CONSOLIDATED_STATUSES, type ConsolidatedStatus } from "../../../scalexpert/schemas"
import { decide, rankedStatus, type Action, type FileState, type News } from "../decide"

const S = CONSOLIDATED_STATUSES
type Row = Record<ConsolidatedStatus, Action>

/** One expected action per observed status, in the order of `CONSOLIDATED_STATUSES`. */
const row = (...actions: Action[]): Row =>
  Object.fromEntries(S.map((status, i) => [status, actions[i]])) as Row

describe("rankedStatus: a final status wins, never changes except to CANCELLED", () => {
  // known (rows) × observed (columns: INITIALIZED REQUESTED PRE_ACCEPTED ACCEPTED REJECTED ABORTED CANCELLED)
  const table: Record<ConsolidatedStatus, ConsolidatedStatus[]> = {
    INITIALIZED: [
      "INITIALIZED",
      "REQUESTED",
      "PRE_ACCEPTED",
      "ACCEPTED",
      "REJECTED",
      "ABORTED",
      "CANCELLED",
    ],
    REQUESTED: [
      "REQUESTED",
      "REQUESTED",
      "PRE_ACCEPTED",
      "ACCEPTED",
      "REJECTED",
      "ABORTED",
      "CANCELLED",
    ],
    PRE_ACCEPTED: [
      "PRE_ACCEPTED",
      "PRE_ACCEPTED",
      "PRE_ACCEPTED",
      "ACCEPTED",
      "REJECTED",
      "ABORTED",
      "CANCELLED",
    ],
    ACCEPTED: ["ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED", "CANCELLED"],
    REJECTED: ["REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "CANCELLED"],
    ABORTED: ["ABORTED", "ABORTED", "ABORTED", "ABORTED", "ABORTED", "ABORTED", "CANCELLED"],
    CANCELLED: [
      "CANCELLED",
      "CANCELLED",
      "CANCELLED",
      "CANCELLED",
      "CANCELLED",
      "CANCELLED",
      "CANCELLED",
    ],
  }
  for (const known of S) {
    S.forEach((observed, i) => {
      it(`${known} then ${observed} → ${table[known][i]}`, () => {
        expect(rankedStatus(known, observed)).toBe(table[known][i])
      })
    })
  }
  it("takes any first status", () => {
    for (const observed of S) expect(rankedStatus(undefined, observed)).toBe(observed)
  })
})

describe("decide on a fresh read: every Medusa side × every status", () => {
  // Columns: INITIALIZED REQUESTED PRE_ACCEPTED ACCEPTED REJECTED ABORTED CANCELLED
  const cases: { name: string; state: FileState; expected: Row }[] = [
    {
      name: "open session, nothing known",
      state: { medusa: "open" },
      expected: row("wait", "wait", "complete_cart", "complete_cart", "fail", "fail", "fail"),
    },
    {
      name: "open session, accepted for another amount",
      state: { medusa: "open", amountMatches: false },
      expected: row("wait", "wait", "complete_cart", "cancel_no_order", "fail", "fail", "fail"),
    },
    {
      name: "session replaced (bug 1) or cart not completed (bug 2)",
      state: { known: "INITIALIZED", medusa: "no_session" },
      expected: row(
        "wait",
        "wait",
        "wait",
        "cancel_no_order",
        "close_no_order",
        "close_no_order",
        "close_no_order"
      ),
    },
    {
      name: "no order, already cancelled at the lender",
      state: { known: "ACCEPTED", medusa: "no_session", noOrderCancel: "done" },
      expected: row("none", "none", "none", "none", "none", "none", "none"),
    },
    {
      name: "order awaiting a pre-accepted credit (bug 3: any end is taken)",
      state: { known: "PRE_ACCEPTED", medusa: "awaiting_authorization" },
      expected: row(
        "wait",
        "wait",
        "wait",
        "authorize_payment",
        "cancel_order",
        "cancel_order",
        "cancel_order"
      ),
    },
    {
      name: "pre-accepted credit, order already shipped (bug 4)",
      state: { known: "PRE_ACCEPTED", medusa: "awaiting_authorization", orderShipped: true },
      expected: row(
        "wait",
        "wait",
        "wait",
        "authorize_payment",
        "refused_after_shipment",
        "refused_after_shipment",
        "refused_after_shipment"
      ),
    },
    {
      name: "pre-accepted credit accepted for another amount (bug 6)",
      state: { known: "PRE_ACCEPTED", medusa: "awaiting_authorization", amountMatches: false },
      expected: row(
        "wait",
        "wait",
        "wait",
        "flag_amount_mismatch",
        "cancel_order",
        "cancel_order",
        "cancel_order"
      ),
    },
    {
      name: "canceled order, pre-accepted credit, cancellation owed",
      state: {
        known: "PRE_ACCEPTED",
        medusa: "awaiting_authorization",
        orderCanceled: true,
        cancelOwed: true,
      },
      expected: row(
        "wait",
        "wait",
        "wait",
        "cancel_file",
        "close_session",
        "close_session",
        "close_session"
      ),
    },
    {
      name: "paid order",
      state: { known: "ACCEPTED", medusa: "paid" },
      expected: row("none", "none", "none", "none", "none", "none", "none"),
    },
    {
      name: "paid order, canceled, cancellation owed",
      state: { known: "ACCEPTED", medusa: "paid", orderCanceled: true, cancelOwed: true },
      expected: row(
        "cancel_file",
        "cancel_file",
        "cancel_file",
        "cancel_file",
        "cancel_file",
        "cancel_file",
        "none"
      ),
    },
    {
      name: "paid order, the lender's cancellations moved",
      state: { known: "ACCEPTED", medusa: "paid", cancellationChanged: true },
      expected: row(
        "settle_cancellation",
        "settle_cancellation",
        "settle_cancellation",
        "settle_cancellation",
        "settle_cancellation",
        "settle_cancellation",
        "settle_cancellation"
      ),
    },
    {
      name: "session ended without order",
      state: { known: "REJECTED", medusa: "ended" },
      expected: row("none", "none", "none", "none", "none", "none", "none"),
    },
  ]
  for (const { name, state, expected } of cases) {
    describe(name, () => {
      for (const status of S) {
        it(`${status} → ${expected[status]}`, () => {
          expect(decide(state, { kind: "read", status })).toEqual([expected[status]])
        })
      }
    })
  }
})

describe("decide on other news", () => {
  const recent: FileState = { known: "ACCEPTED", medusa: "paid", readRecently: true }

  it("a signed event that says what a recent read said needs no read (bug 9)", () => {
    for (const known of S) {
      const state = { ...recent, known }
      expect(decide(state, { kind: "event", status: known })).toEqual(["none"])
      expect(decide({ ...state, readRecently: false }, { kind: "event", status: known })).toEqual([
        "read",
      ])
    }
    expect(decide(recent, { kind: "event", status: "CANCELLED" })).toEqual(["read"])
    // A late event of a status the file has passed: nothing new, recent read or not.
    const passed = { ...recent, readRecently: false }
    expect(decide(passed, { kind: "event", status: "INITIALIZED" })).toEqual(["none"])
    expect(decide(recent, { kind: "event", status: "PRE_ACCEPTED" })).toEqual(["none"])
    // Cancellation events are always read (the amount may move while ACCEPTED stays).
    expect(
      decide(recent, { kind: "event", status: "ACCEPTED", code: "SC_CANCEL_REQUEST_PARTIAL" })
    ).toEqual(["read"])
    expect(decide({ medusa: "open" }, { kind: "event", status: "INITIALIZED" })).toEqual(["read"])
  })

  it("the shopper's return reads unless a recent read was final", () => {
    for (const known of S) {
      const final = ["ACCEPTED", "REJECTED", "ABORTED", "CANCELLED"].includes(known)
      expect(decide({ ...recent, known }, { kind: "event" })).toEqual([final ? "none" : "read"])
    }
  })

  it("a failed cart completion cancels an accepted file and tracks an undecided one", () => {
    const expected = row(
      "wait",
      "wait",
      "wait",
      "cancel_no_order",
      "close_no_order",
      "close_no_order",
      "close_no_order"
    )
    for (const known of S) {
      expect(decide({ known, medusa: "open" }, { kind: "completion_failed" })).toEqual([
        expected[known],
      ])
    }
    expect(decide({ medusa: "open" }, { kind: "completion_failed" })).toEqual(["read"])
  })

  const orderNews: News[] = [
    { kind: "order", event: "canceled" },
    { kind: "order", event: "shipped" },
    { kind: "order", event: "returned" },
    { kind: "order", event: "refunded" },
    { kind: "admin", action: "refresh" },
    { kind: "admin", action: "cancel" },
    { kind: "admin", action: "confirm_delivery" },
    { kind: "admin", action: "capture" },
  ]
  const acceptedPaid = ["read", "confirm_delivery", "confirm_return", "none", "read"].concat([
    "cancel_file",
    "confirm_delivery",
    "refuse",
  ])
  const other = ["read", "none", "none", "none", "read", "refuse", "refuse", "refuse"]
  for (const known of S) {
    it(`order and admin news on a paid order whose file is ${known}`, () => {
      const expected = known === "ACCEPTED" ? acceptedPaid : other
      orderNews.forEach((news, i) => {
        expect(decide({ known, medusa: "paid" }, news)).toEqual([expected[i]])
      })
    })
  }

  it("Medusa's capture of a long credit is a delivery confirmation only once shipped (bug 7)", () => {
    const state: FileState = { known: "ACCEPTED", medusa: "paid" }
    expect(decide(state, { kind: "admin", action: "capture" })).toEqual(["refuse"])
    expect(decide({ ...state, orderShipped: true }, { kind: "admin", action: "capture" })).toEqual([
      "confirm_delivery",
    ])
  })

  describe("a cancellation made in the lender's back office (recorded at once)", () => {
    // [order canceled, payment canceled, captured covers it, full] → action
    const table: [boolean, boolean, boolean, boolean, string][] = [
      [false, false, true, false, "record_refund"],
      [false, false, true, true, "record_refund"],
      [false, false, false, false, "refund_at_capture"],
      [false, false, false, true, "cancel_order"],
      [true, false, false, true, "none"],
      [true, false, true, false, "none"],
      [false, true, false, true, "none"],
      [false, true, true, false, "none"],
    ]
    it.each(table)(
      "order canceled %s, payment canceled %s, captured covers it %s, full %s → %s",
      (orderCanceled, paymentCanceled, capturedCovers, full, expected) => {
        const state: FileState = {
          known: "ACCEPTED",
          medusa: "paid",
          orderCanceled,
          paymentCanceled,
          capturedCovers,
        }
        expect(decide(state, { kind: "outside_cancel", full })).toEqual([expected])
      }
    )
  })
})
