import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore, type DemoStore } from "../../scripts/seed-demo"
import { adminHeaders } from "../helpers/admin"
import { cartReadyForPayment, startFinancing, storeHeaders } from "../helpers/checkout"
import { sandboxControl } from "../helpers/sandbox"

jest.setTimeout(120_000)

const sandbox = sandboxControl()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoStore

    beforeEach(async () => {
      await sandbox.reset()
      demo = await seedDemoStore(getContainer())
    })

    /** The lender's return: a form POST carrying the file id, as the sandbox's journey sends it. */
    const returnFromLender = (sessionId: string, subscriptionId?: string) =>
      api.post(
        `/scalexpert/return/${sessionId}`,
        subscriptionId ? new URLSearchParams({ id: subscriptionId }).toString() : "",
        {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          maxRedirects: 0,
          validateStatus: (status) => status === 303,
        }
      )

    const ordersOf = async (cartId: string) => {
      const { data } = await api.get(
        `/admin/orders?fields=id,status,payment_status,payment_collections.*,payment_collections.payments.*`,
        await adminHeaders(api, demo)
      )
      const { data: cart } = await api.get(
        `/store/carts/${cartId}?fields=id,completed_at`,
        storeHeaders(demo)
      )
      return { orders: data.orders, completedAt: cart.cart?.completed_at }
    }

    describe("split payment in 3 instalments", () => {
      it("accepted: one order, the payment captured, with create + one status read", async () => {
        const { cart, paymentCollectionId } = await cartReadyForPayment(api, demo, {
          product: "city-bike",
        })
        await sandbox.clearRequests()
        const session = await startFinancing(api, demo, paymentCollectionId, {
          solution_code: "SCFRSP-3XTS",
          financedAmount: 1,
          buyers: [{ contact: { email: "attacker@example.com" } }],
        })
        expect(session.data.redirect_url).toMatch(/\/journey\//)
        expect(JSON.stringify(session.data)).not.toMatch(/camille|durand|rivoli|attacker/i)

        const file = await sandbox.subscription(session.data.subscription_id as string)
        expect(file).toMatchObject({ financedAmount: Number(cart.total) })

        await sandbox.decide(session.data.subscription_id as string, "accept")
        const answer = await returnFromLender(session.id, session.data.subscription_id as string)
        expect(answer.headers.location).toMatch(/\/scalexpert\/success\?order_id=order_/)

        const orderId = new URL(answer.headers.location).searchParams.get("order_id")
        const { data } = await api.get(
          `/admin/orders/${orderId}?fields=id,payment_status,payment_collections.payments.*,payment_collections.payments.captures.*`,
          await adminHeaders(api, demo)
        )
        expect(data.order.payment_status).toBe("captured")
        const calls = await sandbox.apiCalls()
        expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
          expect.stringMatching(/^POST .*\/subscriptions$/),
          expect.stringMatching(/^GET .*\/subscriptions\/[0-9a-f-]+$/),
        ])
        void ordersOf
      })
    })
  },
})
