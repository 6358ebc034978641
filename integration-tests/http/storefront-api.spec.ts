import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios, { type AxiosInstance } from "axios"
import { clearStorefrontCache } from "../../src/api/store/scalexpert/offers"
import { amountToCents } from "../../src/scalexpert/money"
import { SOLUTIONS, solutionsForMarket } from "../../src/scalexpert/solutions"
import {
  createScalexpertStorefront,
  readScalexpertReturn,
  ScalexpertStoreError,
} from "../../src/storefront/client"
import type {
  ScalexpertEligibilityResponse,
  ScalexpertSimulationsResponse,
} from "../../src/storefront/types"
import {
  ADDRESSES,
  cartReadyForPayment,
  returnFromLender as landingOf,
  SCALEXPERT,
  storeHeaders,
} from "../helpers/checkout"
import { sandboxControl } from "../helpers/sandbox"
import { demoStoreForEachTest, providerOptionsForEachTest } from "../helpers/suite"

jest.setTimeout(120_000)

const sandbox = sandboxControl()
const ELIGIBILITY_PATH = "/e-financing/api/v1/eligible-solutions"
const SIMULATE_PATH = "/e-financing/api/v1/_simulate-solutions"

const FR_CODES = solutionsForMarket("FR").map((s) => s.code)
const FR_SPLIT = FR_CODES.filter((code) => SOLUTIONS[code].kind === "split")
const FR_LONG = FR_CODES.filter((code) => SOLUTIONS[code].kind === "long_credit")

const sum = (amounts: number[]) => amounts.reduce((total, a) => total + amountToCents(a), 0)

medusaIntegrationTestRunner({
  testSuite: ({ api: untypedApi, getContainer }) => {
    const api = untypedApi as AxiosInstance
    const demo = demoStoreForEachTest(getContainer)
    beforeEach(() => clearStorefrontCache())
    // Tests change the live provider options (shared with the checkout): each test starts from
    // them as configured.
    const options = providerOptionsForEachTest(getContainer)

    const store = (extra: Record<string, string> = {}) => ({
      headers: { ...storeHeaders(demo).headers, ...extra },
    })
    const eligibility = async (query: string, headers: Record<string, string> = {}) =>
      (
        await api.get<ScalexpertEligibilityResponse>(
          `/store/scalexpert/eligibility?${query}`,
          store(headers)
        )
      ).data
    const simulations = async (query: string) =>
      (
        await api.get<ScalexpertSimulationsResponse>(
          `/store/scalexpert/simulations?${query}`,
          store()
        )
      ).data
    // Calls Scalexpert answered: the first call after a sandbox reset also meets a 401 (the
    // sandbox forgot the client's token) that the client answers by fetching a new token.
    const calls = async (path?: string) =>
      (await sandbox.apiCalls(path ? { path } : {})).filter((c) => c.status !== 401).length
    const productId = async (handle: string) => {
      const { data } = await api.get(`/store/products?handle=${handle}&fields=id`, store())
      return data.products[0].id as string
    }
    const categoryId = async (handle: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product",
        fields: ["categories.id"],
        filters: { handle },
      })
      return data[0].categories![0]!.id
    }

    describe("eligibility for an amount and a country (product page)", () => {
      it("lists the enabled eligible solutions with their kits and names", async () => {
        const answer = await eligibility("amount=1290&country=fr")
        expect(answer).toMatchObject({
          amount: 1290,
          currency_code: "eur",
          country: "FR",
          locale: "en",
          unavailable_reason: null,
        })
        expect(answer.solutions.map((s) => s.code)).toEqual(FR_CODES)
        for (const solution of answer.solutions) {
          const info = SOLUTIONS[solution.code as keyof typeof SOLUTIONS]
          expect(solution).toMatchObject({
            name: info.name.en,
            kind: info.kind,
            market: "FR",
            lender: "Franfinance",
          })
          const kit = solution.communication_kit!
          expect(kit.legal_text).toMatch(/FRANFINANCE/)
          expect(kit.title).toBeTruthy()
          for (const url of [kit.logo_url, kit.notice_url, kit.terms_url]) {
            expect(url?.startsWith(sandbox.url)).toBe(true)
          }
        }
        const split3 = answer.solutions.find((s) => s.code === "SCFRSP-3XTS")!
        // The lender's inline markup survives the sanitiser.
        expect(split3.communication_kit!.title).toContain("<b>3X</b>")
        expect(split3.amount_bounds).toEqual({ min: 100, max: 4000 })
      })

      it("names the solutions in Medusa's store locale, or the Accept-Language", async () => {
        const fr = await eligibility("amount=1290&country=FR&locale=fr-FR")
        expect(fr.locale).toBe("fr")
        expect(fr.solutions[0].name).toBe(SOLUTIONS["SCFRSP-3XTS"].name.fr)

        const header = await eligibility("amount=1290&country=FR", { "x-medusa-locale": "de-DE" })
        expect(header.locale).toBe("de")
        expect(header.solutions[0].name).toBe(SOLUTIONS["SCFRSP-3XTS"].name.de)

        // A language the kit does not speak falls back on English.
        expect((await eligibility("amount=1290&country=FR&locale=es-ES")).locale).toBe("en")

        const de = await eligibility("amount=900&country=DE", {
          "accept-language": "es-ES, de-DE;q=0.8, en;q=0.5",
        })
        expect(de.locale).toBe("de")
        expect(de.solutions.map((s) => [s.code, s.name])).toEqual([
          ["SCDELT-DXTS", SOLUTIONS["SCDELT-DXTS"].name.de],
          ["SCDELT-DXCO", SOLUTIONS["SCDELT-DXCO"].name.de],
        ])
        expect(de.solutions[0].communication_kit!.legal_text).toMatch(/Hanseatic/)
      })

      it("needs the publishable API key", async () => {
        const answer = await api
          .get("/store/scalexpert/eligibility?amount=1290&country=FR")
          .catch((e) => e.response)
        expect(answer.status).toBe(400)
        expect(answer.data.message).toMatch(/publishable/i)
        expect(await calls()).toBe(0)
      })
    })

    describe("eligibility of a cart", () => {
      it("uses the cart's total and billing country", async () => {
        const { cart } = await cartReadyForPayment(api, demo, { product: "city-bike" })
        const answer = await eligibility(`cart_id=${cart.id}`)
        expect(answer.cart_id).toBe(cart.id)
        expect(amountToCents(answer.amount)).toBe(amountToCents(cart.total))
        expect(answer.country).toBe("FR")
        expect(answer.solutions.map((s) => s.code)).toEqual(FR_CODES)

        const [call] = await sandbox.apiCalls({ path: ELIGIBILITY_PATH })
        expect(call).toBeDefined()

        const german = await cartReadyForPayment(api, demo, { country: "de", product: "city-bike" })
        const de = await eligibility(`cart_id=${german.cart.id}`)
        expect(de.country).toBe("DE")
        expect(de.solutions.map((s) => s.code)).toEqual(["SCDELT-DXTS", "SCDELT-DXCO"])
      })

      it("falls back on the shipping country and keeps to the bounds of each solution", async () => {
        const { cart } = await cartReadyForPayment(api, demo, {
          product: "leather-sofa",
          quantity: 2,
          billing: null,
        })
        expect(amountToCents(cart.total)).toBeGreaterThan(4000_00)
        const answer = await eligibility(`cart_id=${cart.id}`)
        expect(answer.country).toBe("FR")
        // Above the split-payment ceiling: long credit only.
        expect(answer.solutions.map((s) => s.code)).toEqual(FR_LONG)
      })

      it("answers 404 for an unknown cart", async () => {
        const answer = await api
          .get("/store/scalexpert/eligibility?cart_id=cart_01NOTHINGHERE", store())
          .catch((e) => e.response)
        expect(answer.status).toBe(404)
        expect(answer.data.message).toMatch(/cart_01NOTHINGHERE was not found/)
      })
    })

    describe("simulations", () => {
      it("gives a plan per duration, with instalments, fees, APR and totals that add up", async () => {
        const answer = await simulations(
          "amount=1290&country=FR&solution_codes=SCFRLT-TXNO,SCFRSP-3XPS,SCFRSP-3XTS"
        )
        expect(answer).toMatchObject({ amount: 1290, country: "FR", unavailable_reason: null })
        expect(answer.simulations.map((s) => s.code)).toEqual([
          "SCFRSP-3XTS",
          "SCFRSP-3XPS",
          "SCFRLT-TXNO",
        ])
        for (const simulation of answer.simulations) {
          expect(simulation.communication_kit?.legal_text).toBeTruthy()
          expect(simulation.plans.length).toBeGreaterThan(0)
        }

        const [free, paid, credit] = answer.simulations
        expect(free.plans).toHaveLength(1)
        expect(free.plans[0]).toMatchObject({ duration: 3, fees_amount: 0, apr: 0, total_cost: 0 })
        expect(free.plans[0].installments).toHaveLength(3)
        expect(sum(free.plans[0].installments.map((i) => i.amount))).toBe(1290_00)
        expect(amountToCents(free.plans[0].total_due)).toBe(1290_00)

        const [paidPlan] = paid.plans
        expect(paidPlan.fees_amount).toBeGreaterThan(0)
        expect(paidPlan.apr).toBeGreaterThan(0)
        expect(sum(paidPlan.installments.map((i) => i.amount))).toBe(
          amountToCents(paidPlan.total_due)
        )
        expect(amountToCents(paidPlan.total_due)).toBe(
          1290_00 + amountToCents(paidPlan.fees_amount)
        )

        expect(credit.kind).toBe("long_credit")
        expect(credit.plans.length).toBeGreaterThan(1)
        const durations = credit.plans.map((p) => p.duration)
        expect(durations).toEqual([...durations].sort((a, b) => a - b))
        for (const plan of credit.plans) {
          expect(plan.apr).toBeGreaterThan(0)
          expect(amountToCents(plan.total_due)).toBe(
            amountToCents(plan.installment_amount) * plan.duration
          )
          expect(amountToCents(plan.total_cost)).toBe(amountToCents(plan.total_due) - 1290_00)
        }
      })

      it("answers the same to a POST with a JSON body, and simulates all eligible solutions by default", async () => {
        const viaGet = await simulations("amount=349.90&country=FR")
        const { data: viaPost } = await api.post<ScalexpertSimulationsResponse>(
          "/store/scalexpert/simulations",
          { amount: 349.9, country: "FR" },
          store()
        )
        expect(viaPost).toEqual(viaGet)
        // 349.90 € is below French long credit: split payment only.
        expect(viaGet.simulations.map((s) => s.code)).toEqual(FR_SPLIT)
      })

      it("says why nothing can be simulated", async () => {
        const answer = await simulations("amount=5990&country=FR&solution_codes=SCFRSP-3XTS")
        expect(answer).toMatchObject({ simulations: [], unavailable_reason: "not_eligible" })
        expect(await calls(SIMULATE_PATH)).toBe(0)
      })
    })

    describe("the shop's amount bounds and enabled solutions", () => {
      it("offers nothing out of bounds, without asking Scalexpert", async () => {
        expect(await eligibility("amount=49&country=FR")).toMatchObject({
          solutions: [],
          unavailable_reason: "amount_out_of_bounds",
        })
        // The sandbox's German lender finances from 100 €; the shop's default floor is 200 €.
        expect(await eligibility("amount=150&country=DE")).toMatchObject({
          solutions: [],
          unavailable_reason: "amount_out_of_bounds",
        })
        expect(await calls()).toBe(0)

        expect((await eligibility("amount=5990&country=FR")).solutions.map((s) => s.code)).toEqual(
          FR_LONG
        )
      })

      it("applies configured bounds and the enabled solutions", async () => {
        options().amountBounds.split = { min: 500, max: 1000 }
        expect((await eligibility("amount=1290&country=FR")).solutions.map((s) => s.code)).toEqual(
          FR_LONG
        )
        expect(
          (await eligibility("amount=999.99&country=FR")).solutions.map((s) => s.code)
        ).toEqual(FR_SPLIT)

        options().enabledSolutions = ["SCFRSP-3XTS", "SCFRLT-TXTS"]
        expect((await eligibility("amount=1000&country=FR")).solutions.map((s) => s.code)).toEqual([
          "SCFRSP-3XTS",
          "SCFRLT-TXTS",
        ])
        expect(await eligibility("amount=900&country=DE")).toMatchObject({
          solutions: [],
          unavailable_reason: "country_not_supported",
        })
        expect(await eligibility("amount=900&country=IT")).toMatchObject({
          solutions: [],
          unavailable_reason: "country_not_supported",
        })
      })
    })

    describe("product and category exclusions", () => {
      it("offers nothing for an excluded product, on its page and in a cart", async () => {
        options().excludedProductIds = [await productId("espresso-machine")]
        const excluded = await productId("espresso-machine")
        const other = await productId("city-bike")

        expect(await eligibility(`amount=349&country=FR&product_id=${excluded}`)).toMatchObject({
          solutions: [],
          unavailable_reason: "product_excluded",
        })
        expect(await simulations(`amount=349&country=FR&product_id=${excluded}`)).toMatchObject({
          simulations: [],
          unavailable_reason: "product_excluded",
        })
        expect(await calls()).toBe(0)
        expect(
          (await eligibility(`amount=1290&country=FR&product_id=${other}`)).solutions.length
        ).toBeGreaterThan(0)

        const { cart } = await cartReadyForPayment(api, demo, { product: "espresso-machine" })
        expect(await eligibility(`cart_id=${cart.id}`)).toMatchObject({
          solutions: [],
          unavailable_reason: "product_excluded",
        })
      })

      it("offers nothing for a product of an excluded category", async () => {
        options().excludedCategoryIds = [await categoryId("city-bike")]
        const bike = await productId("city-bike")
        expect(await eligibility(`amount=1290&country=FR&product_id=${bike}`)).toMatchObject({
          unavailable_reason: "product_excluded",
        })
        const { cart } = await cartReadyForPayment(api, demo, { product: "city-bike" })
        expect(await eligibility(`cart_id=${cart.id}`)).toMatchObject({
          unavailable_reason: "product_excluded",
        })
        const sofa = await productId("leather-sofa")
        expect(await eligibility(`amount=3490&country=FR&product_id=${sofa}`)).toMatchObject({
          unavailable_reason: null,
        })
      })

      it("answers 404 for an unknown product", async () => {
        const answer = await api
          .get("/store/scalexpert/eligibility?amount=10&country=FR&product_id=prod_nope", store())
          .catch((e) => e.response)
        expect(answer.status).toBe(404)
      })
    })

    describe("bad parameters", () => {
      const badQueries: [string, RegExp][] = [
        ["", /cart_id.*amount and country/],
        ["amount=1290", /cart_id.*amount and country/],
        ["country=FR", /cart_id.*amount and country/],
        ["amount=abc&country=FR", /amount must be an amount in euros/],
        ["amount=-5&country=FR", /amount must be an amount in euros/],
        ["amount=1,290&country=FR", /amount must be an amount in euros/],
        ["amount=12.345&country=FR", /at most 2 decimals/],
        ["amount=0&country=FR", /amount must be greater than 0/],
        ["amount=99999999&country=FR", /amount must be at most/],
        ["amount=1290&amount=1300&country=FR", /amount must be given once/],
        ["amount=1290&country=France", /country must be .* two-letter ISO code/],
        [
          "amount=1290&country=FR&cart_id=cart_1",
          /cart_id cannot be combined with amount, country/,
        ],
        ["cart_id=not%20an%20id", /cart_id must be a Medusa id/],
        ["amount=1290&country=FR&product_id=x'y", /product_id must be a Medusa id/],
        ["amount=1290&country=FR&currency=usd", /currency/],
      ]

      it.each(badQueries)("eligibility?%s is a 400 that says why", async (query, message) => {
        const answer = await api
          .get(`/store/scalexpert/eligibility?${query}`, store())
          .catch((e) => e.response)
        expect(answer.status).toBe(400)
        expect(answer.data.type).toBe("invalid_data")
        expect(answer.data.message).toMatch(message)
        expect(await calls()).toBe(0)
      })

      it("refuses bad simulation parameters, in a query or a body, before any call", async () => {
        const get = await api
          .get(
            "/store/scalexpert/simulations?amount=1290&country=FR&solution_codes=SCFRSP-9X",
            store()
          )
          .catch((e) => e.response)
        expect(get.status).toBe(400)
        expect(get.data.message).toMatch(/Unknown solution code SCFRSP-9X/)

        for (const [body, message] of [
          [{ amount: "1 290", country: "FR" }, /amount must be/],
          [{ amount: 1290.555, country: "FR" }, /at most 2 decimals/],
          [
            { amount: 1290, country: "FR", solution_codes: "SCFRSP-3XTS" },
            /solution_codes must be a list/,
          ],
          [{ amount: 1290, country: "FR", solution_codes: [] }, /solution_codes must not be empty/],
          [{ amount: 1290, country: 33 }, /country must be/],
        ] as const) {
          const answer = await api
            .post("/store/scalexpert/simulations", body, store())
            .catch((e) => e.response)
          expect(answer.status).toBe(400)
          expect(answer.data).toMatchObject({ type: "invalid_data" })
          expect(answer.data.message).toMatch(message)
        }
        expect(await calls()).toBe(0)
      })
    })

    describe("the cache", () => {
      it("asks Scalexpert once for repeated product-page queries", async () => {
        await sandbox.clearRequests()
        for (let i = 0; i < 5; i++) {
          await eligibility("amount=1290&country=FR")
          await simulations("amount=1290&country=FR")
        }
        // The same amount written differently, and concurrent visitors.
        await Promise.all([
          eligibility("amount=1290.00&country=fr"),
          simulations("amount=1290.0&country=FR&locale=de"),
          simulations("amount=1290&country=FR"),
        ])
        expect(await calls(ELIGIBILITY_PATH)).toBe(1)
        expect(await calls(SIMULATE_PATH)).toBe(1)

        await Promise.all([1, 2, 3].map(() => simulations("amount=2490&country=FR")))
        expect(await calls(ELIGIBILITY_PATH)).toBe(2)
        expect(await calls(SIMULATE_PATH)).toBe(2)

        // Another set of solutions is another simulation.
        await simulations("amount=1290&country=FR&solution_codes=SCFRSP-3XTS")
        expect(await calls(ELIGIBILITY_PATH)).toBe(2)
        expect(await calls(SIMULATE_PATH)).toBe(3)
      })

      it("shares the cache between the product page and the cart of the same amount", async () => {
        const { cart } = await cartReadyForPayment(api, demo, { product: "city-bike" })
        await sandbox.clearRequests()
        await eligibility(`cart_id=${cart.id}`)
        await eligibility(`amount=${cart.total}&country=FR`)
        expect(await calls(ELIGIBILITY_PATH)).toBe(1)
      })

      it("asks every time when the TTL is 0", async () => {
        options().storefrontCacheTtlSeconds = 0
        await eligibility("amount=1290&country=FR")
        await eligibility("amount=1290&country=FR")
        expect(await calls(ELIGIBILITY_PATH)).toBe(2)
      })

      it("does not keep failures: 503 while Scalexpert fails, then an answer", async () => {
        await sandbox.fault({ method: "GET", path: ELIGIBILITY_PATH, status: 503, count: 10 })
        const failed = await api
          .get("/store/scalexpert/eligibility?amount=1290&country=FR", store())
          .catch((e) => e.response)
        expect(failed.status).toBe(503)
        expect(failed.data).toMatchObject({ type: "scalexpert_unavailable" })
        expect(failed.data.message).toMatch(/financing cannot be offered right now/)

        await axios.delete(`${sandbox.url}/__sandbox/faults`)
        const answer = await eligibility("amount=1290&country=FR")
        expect(answer.solutions.length).toBeGreaterThan(0)
      })
    })

    describe("checkout with the kit's client, and the order summary", () => {
      const kit = () =>
        createScalexpertStorefront({
          baseUrl: api.defaults.baseURL!,
          publishableKey: demo.publishableKey,
        })

      const returnFromLender = async (sessionId: string, subscriptionId: string) =>
        readScalexpertReturn((await landingOf(api, sessionId, subscriptionId)).toString())

      it("starts a split payment; once accepted, the summary shows the order and nothing personal", async () => {
        const { cart, paymentCollectionId } = await cartReadyForPayment(api, demo, {
          product: "espresso-machine",
        })
        const session = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-3XTS" })
        expect(session.paymentCollectionId).toBe(paymentCollectionId)
        expect(session.redirectUrl.startsWith(`${sandbox.url}/journey/`)).toBe(true)
        expect(amountToCents(session.amount)).toBe(amountToCents(cart.total))

        await sandbox.decide(session.subscriptionId, "accept")
        const landing = await returnFromLender(session.paymentSessionId, session.subscriptionId)
        expect(landing).toMatchObject({ outcome: "success" })
        const orderId = (landing as { orderId: string }).orderId

        const summary = await kit().getOrder(orderId)
        expect(summary).toMatchObject({
          id: orderId,
          display_id: expect.any(Number),
          payment_status: "captured",
          currency_code: "eur",
          scalexpert: {
            solution_code: "SCFRSP-3XTS",
            solution_name: SOLUTIONS["SCFRSP-3XTS"].name.en,
            kind: "split",
            status: "ACCEPTED",
            awaiting_lender_decision: false,
          },
        })
        expect(amountToCents(summary.total)).toBe(amountToCents(cart.total))
        expect(JSON.stringify(summary)).not.toMatch(/camille|durand|rivoli|example\.com|phone/i)
      })

      it("a pre-accepted long credit: the summary says the lender's decision is awaited", async () => {
        const { cart } = await cartReadyForPayment(api, demo, { product: "leather-sofa" })
        const session = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRLT-TXNO" })
        await sandbox.decide(session.subscriptionId, "preaccept")
        const landing = await returnFromLender(session.paymentSessionId, session.subscriptionId)
        const summary = await kit().getOrder((landing as { orderId: string }).orderId)
        expect(summary.scalexpert).toMatchObject({
          kind: "long_credit",
          status: "PRE_ACCEPTED",
          awaiting_lender_decision: true,
        })
        expect(summary.payment_status).toBe("awaiting")
      })

      it("a refusal lands on the failure page with the cart kept", async () => {
        const { cart } = await cartReadyForPayment(api, demo, { product: "city-bike" })
        const session = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-4XTS" })
        await sandbox.decide(session.subscriptionId, "refuse")
        expect(
          await returnFromLender(session.paymentSessionId, session.subscriptionId)
        ).toMatchObject({ outcome: "failure", reason: "refused" })
        const { data } = await api.get(
          `/store/carts/${cart.id}?fields=id,completed_at,*items`,
          store()
        )
        expect(data.cart.completed_at).toBeNull()
        expect(data.cart.items).toHaveLength(1)
      })

      it("reports a cart Scalexpert cannot finance as a 400 with the reason", async () => {
        const { cart } = await cartReadyForPayment(api, demo, { product: "ceramic-mug" })
        const error = await kit()
          .startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-3XTS" })
          .catch((e) => e)
        expect(error).toBeInstanceOf(ScalexpertStoreError)
        expect(error.status).toBe(400)
        expect(error.message).toMatch(/from 100 € to 4000 €/)
      })

      it("refuses a cart without a mobile phone with a stable code, before any call", async () => {
        const { cart, paymentCollectionId } = await cartReadyForPayment(api, demo, {
          product: "espresso-machine",
          billing: { ...ADDRESSES.fr, phone: "" },
          shipping: { ...ADDRESSES.fr, phone: "" },
        })
        await sandbox.clearRequests()
        const answer = await api.post(
          `/store/payment-collections/${paymentCollectionId}/payment-sessions`,
          { provider_id: SCALEXPERT, data: { solution_code: "SCFRSP-3XTS" } },
          { ...store(), validateStatus: () => true }
        )
        expect(answer.status).toBe(400)
        expect(answer.data).toMatchObject({
          type: "invalid_data",
          code: "scalexpert_phone_required",
          message: expect.stringMatching(/valid mobile phone number is required/),
        })
        const error = await kit()
          .startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-3XTS" })
          .catch((e) => e)
        expect(error).toMatchObject({ status: 400, code: "scalexpert_phone_required" })
        expect(await calls()).toBe(0)
      })

      it("a solution switched from 3x to 4x sends a new 4x file to the lender", async () => {
        const { cart, paymentCollectionId } = await cartReadyForPayment(api, demo, {
          product: "city-bike",
        })
        const first = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-3XTS" })
        const second = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-4XTS" })
        expect(second.subscriptionId).not.toBe(first.subscriptionId)
        expect(second.redirectUrl).not.toBe(first.redirectUrl)
        expect(await sandbox.subscription(second.subscriptionId)).toMatchObject({
          solutionCode: "SCFRSP-4XTS",
        })
        const { data } = await api.get(
          `/store/carts/${cart.id}?fields=payment_collection.payment_sessions.*`,
          store()
        )
        const sessions = data.cart.payment_collection.payment_sessions
        expect(sessions).toHaveLength(1)
        expect(sessions[0]).toMatchObject({
          id: second.paymentSessionId,
          data: expect.objectContaining({ solution_code: "SCFRSP-4XTS" }),
        })
        expect(second.paymentCollectionId).toBe(paymentCollectionId)
      })

      it("after a refusal, starting again gives a new file, which can be accepted", async () => {
        const { cart } = await cartReadyForPayment(api, demo, { product: "city-bike" })
        const refused = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-4XTS" })
        await sandbox.decide(refused.subscriptionId, "refuse")
        const failure = await returnFromLender(refused.paymentSessionId, refused.subscriptionId)
        expect(failure).toMatchObject({ outcome: "failure", reason: "refused", cartId: cart.id })

        const retry = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-4XTS" })
        expect(retry.subscriptionId).not.toBe(refused.subscriptionId)
        expect(retry.paymentSessionId).not.toBe(refused.paymentSessionId)
        await sandbox.decide(retry.subscriptionId, "accept")
        const success = await returnFromLender(retry.paymentSessionId, retry.subscriptionId)
        expect(success).toMatchObject({ outcome: "success", cartId: cart.id })
      })

      it("fills cart_id, country_code (the cart's), reason and status in the return URLs", async () => {
        options().failureUrl =
          "https://shop.test/{country_code}/scalexpert/failure?cart_id={cart_id}&reason={reason}&status={status}"
        options().successUrl =
          "https://shop.test/{country_code}/order/{order_id}/confirmed?cart={cart_id}&status={status}"
        const { cart } = await cartReadyForPayment(api, demo, {
          country: "de",
          product: "city-bike",
        })
        const refused = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCDELT-DXTS" })
        await sandbox.decide(refused.subscriptionId, "refuse")
        const failure = await landingOf(api, refused.paymentSessionId, refused.subscriptionId)
        expect(failure.pathname).toBe("/de/scalexpert/failure")
        expect(Object.fromEntries(failure.searchParams)).toEqual({
          cart_id: cart.id,
          reason: "refused",
          status: "REJECTED",
        })

        const accepted = await kit().startFinancing({
          cartId: cart.id,
          solutionCode: "SCDELT-DXTS",
        })
        await sandbox.decide(accepted.subscriptionId, "accept")
        const success = await landingOf(api, accepted.paymentSessionId, accepted.subscriptionId)
        expect(success.pathname).toMatch(/^\/de\/order\/order_\w+\/confirmed$/)
        expect(success.searchParams.get("cart")).toBe(cart.id)
      })

      it("the default URLs carry the cart id and the cart's country", async () => {
        const { cart } = await cartReadyForPayment(api, demo, { product: "city-bike" })
        const session = await kit().startFinancing({ cartId: cart.id, solutionCode: "SCFRSP-3XTS" })
        await sandbox.decide(session.subscriptionId, "abandon")
        const landing = await landingOf(api, session.paymentSessionId)
        expect(landing.searchParams.get("cart_id")).toBe(cart.id)
        expect(landing.searchParams.get("country_code")).toBe("fr")
        expect(landing.searchParams.get("scalexpert_error")).toBe("abandoned")
      })

      it("answers 404 for an unknown order and for an order not paid with Scalexpert", async () => {
        const unknown = await kit()
          .getOrder("order_01NOTHINGHERE")
          .catch((e) => e)
        expect(unknown).toMatchObject({ status: 404 })
        expect(unknown.message).toMatch(/No order paid with Scalexpert/)

        const { cart, paymentCollectionId } = await cartReadyForPayment(api, demo, {
          product: "ceramic-mug",
        })
        await api.post(
          `/store/payment-collections/${paymentCollectionId}/payment-sessions`,
          { provider_id: "pp_system_default" },
          store()
        )
        const { data } = await api.post(`/store/carts/${cart.id}/complete`, {}, store())
        expect(data.type).toBe("order")
        const other = await kit()
          .getOrder(data.order.id)
          .catch((e) => e)
        expect(other).toMatchObject({ status: 404 })
      })
    })
  },
})
