import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { policyService } from "../../src/workflows/insurance/context"
import { storeHeaders } from "../helpers/checkout"
import { insuranceSandbox, insuranceStore, type InsuranceRefusal } from "../helpers/insurance"
import { sandboxControl } from "../helpers/sandbox"
import { demoStoreForEachTest, providerOptionsForEachTest } from "../helpers/suite"

jest.setTimeout(600_000)

const sandbox = sandboxControl()
const insurer = insuranceSandbox()
const WARRANTY = "CIFRWE-DXCO"
const SCREEN = "CIFRBS-DXCO"
const ITEMS = "/insurance/api/v1/items"

const refusal = (e: { response: unknown }) => e.response as InsuranceRefusal

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const store = insuranceStore(api, demo)
    const options = providerOptionsForEachTest(getContainer, {
      insuranceSolutions: [WARRANTY, SCREEN],
    })

    /** Adding `cover` to a fresh phone cart: the store's refusal. */
    const refusedCover = async (cover: { solution_code: string; insurance_id: string }) => {
      const { cartId, lineId } = await store.cartWith("smartphone")
      return store.refusedAdd(cartId, { line_item_id: lineId, ...cover })
    }

    /** The product of a demo handle, with its categories. */
    const product = async (handle: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product",
        fields: ["id", "categories.id"],
        filters: { handle },
      })
      const p = data[0] as { id: string; categories: { id: string }[] }
      return { id: p.id, categoryIds: p.categories.map((c) => c.id) }
    }
    /** Items the insurer registered (a call refused for a stale token is sent again). */
    const registrations = async () =>
      (await sandbox.apiCalls({ path: ITEMS, method: "POST" })).filter((r) => r.status < 300).length
    const storedItems = (variantId: string) =>
      policyService(getContainer()).listScalexpertInsuranceItems({ variant_id: variantId })

    describe("offers", () => {
      it("lists both covers of a phone at its price, with the legal text", async () => {
        const variantId = await store.variantOf("smartphone")
        const offers = await store.offers(variantId)
        expect(offers).toMatchObject({ variant_id: variantId, country: "FR", item_price: 899 })
        const byCode = Object.fromEntries(offers.solutions.map((s) => [s.solution_code, s]))
        expect(byCode[WARRANTY].offers).toEqual([
          { insurance_id: "WE-24M-T4", description: "Extension de garantie 2 ans", price: 79.99 },
          { insurance_id: "WE-36M-T4", description: "Extension de garantie 3 ans", price: 109.99 },
        ])
        expect(byCode[SCREEN].offers.map((o) => o.price)).toEqual([89.99, 149.99])
        expect(byCode[WARRANTY].legal_text).toMatch(/Droit de renonciation/)
      })

      it("offers no broken-screen cover for a bike, nothing outside France, nothing when Scalexpert fails", async () => {
        const bike = await store.offers(await store.variantOf("city-bike"))
        expect(bike.solutions.map((s) => s.solution_code)).toEqual([WARRANTY])
        expect((await store.offers(await store.variantOf("smartphone"), "DE")).solutions).toEqual(
          []
        )
        await sandbox.fault({
          path: "/insurance/api/v1/items/_search-insurances",
          status: 503,
          count: 5,
        })
        expect((await store.offers(await store.variantOf("espresso-machine"))).solutions).toEqual(
          []
        )
      })

      it("refuses bad input with 400 and a stable code", async () => {
        const bad = await api
          .get(`/store/scalexpert/insurance/offers?country=France`, storeHeaders(demo))
          .catch(refusal)
        expect(bad.status).toBe(400)
        expect(bad.data).toMatchObject({ code: "invalid_parameters" })
        expect(bad.data.message).toMatch(/variant_id/)
        expect(bad.data.message).toMatch(/country/)
      })
    })

    describe("items registered with the insurer", () => {
      it("registers a variant once for every instance: the item id is in the module's table", async () => {
        const variantId = await store.variantOf("smartphone")
        // Product pages opened at once: one registration per solution.
        await Promise.all([1, 2, 3].map(() => store.offers(variantId)))
        expect(await registrations()).toBe(2)
        const rows = await storedItems(variantId)
        expect(rows.map((r) => r.solution_code).sort()).toEqual([SCREEN, WARRANTY])
        expect(rows.every((r) => r.item_id.length > 0)).toBe(true)

        await store.offers(variantId)
        expect(await registrations()).toBe(2)

        // The table, not this process's memory, is the cache: emptied, the items are registered again.
        await policyService(getContainer()).deleteScalexpertInsuranceItems(rows.map((r) => r.id))
        expect((await store.offers(variantId)).solutions).toHaveLength(2)
        expect(await registrations()).toBe(4)
        expect(await storedItems(variantId)).toHaveLength(2)
      })

      it("registers again an item the insurer no longer knows", async () => {
        const variantId = await store.variantOf("city-bike")
        const warrantyItem = async () =>
          (await storedItems(variantId)).find((r) => r.solution_code === WARRANTY)!.item_id
        await store.offers(variantId)
        const before = await warrantyItem()
        const registered = await registrations()
        await insurer.reset() // the insurer forgets its items
        expect((await store.offers(variantId)).solutions).toHaveLength(1)
        expect(await warrantyItem()).not.toBe(before)
        expect(await registrations()).toBeGreaterThan(registered)
      })
    })

    describe("cart", () => {
      it("replaces the cover chosen before for a line", async () => {
        const { cartId, lineId } = await store.cartWith("smartphone")
        const choose = (insurance_id: string) =>
          store.add(cartId, { line_item_id: lineId, solution_code: WARRANTY, insurance_id })
        await choose("WE-24M-T4")
        const second = await choose("WE-36M-T4")
        const covers = (await store.cart(cartId)).items.filter(
          (i) => i.metadata?.scalexpert_insurance
        )
        expect(covers).toHaveLength(1)
        expect(covers[0]).toMatchObject({ id: second.insurance_line_item_id, unit_price: 109.99 })
      })
    })

    describe("options", () => {
      it("sells only the solutions enabled in insuranceSolutions", async () => {
        Object.assign(options(), { insuranceSolutions: [WARRANTY] })
        const variantId = await store.variantOf("smartphone")
        const offers = await store.offers(variantId)
        expect(offers.solutions.map((s) => s.solution_code)).toEqual([WARRANTY])
        const refused = await refusedCover({ solution_code: SCREEN, insurance_id: "BS-12M-T4" })
        expect(refused.status).toBe(400)
        expect(refused.data.code).toBe("insurance_disabled")

        Object.assign(options(), { insuranceSolutions: [] })
        expect((await store.offers(variantId)).solutions).toEqual([])
      })

      it("offers nothing for an excluded product or category, and refuses to insure it", async () => {
        const phone = await product("smartphone")
        Object.assign(options(), { insuranceExcludedProductIds: [phone.id] })
        expect((await store.offers(await store.variantOf("smartphone"))).solutions).toEqual([])
        const refused = await refusedCover({ solution_code: WARRANTY, insurance_id: "WE-24M-T4" })
        expect(refused.status).toBe(400)
        expect(refused.data.code).toBe("line_item_not_insurable")

        const bike = await product("city-bike")
        Object.assign(options(), {
          insuranceExcludedProductIds: [],
          insuranceExcludedCategoryIds: bike.categoryIds,
        })
        expect((await store.offers(await store.variantOf("city-bike"))).solutions).toEqual([])
        expect((await store.offers(await store.variantOf("smartphone"))).solutions).toHaveLength(2)
      })
    })
  },
})
