import type { AfterOrderData } from "../../../providers/scalexpert/cancellation"
import { ledgerOf, rowCopyOf } from "../ledger"
import type { FileRow, OrderFinancing, PaymentView } from "../load-types"

const row = (fields: Partial<FileRow> = {}): FileRow => ({
  id: "sxfile_1",
  payment_session_id: "payses_1",
  subscription_id: "sub-1",
  solution_code: "SCFRLT-TXPS",
  order_id: "order_1",
  status: "ACCEPTED",
  substatus: null,
  financed_amount: 1000,
  cancelled_amount: null,
  last_read_at: null,
  ...fields,
})

const session = {
  id: "payses_1",
  status: "authorized",
  amount: 1000,
  currency_code: "eur",
  data: { solution_code: "SCFRLT-TXPS", subscription_id: "sub-1", amount: 1000 },
}

const payment = (data: Partial<AfterOrderData>): PaymentView => ({
  id: "pay_1",
  amount_cents: 100_000,
  captured_cents: 0,
  refunded_cents: 0,
  currency_code: "eur",
  canceled_at: null,
  captured_at: null,
  data: { ...session.data, ...data },
  refunds: [],
})

const pending = { amount: 200, full: false, requested_at: "2026-12-01T10:00:00.000Z", by: "refund" }

describe("one place holds a file's money facts (the ledger)", () => {
  it("with a payment, the payment's data is the ledger: what the row says is not read", () => {
    const financing: OrderFinancing = {
      file: row({
        cancelled_amount: 999,
        partial_cancel_used: true,
        pending_cancellation: pending,
      }),
      session,
      payment: payment({ cancelled_amount: 100 }),
    }
    const ledger = ledgerOf(financing)
    expect(ledger.cancelled_amount).toBe(100)
    expect(ledger.partial_cancel_used).toBeUndefined()
    expect(ledger.pending_cancellation).toBeUndefined()
  })

  it("without a payment, the row is the ledger", () => {
    const financing: OrderFinancing = {
      file: row({
        cancelled_amount: 250,
        partial_cancel_used: true,
        pending_cancellation: pending,
        return_confirmed_at: new Date("2026-12-01T11:00:00Z"),
      }),
      session,
    }
    expect(ledgerOf(financing)).toMatchObject({
      subscription_id: "sub-1",
      amount: 1000,
      cancelled_amount: 250,
      partial_cancel_used: true,
      pending_cancellation: pending,
      return_confirmed_at: "2026-12-01T11:00:00.000Z",
    })
    expect(ledgerOf(financing).delivery_confirmed_at).toBeUndefined()
  })

  it.each([
    [
      "nothing cancelled yet",
      {},
      {
        cancelled_amount: 0,
        partial_cancel_used: false,
        pending_cancellation: null,
        return_confirmed_at: null,
      },
    ],
    [
      "a partial cancel awaiting Hanseatic Bank",
      { cancelled_amount: 0, pending_cancellation: pending },
      {
        cancelled_amount: 0,
        partial_cancel_used: false,
        pending_cancellation: pending,
        return_confirmed_at: null,
      },
    ],
    [
      "a partial cancel done after a confirmed return",
      {
        cancelled_amount: 200.5,
        partial_cancel_used: true,
        return_confirmed_at: "2026-12-01T11:00:00.000Z",
      },
      {
        cancelled_amount: 200.5,
        partial_cancel_used: true,
        pending_cancellation: null,
        return_confirmed_at: new Date("2026-12-01T11:00:00.000Z"),
      },
    ],
  ])("the row's copy of %s", (_, facts, copy) => {
    expect(rowCopyOf({ ...session.data, ...facts }, row())).toEqual(copy)
  })

  it("a delivery the provider confirmed (Medusa's capture) ends the row's delivery work", () => {
    const at = "2026-12-01T12:00:00.000Z"
    const copy = rowCopyOf({ ...session.data, delivery_confirmed_at: at }, row(), "capture")
    expect(copy).toMatchObject({
      delivery_status: "confirmed",
      delivery_trigger: "capture",
      delivery_next_attempt_at: null,
      delivery_error: null,
      delivery_confirmed_at: new Date(at),
    })
    // Confirmed by the plugin's own call: its trigger stays.
    const own = rowCopyOf(
      { ...session.data, delivery_confirmed_at: at },
      row({ delivery_status: "confirmed", delivery_trigger: "shipment" })
    )
    expect(own).not.toHaveProperty("delivery_status")
    expect(own).not.toHaveProperty("delivery_trigger")
    expect(own.delivery_confirmed_at).toEqual(new Date(at))
  })
})
