import type { Policy } from "../context"
import { itemKey } from "../items"
import { statusUpdate } from "../refresh"

const policy = (over: Partial<Policy>): Policy =>
  ({
    id: "sxins_1",
    status: "SUBSCRIBED",
    cancel_status: null,
    cancel_reason: null,
    ...over,
  }) as Policy

const now = new Date("2026-12-01T10:00:00Z")

describe("insurance policy status", () => {
  it("moves forward only", () => {
    expect(statusUpdate(policy({}), "ACTIVATED", now)).toEqual({
      id: "sxins_1",
      last_read_at: now,
      status: "ACTIVATED",
    })
    expect(statusUpdate(policy({ status: "ACTIVATED" }), "SUBSCRIBED", now)).toEqual({
      id: "sxins_1",
      last_read_at: now,
    })
    expect(statusUpdate(policy({}), null, now)).toEqual({ id: "sxins_1", last_read_at: now })
  })

  it("records an end decided by the insurer", () => {
    expect(statusUpdate(policy({}), "CANCELLED", now)).toMatchObject({
      status: "CANCELLED",
      cancel_status: "cancelled",
      cancel_reason: "insurer",
      next_attempt_at: null,
    })
    expect(
      statusUpdate(policy({ status: "ACTIVATED", cancel_reason: "return" }), "TERMINATED", now)
    ).toMatchObject({ status: "TERMINATED", cancel_status: "not_needed", cancel_reason: "return" })
  })
})

describe("insurance item key", () => {
  const body = {
    solutionCode: "CIFRWE-DXCO",
    sku: "SKU",
    merchantItemId: "variant_1",
    brand: "Acme",
    model: "X",
    title: "Phone",
    description: "Phone",
    characteristics: "128 GB",
    category: "Smartphone",
    isRefurbished: false,
  } as Parameters<typeof itemKey>[1]

  it("is one key per credential and item description", () => {
    const key = itemKey("root|client", body)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(itemKey("root|client", { ...body })).toBe(key)
    expect(itemKey("root|other", body)).not.toBe(key)
    expect(itemKey("root|client", { ...body, model: "Y" })).not.toBe(key)
  })
})
