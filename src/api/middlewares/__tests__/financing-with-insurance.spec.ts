import { financingHiddenByInsurance } from "../financing-with-insurance"

const phone = { metadata: null }
const cover = {
  metadata: { scalexpert_insurance: { insured_line_item_id: "cali_phone", quote_id: "q_1" } },
}
const other = { metadata: { gift_wrap: true } }

describe("financingHiddenByInsurance", () => {
  it("never hides financing when the option is off (the default)", () => {
    expect(financingHiddenByInsurance([phone, cover], { hideFinancingWithInsurance: false })).toBe(
      false
    )
  })

  it("hides it, with the option on, for a cart holding an insurance line only", () => {
    const on = { hideFinancingWithInsurance: true }
    expect(financingHiddenByInsurance([phone, cover], on)).toBe(true)
    expect(financingHiddenByInsurance([phone, other], on)).toBe(false)
    expect(financingHiddenByInsurance([], on)).toBe(false)
    expect(financingHiddenByInsurance(null, on)).toBe(false)
  })
})
