import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { signWebhook } from "../../src/scalexpert/webhook-signature"
import { retryInsuranceOperations } from "../../src/workflows/insurance/retry"
import { handleInsuranceWebhook } from "../../src/workflows/insurance/webhook"
import { waitFor } from "../helpers/after-order"
import { storeHeaders } from "../helpers/checkout"
import { insuranceAdmin, insuranceSandbox, insuranceStore } from "../helpers/insurance"
import { sandboxControl, webhookEventBody } from "../helpers/sandbox"
import { demoStoreForEachTest, providerOptionsForEachTest } from "../helpers/suite"

jest.setTimeout(600_000)

const sandbox = sandboxControl()
const insurer = insuranceSandbox()
const WARRANTY = "CIFRWE-DXCO"
const SCREEN = "CIFRBS-DXCO"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    const store = insuranceStore(api, demo)
    const admin = insuranceAdmin(api, demo)
    const options = providerOptionsForEachTest(getContainer, {
      insuranceSolutions: [WARRANTY, SCREEN],
    })

    /** A placed order of `quantity` phones with the 2-year warranty extension. */
    const insuredOrder = async (quantity = 1) => {
      const { cartId, lineId } = await store.cartWith("smartphone", quantity)
      await store.add(cartId, {
        line_item_id: lineId,
        solution_code: WARRANTY,
        insurance_id: "WE-24M-T4",
      })
      const orderId = await store.placeOrder(cartId)
      return { cartId, orderId }
    }
    const policiesOf = (
      orderId: string,
      done: (p: Awaited<ReturnType<typeof admin.policies>>) => boolean
    ) =>
      waitFor(
        () => admin.policies(orderId),
        (p) => p.length > 0 && done(p)
      )

    describe("cart", () => {
      it("adds the cover as its own line priced by the quotation, one per unit, removed with the item", async () => {
        const { cartId, lineId } = await store.cartWith("smartphone", 2)
        const added = await store.add(cartId, {
          line_item_id: lineId,
          solution_code: WARRANTY,
          insurance_id: "WE-24M-T4",
          unit_price: 0.01,
        })
        let cart = await store.cart(cartId)
        const line = cart.items.find((i) => i.id === added.insurance_line_item_id)!
        expect(line).toMatchObject({ quantity: 2, unit_price: 79.99 })
        expect(line.metadata!.scalexpert_insurance).toMatchObject({
          insured_line_item_id: lineId,
          quote_id: (await insurer.quotes())[0].quoteId,
        })

        await api.post(
          `/store/carts/${cartId}/line-items/${lineId}`,
          { quantity: 3 },
          storeHeaders(demo)
        )
        cart = await store.cart(cartId)
        expect(cart.items.find((i) => i.id === line.id)!.quantity).toBe(3)

        await api.delete(`/store/carts/${cartId}/line-items/${lineId}`, storeHeaders(demo))
        cart = await store.cart(cartId)
        expect(cart.items).toHaveLength(0)
      })

      it("refuses a cover that is not offered, with a clear code", async () => {
        const { cartId, lineId } = await store.cartWith("city-bike")
        const refused = await store.refusedAdd(cartId, {
          line_item_id: lineId,
          solution_code: SCREEN,
          insurance_id: "BS-12M-T4",
        })
        expect(refused.status).toBe(400)
        expect(refused.data.code).toBe("insurance_not_offered")
      })
    })

    describe("policies", () => {
      it("subscribes one policy per insured unit when the order is placed", async () => {
        const { orderId } = await insuredOrder(2)
        const policies = await policiesOf(orderId, (p) => p.every((x) => x.status === "SUBSCRIBED"))
        expect(policies).toHaveLength(2)
        expect(policies[0]).toMatchObject({
          price: 79.99,
          insured_price: 899,
          insured_title: expect.any(String),
        })
        const remote = await insurer.policies()
        expect(remote.map((p) => p.insuranceSubscriptionId).sort()).toEqual(
          policies.map((p) => p.subscription_id).sort()
        )
        expect(remote.every((p) => p.merchantGlobalOrderId === orderId)).toBe(true)
      })

      it("cancels the policies when the order is cancelled", async () => {
        const { orderId } = await insuredOrder()
        await policiesOf(orderId, (p) => p[0].status === "SUBSCRIBED")
        await admin.cancelOrder(orderId)
        const [policy] = await policiesOf(orderId, (p) => p[0].cancellation.status === "cancelled")
        expect(policy).toMatchObject({
          status: "CANCELLED",
          cancellation: { reason: "order_canceled" },
        })
        expect((await insurer.policies())[0].consolidatedStatus).toBe("CANCELLED")
      })

      it("cancels the policy of a returned insured item", async () => {
        const { orderId } = await insuredOrder()
        await policiesOf(orderId, (p) => p[0].status === "SUBSCRIBED")
        const phone = (await admin.items(orderId)).find((i) => i.variant_id)!
        await admin.returnItem(orderId, phone.id)
        const [policy] = await policiesOf(orderId, (p) => p[0].cancellation.status === "cancelled")
        expect(policy).toMatchObject({ status: "CANCELLED", cancellation: { reason: "return" } })
        expect((await insurer.policies())[0].consolidatedStatus).toBe("CANCELLED")
      })

      it("cancels the policies when the order is refunded in full", async () => {
        const { orderId } = await insuredOrder()
        await policiesOf(orderId, (p) => p[0].status === "SUBSCRIBED")
        await admin.refundAll(orderId)
        const [policy] = await policiesOf(orderId, (p) => p[0].cancellation.status === "cancelled")
        expect(policy).toMatchObject({ status: "CANCELLED", cancellation: { reason: "refund" } })
      })

      it("retries a failed subscription and shows it in the admin", async () => {
        await insurer.nextSubscriptions({ outcome: "fail", status: 503 })
        const { orderId } = await insuredOrder()
        const [failed] = await policiesOf(orderId, (p) => p[0].subscription.attempts >= 1)
        expect(failed).toMatchObject({
          status: null,
          subscription: { status: "pending", attempts: 1 },
        })
        expect(failed.subscription.next_attempt_at).not.toBeNull()
        expect(failed.last_error).toMatch(/503/)

        await retryInsuranceOperations(getContainer(), { now: new Date(Date.now() + 3600_000) })
        const [retried] = await admin.policies(orderId)
        expect(retried).toMatchObject({
          status: "SUBSCRIBED",
          subscription: { status: "subscribed", attempts: 2 },
        })
      })

      it("re-quotes an expired quote before subscribing", async () => {
        await insurer.nextSubscriptions({ outcome: "fail", status: 503 })
        const { orderId } = await insuredOrder()
        await policiesOf(orderId, (p) => p[0].subscription.attempts >= 1)
        const [first] = await insurer.quotes()
        await insurer.expireQuote(first.quoteId)

        await retryInsuranceOperations(getContainer(), { now: new Date(Date.now() + 3600_000) })
        const [policy] = await admin.policies(orderId)
        expect(policy).toMatchObject({ status: "SUBSCRIBED", quoted_price: 79.99 })
        expect(policy.requoted_at).not.toBeNull()
        const [remote] = await insurer.policies()
        expect(remote.quoteId).not.toBe(first.quoteId)
      })

      it("shows a policy the insurer rejected, and follows CI_SUBSCRIPTION statuses on refresh", async () => {
        await insurer.nextSubscriptions({ outcome: "reject" })
        const { orderId } = await insuredOrder(2)
        const policies = await policiesOf(orderId, (p) =>
          p.every((x) => x.subscription.status !== "pending")
        )
        expect(policies.map((p) => p.status).sort()).toEqual(["REJECTED", "SUBSCRIBED"])
        const live = policies.find((p) => p.status === "SUBSCRIBED")!
        await insurer.setStatus(live.subscription_id!, "ACTIVATED")
        expect((await admin.refresh(live.id)).status).toBe("ACTIVATED")
      })

      it("follows a CI_SUBSCRIPTION webhook only when the provider's signature check passes", async () => {
        const { orderId } = await insuredOrder()
        const [policy] = await policiesOf(orderId, (p) => p[0].status === "SUBSCRIBED")
        await insurer.setStatus(policy.subscription_id!, "ACTIVATED")
        const rawBody = webhookEventBody({
          id: "evt-ci-1",
          type: "CI_SUBSCRIPTION",
          code: "CI_SUBSCRIPTION_ACTIVATED",
          data: {
            insuranceSubscriptionId: policy.subscription_id,
            consolidatedStatus: "ACTIVATED",
          },
        })
        const deliver = (headers: Record<string, string>) =>
          handleInsuranceWebhook(getContainer(), {
            data: JSON.parse(rawBody) as Record<string, unknown>,
            rawData: Buffer.from(rawBody),
            headers,
          })
        const forged = signWebhook("not-the-key", rawBody).headers
        expect(await deliver(forged)).toBe(true) // an insurance event, refused
        expect((await admin.policies(orderId))[0].status).toBe("SUBSCRIBED")
        const reads = () =>
          sandbox.apiCalls({
            path: `/insurance/api/v1/subscriptions/${policy.subscription_id}`,
            method: "GET",
          })
        expect(await reads()).toHaveLength(0)
        const signed = signWebhook(options().webhookSignatureKey!, rawBody).headers
        expect(await deliver(signed)).toBe(true)
        expect((await admin.policies(orderId))[0].status).toBe("ACTIVATED")
      })
    })
  },
})
