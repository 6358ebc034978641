/**
 * The fault matrix: one split checkout per fault, through Medusa and the sandbox's fault controls,
 * then one reconciliation run; counts orders lost, duplicate orders, duplicate files and the
 * Scalexpert requests spent (API and token).
 */
import type { AxiosInstance } from "axios"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { DemoStore } from "../seed-demo"
import { cartReadyForPayment, startFinancing } from "../../integration-tests/helpers/checkout"
import { TEST_WEBHOOK_KEY } from "../../integration-tests/helpers/constants"
import { signWebhook } from "../../src/scalexpert/webhook-signature"
import { reconcileScalexpertFiles } from "../../src/workflows/reconcile-scalexpert-files"
import { settle, type BenchSandbox } from "./sandbox"
import type { FaultRow } from "./faults-table"

const WEBHOOK_PATH = "/hooks/payment/scalexpert_scalexpert"
const FILE = "/e-financing/api/v1/subscriptions/*"
const CREATE = "/e-financing/api/v1/subscriptions"
const TOKEN = "/auth-server/api/v1/oauth2/token"

export type Ctx = {
  api: AxiosInstance
  demo: DemoStore
  container: MedusaContainer
  sandbox: BenchSandbox
}
type Checkout = { sessionId: string; fileId: string }

type Scenario = {
  fault: string
  webhooks?: boolean
  /** Before the payment session is created. */
  arm?: (ctx: Ctx) => Promise<unknown>
  /** After the lender's decision (default: the shopper's return). */
  act?: (ctx: Ctx, checkout: Checkout) => Promise<unknown>
}

type LoggedEvent = { id: string; eventCode?: string }

async function eventOf(ctx: Ctx, code: string): Promise<LoggedEvent | undefined> {
  const { data } = await ctx.sandbox.control.get<{ events: LoggedEvent[] }>("/events")
  return data.events.filter((e) => e.eventCode === code).pop()
}

function ret(ctx: Ctx, { sessionId, fileId }: Checkout) {
  return ctx.api.post(
    `/scalexpert/return/${sessionId}`,
    new URLSearchParams({ id: fileId }).toString(),
    {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      maxRedirects: 0,
      validateStatus: () => true,
    }
  )
}

function forgedWebhook(ctx: Ctx, sessionId: string) {
  const body = JSON.stringify({
    id: "evt-forged",
    timestamp: new Date().toISOString(),
    eventTypeCode: "SC_SUBSCRIPTION",
    eventCode: "SC_SUBSCRIPTION_ACCEPTED",
    data: {
      eventTypeCode: "SC_SUBSCRIPTION",
      merchantGlobalOrderId: sessionId,
      consolidatedStatus: "ACCEPTED",
    },
  })
  const forged = signWebhook("not-the-merchant-key", body)
  const stale = signWebhook(TEST_WEBHOOK_KEY, body, new Date(Date.now() - 10 * 60_000))
  return Promise.all(
    [forged, stale].map((signed) =>
      ctx.api.post(WEBHOOK_PATH, body, {
        headers: { "content-type": "application/json", ...signed.headers },
        validateStatus: () => true,
      })
    )
  )
}

export const SCENARIOS: Scenario[] = [
  { fault: "token 500", arm: (c) => c.sandbox.fault({ method: "POST", path: TOKEN, status: 500 }) },
  {
    // No answer until the client's timeout (the provider's 30 s): the row takes that long.
    fault: "token timeout",
    arm: (c) => c.sandbox.fault({ method: "POST", path: TOKEN, timeout: true }),
  },
  {
    fault: "create answered 500 after the file was made",
    arm: (c) => c.sandbox.fault({ method: "POST", path: CREATE, afterCreate: true, status: 500 }),
  },
  {
    fault: "GET 5xx (the return's read)",
    act: async (c, co) => {
      await c.sandbox.fault({ method: "GET", path: FILE, status: 503, count: 3 })
      return ret(c, co)
    },
  },
  {
    fault: "429 with Retry-After",
    arm: (c) =>
      c.sandbox.fault({ method: "POST", path: CREATE, status: 429, retryAfterSeconds: 1 }),
  },
  {
    fault: "malformed JSON",
    act: async (c, co) => {
      await c.sandbox.fault({ method: "GET", path: FILE, malformedBody: true })
      return ret(c, co)
    },
  },
  {
    fault: "401 mid-token",
    act: async (c, co) => {
      await c.sandbox.fault({ method: "GET", path: FILE, status: 401 })
      return ret(c, co)
    },
  },
  {
    fault: "webhook replayed 10×",
    webhooks: true,
    act: async (c, co) => {
      await ret(c, co)
      const accepted = await eventOf(c, "SC_SUBSCRIPTION_ACCEPTED")
      for (let i = 0; i < 10 && accepted; i++) {
        await c.sandbox.control.post(`/webhooks/events/${accepted.id}/resend`)
      }
    },
  },
  {
    fault: "forged or stale signature",
    act: async (c, co) => {
      await forgedWebhook(c, co.sessionId)
      return ret(c, co)
    },
  },
  {
    fault: "return + webhook + job at once",
    webhooks: true,
    act: (c, co) =>
      Promise.all([ret(c, co), c.sandbox.flushWebhooks(), reconcileScalexpertFiles(c.container)]),
  },
  {
    fault: "late event regressing a status",
    webhooks: true,
    act: async (c, co) => {
      await ret(c, co)
      const initialized = await eventOf(c, "SC_SUBSCRIPTION_INITIALIZED")
      if (initialized) await c.sandbox.control.post(`/webhooks/events/${initialized.id}/resend`)
    },
  },
  {
    // The lender's file finances 10 € more than the payment session: no order for it.
    fault: "amount mismatch",
    act: async (c, co) => {
      const file = (await c.sandbox.subscriptions()).find((s) => s.id === co.fileId)
      const amount = Number(file?.financedAmount ?? 0) + 10
      await c.sandbox.control.post(`/subscriptions/${co.fileId}/financed-amount`, {
        financedAmount: amount,
      })
      return ret(c, co)
    },
  },
  {
    fault: "webhook lost (and no return)",
    webhooks: true,
    arm: (c) => c.sandbox.control.put("/webhooks/chaos", { dropProbability: 1 }),
    act: async () => undefined,
  },
]

/** The shopper clicks "pay" again when the first attempt fails. */
async function startWithRetry(ctx: Ctx, paymentCollectionId: string) {
  const start = () =>
    startFinancing(ctx.api, ctx.demo, paymentCollectionId, { solution_code: "SCFRSP-3XTS" })
  return start().catch(start)
}

async function ordersOfCart(container: MedusaContainer, cartId: string): Promise<number> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order_cart",
    fields: ["order_id"],
    filters: { cart_id: cartId },
  })
  return data.length
}

export async function runScenario(ctx: Ctx, scenario: Scenario): Promise<FaultRow> {
  const { sandbox } = ctx
  await sandbox.reset()
  await sandbox.control.put("/webhooks/chaos", {})
  await sandbox.configure({
    webhook: scenario.webhooks
      ? { url: `${ctx.api.defaults.baseURL}${WEBHOOK_PATH}`, signatureKey: TEST_WEBHOOK_KEY }
      : null,
  })
  const { cart, paymentCollectionId } = await cartReadyForPayment(ctx.api, ctx.demo)
  await scenario.arm?.(ctx)
  const session = await startWithRetry(ctx, paymentCollectionId)
  const checkout = { sessionId: session.id, fileId: session.data.subscription_id as string }
  await sandbox.decide(checkout.fileId, "accept")
  await (scenario.act ?? ((c: Ctx, co: Checkout) => ret(c, co)))(ctx, checkout)
  await sandbox.flushWebhooks()
  await settle(() => sandbox.requests())
  await reconcileScalexpertFiles(ctx.container)
  await settle(() => sandbox.requests())
  const files = (await sandbox.subscriptions()).filter(
    (s) => s.merchantGlobalOrderId === checkout.sessionId
  )
  const orders = await ordersOfCart(ctx.container, cart.id)
  const accepted = files.some((f) => f.consolidatedStatus === "ACCEPTED")
  return {
    fault: scenario.fault,
    orders_lost: accepted && orders === 0 ? 1 : 0,
    duplicate_orders: Math.max(0, orders - 1),
    duplicate_files: Math.max(0, files.length - 1),
    calls: (await sandbox.requests()).length,
  }
}
