import { DEFAULT_FAILURE_URL, DEFAULT_SUCCESS_URL } from "../options"
import { fillReturnUrl } from "../return-urls"

describe("fillReturnUrl", () => {
  it("fills cart_id, country_code, order_id, status and reason, URL-encoded", () => {
    expect(
      fillReturnUrl(
        "https://shop.test/{country_code}/scalexpert/failure?cart_id={cart_id}&reason={reason}",
        {
          cart_id: "cart_01 &x",
          country_code: "fr",
          reason: "refused",
        }
      )
    ).toBe("https://shop.test/fr/scalexpert/failure?cart_id=cart_01%20%26x&reason=refused")
  })

  it("leaves unknown or missing placeholders empty", () => {
    expect(fillReturnUrl("https://shop.test/?o={order_id}&x={nope}", {})).toBe(
      "https://shop.test/?o=&x="
    )
  })

  it("has defaults that carry the cart id and the cart's country", () => {
    for (const template of [DEFAULT_SUCCESS_URL, DEFAULT_FAILURE_URL]) {
      expect(template).toContain("cart_id={cart_id}")
      expect(template).toContain("country_code={country_code}")
    }
    expect(DEFAULT_SUCCESS_URL).toContain("order_id={order_id}")
    expect(DEFAULT_FAILURE_URL).toContain("{reason}")
  })
})
