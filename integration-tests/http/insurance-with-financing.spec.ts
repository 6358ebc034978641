import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { ScalexpertEligibilityResponse } from "../../src/storefront/types"
import {
  createPaymentCollection,
  SCALEXPERT,
  startFinancing,
  storeHeaders,
} from "../helpers/checkout"
import { insuranceStore } from "../helpers/insurance"
import { sandboxControl } from "../helpers/sandbox"
import { demoStoreForEachTest, providerOptionsForEachTest } from "../helpers/suite"

jest.setTimeout(600_000)

const sandbox = sandboxControl()
const WARRANTY = "CIFRWE-DXCO"

/** Issue #15 point 6: financing a cart that holds an insurance line, and the option that hides it. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const store = insuranceStore(api, demo)
    const options = providerOptionsForEachTest(getContainer, {
      insuranceSolutions: [WARRANTY],
      storefrontCacheTtlSeconds: 0,
    })

    /** A French cart: a phone with its 2-year warranty extension, and a payment collection. */
    const insuredCart = async () => {
      const { cartId, lineId } = await store.cartWith("smartphone", 1)
      const added = await store.add(cartId, {
        line_item_id: lineId,
        solution_code: WARRANTY,
        insurance_id: "WE-24M-T4",
      })
      return {
        cartId,
        insuranceLineId: added.insurance_line_item_id as string,
        collectionId: await createPaymentCollection(api, demo, cartId),
      }
    }
    const eligibility = async (cartId: string) =>
      (await api.get(`/store/scalexpert/eligibility?cart_id=${cartId}`, storeHeaders(demo)))
        .data as ScalexpertEligibilityResponse
    const sessionAnswer = (collectionId: string): Promise<{ status: number; data: unknown }> =>
      api
        .post(
          `/store/payment-collections/${collectionId}/payment-sessions`,
          { provider_id: SCALEXPERT, data: { solution_code: "SCFRSP-3XTS" } },
          storeHeaders(demo)
        )
        .catch((error: { response: { status: number; data: unknown } }) => error.response)

    it("by default finances the cart, its insurance line sent in the basket", async () => {
      expect(options().hideFinancingWithInsurance).toBe(false)
      const { cartId, collectionId } = await insuredCart()
      const cart = await store.cart(cartId)
      expect(cart.items).toHaveLength(2)

      const offered = await eligibility(cartId)
      expect(offered.unavailable_reason).toBeNull()
      expect(offered.solutions.map((s) => s.code)).toContain("SCFRSP-3XTS")

      const session = await startFinancing(api, demo, collectionId, {
        solution_code: "SCFRSP-3XTS",
      })
      const file = await sandbox.subscription(session.data.subscription_id as string)
      // The sandbox validated the request against the contract; both lines are basket items.
      expect(file).toMatchObject({ financedAmount: Number(cart.total) })
      expect(file.basketDetails).toMatch(/ - 2 item\(s\) - /)
    })

    it("with hideFinancingWithInsurance, offers no solution and refuses the session before any call", async () => {
      options().hideFinancingWithInsurance = true
      const { cartId, insuranceLineId, collectionId } = await insuredCart()
      await sandbox.clearRequests()

      expect(await eligibility(cartId)).toMatchObject({
        solutions: [],
        unavailable_reason: "insurance_in_cart",
      })
      const refused = await sessionAnswer(collectionId)
      expect(refused.status).toBe(400)
      expect(refused.data).toMatchObject({
        type: "invalid_data",
        code: "scalexpert_financing_unavailable_with_insurance",
        message: expect.stringMatching(/remove the insurance from the cart/),
      })
      expect(await sandbox.apiCalls()).toEqual([])
      expect(await sandbox.subscriptions()).toEqual([])

      // Without the insurance the same cart is financed again.
      await store.remove(cartId, insuranceLineId)
      expect((await eligibility(cartId)).unavailable_reason).toBeNull()
      const accepted = await sessionAnswer(collectionId)
      expect(accepted.status).toBe(200)
      expect(await sandbox.subscriptions()).toHaveLength(1)
    })
  },
})
