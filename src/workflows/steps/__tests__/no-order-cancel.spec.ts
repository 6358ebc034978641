import { decide } from "../../../providers/scalexpert/decide"
import type { FileSnapshot } from "../../../providers/scalexpert/gateway"
import { actionFor, fileState, noOrderCancellationOutcome } from "../file-state"
import type { LoadedScalexpertPayment, TrackedFile } from "../load-scalexpert-payment"

/**
 * A file with no order whose cancellation Hanseatic Bank took as a request: the lender's answer
 * (accepted or refused) is what the next read settles; nothing is sent again meanwhile.
 */
const pending = { amount: 1290, full: true, requested_at: "2026-12-01T10:00:00.000Z", by: "cancel" }

function loaded(tracked: Partial<TrackedFile>): LoadedScalexpertPayment {
  return {
    session: {
      id: "payses_1",
      status: "deleted",
      amount: 1290,
      currency_code: "eur",
      data: {
        session_id: "payses_1",
        subscription_id: "SUB-DE",
        solution_code: "SCDELT-DXCO",
        redirect_url: "",
        amount: 1290,
      },
    },
    medusa: "no_session",
    order_shipped: false,
    tracked: {
      id: "sxfile_1",
      status: "ACCEPTED",
      no_order_reason: "cart_not_completed",
      cancel_status: "requested",
      pending_cancellation: pending,
      ...tracked,
    },
  }
}

const read = (file: Partial<FileSnapshot>): FileSnapshot => ({
  status: "ACCEPTED",
  financed_amount: 1290,
  read_at: "2026-12-01T11:00:00.000Z",
  ...file,
})

const noFacts = { order_canceled: false, cancel_owed: false, cancellation_changed: false }

describe("a no-order file's German cancellation", () => {
  it("still requested at the lender: nothing to do, nothing sent again", () => {
    const file = read({ cancellation_status: "REQUEST_FOR_CANCELLATION" })
    expect(noOrderCancellationOutcome(loaded({}), file)).toBeUndefined()
    expect(actionFor(loaded({}), noFacts, file)).toBe("none")
  })

  it("accepted: the read's CANCELLED file settles it", () => {
    const file = read({
      status: "CANCELLED",
      financed_amount: 0,
      cancellation_status: "CANCELLATION_ACCEPTED",
    })
    expect(noOrderCancellationOutcome(loaded({}), file)).toEqual({
      accepted: true,
      cents: 129000,
      status: "CANCELLATION_ACCEPTED",
    })
    expect(actionFor(loaded({}), noFacts, file)).toBe("settle_no_order_cancel")
  })

  it("refused: the lender's refusal is settled (recorded), not retried", () => {
    const file = read({ cancellation_status: "CANCELLATION_REJECTED" })
    expect(noOrderCancellationOutcome(loaded({}), file)).toMatchObject({ accepted: false })
    expect(actionFor(loaded({}), noFacts, file)).toBe("settle_no_order_cancel")
  })

  it("once refused, later reads neither cancel again nor settle again", () => {
    const refused = loaded({ cancel_status: "refused", pending_cancellation: null })
    const file = read({ cancellation_status: "CANCELLATION_REJECTED" })
    expect(fileState(refused, noFacts, file).noOrderCancel).toBe("failed")
    expect(actionFor(refused, noFacts, file)).toBe("none")
  })

  it("refused, then cancelled in the lender's back office: nothing owed, off the list", () => {
    const refused = loaded({ cancel_status: "refused", pending_cancellation: null })
    const file = read({ status: "CANCELLED", financed_amount: 0 })
    expect(actionFor(refused, noFacts, file)).toBe("close_no_order")
  })

  it("once accepted (done), a replayed read does nothing", () => {
    const done = loaded({ status: "CANCELLED", cancel_status: "done", pending_cancellation: null })
    expect(actionFor(done, noFacts, read({ status: "CANCELLED", financed_amount: 0 }))).toBe("none")
  })

  it("the decision function: only a requested cancellation with news settles", () => {
    const state = { known: "ACCEPTED" as const, medusa: "no_session" as const }
    const settle = decide(
      { ...state, noOrderCancel: "requested", cancellationChanged: true },
      { kind: "read", status: "ACCEPTED" }
    )
    expect(settle).toEqual(["settle_no_order_cancel"])
    expect(
      decide({ ...state, noOrderCancel: "requested" }, { kind: "read", status: "ACCEPTED" })
    ).toEqual(["none"])
  })
})
