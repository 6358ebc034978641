import {
  createScalexpertStorefront,
  followRedirect,
  readScalexpertReturn,
  SCALEXPERT_PROVIDER_ID,
  ScalexpertStoreError,
} from "../client"

type Call = { url: URL; method: string; headers: Record<string, string>; body?: unknown }

/** A fake `fetch` answering from a routing function, recording every request. */
function fakeFetch(route: (call: Call) => { status?: number; body?: unknown }) {
  const calls: Call[] = []
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: new URL(String(input)),
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }
    calls.push(call)
    const { status = 200, body } = route(call)
    return new Response(body === undefined ? "" : JSON.stringify(body), { status })
  }) as typeof fetch
  return { fetchFn, calls }
}

const config = { baseUrl: "http://shop.test:9000/", publishableKey: "pk_test" }

describe("the storefront client", () => {
  it("asks the eligibility of an amount with the publishable key and the locale", async () => {
    const { fetchFn, calls } = fakeFetch(() => ({ body: { solutions: [], amount: 1290 } }))
    const client = createScalexpertStorefront({ ...config, locale: "fr-FR", fetch: fetchFn })
    const answer = await client.getEligibility({
      amount: 1290.5,
      country: "fr",
      productId: "prod_1",
    })
    expect(answer).toEqual({ solutions: [], amount: 1290 })
    const [call] = calls
    expect(call.url.origin + call.url.pathname).toBe(
      "http://shop.test:9000/store/scalexpert/eligibility"
    )
    expect(Object.fromEntries(call.url.searchParams)).toEqual({
      amount: "1290.5",
      country: "fr",
      product_id: "prod_1",
      locale: "fr-FR",
    })
    expect(call.headers["x-publishable-api-key"]).toBe("pk_test")
  })

  it("asks a cart's eligibility and simulations with solution codes", async () => {
    const { fetchFn, calls } = fakeFetch(() => ({ body: {} }))
    const client = createScalexpertStorefront({ ...config, fetch: fetchFn })
    await client.getCartEligibility("cart_1")
    await client.getSimulations({
      amount: 349,
      country: "FR",
      solutionCodes: ["SCFRSP-3XTS", "SCFRSP-4XTS"],
    })
    expect(calls[0].url.search).toBe("?cart_id=cart_1")
    expect(calls[1].url.pathname).toBe("/store/scalexpert/simulations")
    expect(calls[1].url.searchParams.get("solution_codes")).toBe("SCFRSP-3XTS,SCFRSP-4XTS")
    expect(calls[1].url.searchParams.has("product_id")).toBe(false)
  })

  it("turns an error answer into a ScalexpertStoreError with the store's message", async () => {
    const { fetchFn } = fakeFetch(() => ({
      status: 400,
      body: { type: "invalid_data", message: "Invalid request: amount must be ..." },
    }))
    const client = createScalexpertStorefront({ ...config, fetch: fetchFn })
    const error = await client.getEligibility({ amount: "x", country: "FR" }).catch((e) => e)
    expect(error).toBeInstanceOf(ScalexpertStoreError)
    expect(error).toMatchObject({
      status: 400,
      type: "invalid_data",
      message: "Invalid request: amount must be ...",
    })

    const down = createScalexpertStorefront({
      ...config,
      fetch: (async () => {
        throw new TypeError("fetch failed")
      }) as typeof fetch,
    })
    await expect(down.getCartEligibility("cart_1")).rejects.toMatchObject({
      status: 0,
      message: expect.stringContaining("Could not reach the store at http://shop.test:9000"),
    })
  })

  describe("startFinancing", () => {
    const session = {
      id: "payses_1",
      provider_id: SCALEXPERT_PROVIDER_ID,
      data: {
        redirect_url: "http://lender.test/journey/abc",
        subscription_id: "abc",
        solution_code: "SCFRSP-3XTS",
        session_id: "payses_1",
        amount: 356.9,
      },
    }

    it("makes the payment collection when the cart has none, then the Scalexpert session", async () => {
      const { fetchFn, calls } = fakeFetch((call) => {
        if (call.url.pathname === "/store/carts/cart_1") return { body: { cart: { id: "cart_1" } } }
        if (call.url.pathname === "/store/payment-collections") {
          return { body: { payment_collection: { id: "pay_col_1" } } }
        }
        return {
          body: { payment_collection: { id: "pay_col_1", payment_sessions: [session] } },
        }
      })
      const client = createScalexpertStorefront({ ...config, fetch: fetchFn })
      const started = await client.startFinancing({ cartId: "cart_1", solutionCode: "SCFRSP-3XTS" })
      expect(started).toEqual({
        paymentCollectionId: "pay_col_1",
        paymentSessionId: "payses_1",
        redirectUrl: "http://lender.test/journey/abc",
        subscriptionId: "abc",
        solutionCode: "SCFRSP-3XTS",
        amount: 356.9,
      })
      expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([
        "GET /store/carts/cart_1",
        "POST /store/payment-collections",
        "POST /store/payment-collections/pay_col_1/payment-sessions",
      ])
      expect(calls[1].body).toEqual({ cart_id: "cart_1" })
      expect(calls[2].body).toEqual({
        provider_id: SCALEXPERT_PROVIDER_ID,
        data: { solution_code: "SCFRSP-3XTS" },
      })
    })

    it("reuses the cart's payment collection, and reports a refused cart", async () => {
      const { fetchFn, calls } = fakeFetch((call) =>
        call.method === "GET"
          ? { body: { cart: { id: "cart_1", payment_collection: { id: "pay_col_9" } } } }
          : {
              status: 400,
              body: { type: "invalid_data", message: "Add a billing address to the cart" },
            }
      )
      const client = createScalexpertStorefront({ ...config, fetch: fetchFn })
      await expect(
        client.startFinancing({ cartId: "cart_1", solutionCode: "SCFRSP-3XTS" })
      ).rejects.toMatchObject({ status: 400, message: "Add a billing address to the cart" })
      expect(calls.map((c) => c.url.pathname)).toEqual([
        "/store/carts/cart_1",
        "/store/payment-collections/pay_col_9/payment-sessions",
      ])
    })

    it("fails clearly when the session has no journey URL", async () => {
      const { fetchFn } = fakeFetch((call) =>
        call.method === "GET"
          ? { body: { cart: { id: "cart_1", payment_collection: { id: "pay_col_9" } } } }
          : {
              body: {
                payment_collection: {
                  payment_sessions: [{ ...session, data: { ...session.data, redirect_url: "" } }],
                },
              },
            }
      )
      const client = createScalexpertStorefront({ ...config, fetch: fetchFn })
      await expect(
        client.startFinancing({ cartId: "cart_1", solutionCode: "SCFRSP-3XTS" })
      ).rejects.toThrow(/did not return the lender's journey URL/)
    })
  })

  it("follows only http(s) redirects", () => {
    const assign = jest.fn()
    followRedirect({ redirectUrl: "https://lender.test/journey/1" }, { assign })
    expect(assign).toHaveBeenCalledWith("https://lender.test/journey/1")
    expect(() => followRedirect({ redirectUrl: "javascript:alert(1)" }, { assign })).toThrow(
      ScalexpertStoreError
    )
    expect(assign).toHaveBeenCalledTimes(1)
  })
})

describe("readScalexpertReturn", () => {
  it("reads a success page", () => {
    expect(
      readScalexpertReturn(
        "http://shop.test/scalexpert/success?order_id=order_1&status=PRE_ACCEPTED"
      )
    ).toEqual({
      outcome: "success",
      orderId: "order_1",
      cartId: undefined,
      status: "PRE_ACCEPTED",
      awaitingLenderDecision: true,
    })
    expect(readScalexpertReturn("?order_id=order_2")).toMatchObject({
      outcome: "success",
      awaitingLenderDecision: false,
    })
  })

  it("reads a failure page, with the default or a custom parameter", () => {
    expect(
      readScalexpertReturn(new URLSearchParams("step=payment&scalexpert_error=refused&cart_id=c1"))
    ).toEqual({ outcome: "failure", reason: "refused", cartId: "c1", status: undefined })
    expect(readScalexpertReturn({ search: "?reason=abandoned" })).toMatchObject({
      reason: "abandoned",
    })
    expect(readScalexpertReturn("?why=weird", { reason: "why" })).toMatchObject({
      outcome: "failure",
      reason: "error",
    })
    expect(readScalexpertReturn("?step=payment")).toBeUndefined()
  })
})
