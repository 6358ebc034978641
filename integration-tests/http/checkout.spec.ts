import { setTimeout as sleep } from "node:timers/promises"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { signWebhook } from "../../src/scalexpert/webhook-signature"
import { reconcileScalexpertFiles } from "../../src/workflows/reconcile-scalexpert-files"
import { adminHeaders } from "../helpers/admin"
import { waitFor } from "../helpers/after-order"
import {
  ADDRESSES,
  cartReadyForPayment,
  returnFromLender,
  startFinancing,
  storeHeaders,
} from "../helpers/checkout"
import { TEST_WEBHOOK_KEY, WEBHOOK_PATH } from "../helpers/constants"
import { holdReconciliation } from "../helpers/reconciliation"
import { sandboxControl, sendWebhooksTo, webhookEventBody } from "../helpers/sandbox"
import { demoStoreForEachTest } from "../helpers/suite"

jest.setTimeout(180_000)

const sandbox = sandboxControl()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const demo = demoStoreForEachTest(getContainer)
    let releaseReconciliation: (() => Promise<unknown>) | undefined

    afterEach(async () => {
      await releaseReconciliation?.()
      releaseReconciliation = undefined
    })

    const admin = async () => adminHeaders(api, demo)

    const order = async (orderId: string) => {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=id,status,payment_status,*payment_collections,*payment_collections.payment_sessions,*payment_collections.payments`,
        await admin()
      )
      return data.order as OrderView
    }

    /** Every order made from this cart (admin API; there must never be more than one). */
    const ordersFromCart = async (cartId: string) => {
      const { data } = await api.get(`/admin/orders?fields=id&limit=200`, await admin())
      const matches: string[] = []
      for (const { id } of data.orders as { id: string }[]) {
        const { data: one } = await api
          .get(`/admin/orders/${id}?fields=id,*cart`, await admin())
          .catch(() => ({ data: { order: {} } }))
        if ((one.order as { cart?: { id: string } }).cart?.id === cartId) matches.push(id)
      }
      return matches
    }

    const financedCart = async (
      solution: string,
      options: Parameters<typeof cartReadyForPayment>[2] = {}
    ) => {
      const ready = await cartReadyForPayment(api, demo, options)
      const session = await startFinancing(api, demo, ready.paymentCollectionId, {
        solution_code: solution,
      })
      return { ...ready, session, fileId: session.data.subscription_id as string }
    }

    describe("split payment in 3 instalments", () => {
      it("accepted: one order, payment captured, with one creation and one status read", async () => {
        // The scheduled reconciliation job stays out of the count.
        releaseReconciliation = await holdReconciliation(getContainer())
        const { cart, paymentCollectionId } = await cartReadyForPayment(api, demo)
        await sandbox.clearRequests()
        const session = await startFinancing(api, demo, paymentCollectionId, {
          solution_code: "SCFRSP-3XTS",
          // Anything else the browser sends is ignored: the file is built from the cart.
          financedAmount: 1,
          buyers: [{ contact: { email: "attacker@example.com" } }],
        })
        expect(session.data.redirect_url).toMatch(/\/journey\//)
        expect(JSON.stringify(session.data)).not.toMatch(/camille|durand|rivoli|attacker|\+33/i)

        const fileId = session.data.subscription_id as string
        const file = await sandbox.subscription(fileId)
        expect(file).toMatchObject({
          financedAmount: Number(cart.total),
          merchantGlobalOrderId: session.id,
        })

        await sandbox.decide(fileId, "accept")
        const landing = await returnFromLender(api, session.id, fileId)
        expect(landing.pathname).toBe("/scalexpert/success")
        const orderId = landing.searchParams.get("order_id")!
        expect((await order(orderId)).payment_status).toBe("captured")

        const calls = await sandbox.apiCalls()
        expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
          expect.stringMatching(/^POST .*\/subscriptions$/),
          expect.stringMatching(/^GET .*\/subscriptions\/[0-9a-f-]+$/),
        ])
      })

      it("refused: no order; the same cart then completes with another payment method", async () => {
        const { cart, session, fileId, paymentCollectionId } = await financedCart("SCFRSP-4XTS")
        await sandbox.decide(fileId, "refuse")
        const landing = await returnFromLender(api, session.id, fileId)
        expect(landing.pathname).toBe("/checkout")
        expect(landing.searchParams.get("scalexpert_error")).toBe("refused")
        expect(await ordersFromCart(cart.id)).toEqual([])

        await api.post(
          `/store/payment-collections/${paymentCollectionId}/payment-sessions`,
          { provider_id: "pp_system_default" },
          storeHeaders(demo)
        )
        const { data } = await api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders(demo))
        expect(data.type).toBe("order")
      })

      it("abandoned through the lender's GET link: no order, the cart kept", async () => {
        const { cart, session, fileId } = await financedCart("SCFRSP-3XPS")
        await sandbox.decide(fileId, "abandon")
        const landing = await returnFromLender(api, session.id)
        expect(landing.searchParams.get("scalexpert_error")).toBe("abandoned")
        const { data } = await api.get(
          `/store/carts/${cart.id}?fields=id,completed_at`,
          storeHeaders(demo)
        )
        expect(data.cart.completed_at).toBeNull()
      })

      it("a decision not final yet on return gets a few bounded re-reads, then the cart is kept", async () => {
        const { cart, session, fileId } = await financedCart("SCFRSP-3XTS")
        await sandbox.clearRequests()
        const landing = await returnFromLender(api, session.id, fileId)
        expect(landing.searchParams.get("scalexpert_error")).toBe("pending")
        // returnStatusReads (default 4) reads of the file, no more.
        expect(await sandbox.apiCalls({ method: "GET" })).toHaveLength(4)
        expect(await ordersFromCart(cart.id)).toEqual([])
      })

      it("a return carrying another file's id makes no order", async () => {
        const { cart, session, fileId } = await financedCart("SCFRSP-3XTS")
        const other = await financedCart("SCFRSP-3XTS")
        await sandbox.decide(fileId, "accept")
        await sandbox.decide(other.fileId, "accept")
        const landing = await returnFromLender(api, session.id, other.fileId)
        expect(landing.pathname).toBe("/checkout")
        expect(await ordersFromCart(cart.id)).toEqual([])
      })

      it("a financed amount that differs from the cart is not authorized", async () => {
        const { cart, session, fileId } = await financedCart("SCFRSP-3XTS")
        await sandbox.decide(fileId, "accept")
        // The lender's file now finances less than the payment session's amount.
        await sandbox.backOfficeCancel(fileId, 100)
        const landing = await returnFromLender(api, session.id, fileId)
        expect(landing.pathname).toBe("/checkout")
        expect(await ordersFromCart(cart.id)).toEqual([])
      })
    })

    describe("shoppers who never come back", () => {
      it("a signed webhook alone makes the order", async () => {
        await sendWebhooksTo(api)
        const { cart, fileId } = await financedCart("SCFRSP-3XTS")
        await sandbox.decide(fileId, "accept")
        const orders = await waitFor(
          () => ordersFromCart(cart.id),
          (ids) => ids.length > 0
        )
        expect(orders).toHaveLength(1)
      })

      it("with no return and no webhook, the reconciliation job makes the order", async () => {
        const { cart, fileId } = await financedCart("SCFRSP-3XTS")
        await sandbox.decide(fileId, "accept")
        expect(await ordersFromCart(cart.id)).toEqual([])
        await reconcileScalexpertFiles(getContainer())
        expect(await ordersFromCart(cart.id)).toHaveLength(1)
      })

      it("the webhook replayed 5 times while the shopper returns makes exactly one order", async () => {
        await sendWebhooksTo(api)
        const { cart, session, fileId } = await financedCart("SCFRSP-3XTS")
        await sandbox.decide(fileId, "accept")
        const [event] = (await sandbox.events()).filter(
          (e) => (e as { eventCode?: string }).eventCode === "SC_SUBSCRIPTION_ACCEPTED"
        )
        await Promise.all([
          returnFromLender(api, session.id, fileId),
          ...Array.from({ length: 5 }, () => sandbox.resend(event.id as string)),
        ])
        await sandbox.flushWebhooks()
        await sleep(1500)
        expect(await ordersFromCart(cart.id)).toHaveLength(1)
      })

      it("a forged signature or a stale timestamp has no effect", async () => {
        const { cart, session, fileId } = await financedCart("SCFRSP-3XTS")
        await sandbox.decide(fileId, "accept")
        const body = webhookEventBody({
          id: "evt-1",
          type: "SC_SUBSCRIPTION",
          code: "SC_SUBSCRIPTION_ACCEPTED",
          data: { merchantGlobalOrderId: session.id, consolidatedStatus: "ACCEPTED" },
        })
        const forged = signWebhook("not-the-merchant-key", body)
        const stale = signWebhook(TEST_WEBHOOK_KEY, body, new Date(Date.now() - 10 * 60_000))
        for (const signed of [forged, stale]) {
          await api.post(WEBHOOK_PATH, body, {
            headers: { "content-type": "application/json", ...signed.headers },
          })
        }
        await sleep(1500)
        expect(await ordersFromCart(cart.id)).toEqual([])
        expect(await sandbox.apiCalls({ method: "GET" })).toEqual([])
      })
    })

    describe("long-term credit", () => {
      it("pre-accepted: an order awaiting authorization; accepted later, the job authorizes it", async () => {
        const { session, fileId } = await financedCart("SCFRLT-TXNO", { product: "leather-sofa" })
        await sandbox.decide(fileId, "preaccept")
        const landing = await returnFromLender(api, session.id, fileId)
        expect(landing.pathname).toBe("/scalexpert/success")
        const orderId = landing.searchParams.get("order_id")!
        const before = await order(orderId)
        expect(before.payment_status).toBe("awaiting")
        expect(before.payment_collections[0].payment_sessions?.[0].status).toBe(
          "pending_authorization"
        )

        await sandbox.decide(fileId, "accept")
        await reconcileScalexpertFiles(getContainer())
        const after = await order(orderId)
        expect(after.payment_status).toBe("authorized")
        expect(after.status).not.toBe("canceled")
      })

      it("pre-accepted then refused: the job cancels the order", async () => {
        const { session, fileId } = await financedCart("SCDELT-DXTS", {
          country: "de",
          product: "leather-sofa",
        })
        await sandbox.decide(fileId, "preaccept")
        const orderId = (await returnFromLender(api, session.id, fileId)).searchParams.get(
          "order_id"
        )!
        await sandbox.decide(fileId, "refuse")
        await reconcileScalexpertFiles(getContainer())
        expect((await order(orderId)).status).toBe("canceled")
      })
    })

    describe("carts Scalexpert would refuse: a clear 400 and no call to Scalexpert", () => {
      const refusals: [string, () => Promise<unknown>, RegExp][] = [
        [
          "a billing country outside the solution's market",
          () => financedCart("SCFRSP-3XTS", { country: "de" }),
          /France/,
        ],
        [
          "an amount the solution does not finance",
          () => financedCart("SCFRSP-3XTS", { product: "ceramic-mug" }),
          /from 100 € to 4000 €/,
        ],
        [
          "no phone number",
          () =>
            financedCart("SCFRSP-3XTS", {
              billing: { ...ADDRESSES.fr, phone: "" },
              shipping: { ...ADDRESSES.fr, phone: "" },
            }),
          /mobile phone number/,
        ],
        [
          "a landline",
          () =>
            financedCart("SCFRSP-3XTS", { billing: { ...ADDRESSES.fr, phone: "01 23 45 67 89" } }),
          /landline/,
        ],
        [
          "a billing address without a street",
          () => financedCart("SCFRSP-3XTS", { billing: { ...ADDRESSES.fr, address_1: "" } }),
          /billing address is incomplete: add the street/,
        ],
        ["an unknown solution", () => financedCart("SCFRSP-9XTS"), /Unknown Scalexpert solution/],
      ]

      it.each(refusals)("%s", async (_name, attempt, message) => {
        const release = await holdReconciliation(getContainer())
        try {
          await sandbox.clearRequests()
          const error = await attempt().then(
            () => undefined,
            (e: Error) => e
          )
          expect(error?.message).toMatch(/payment session refused: 400/)
          expect(error?.message).toMatch(message)
          expect(await sandbox.apiCalls()).toEqual([])
        } finally {
          await release()
        }
      })
    })
  },
})

type OrderView = {
  id: string
  status: string
  payment_status: string
  payment_collections: {
    payment_sessions?: { id: string; status: string; data?: Record<string, unknown> }[]
    payments?: { id: string }[]
  }[]
}
