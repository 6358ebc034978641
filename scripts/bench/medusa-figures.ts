/**
 * Figures measured through a real Medusa (the integration stack): Scalexpert calls of a completed
 * checkout, checkout wall time against `pp_system_default`, storefront eligibility.
 */
import type { AxiosInstance } from "axios"
import type { DemoStore } from "../seed-demo"
import { placeFinancedOrder } from "../../integration-tests/helpers/after-order"
import {
  cartReadyForPayment,
  startFinancing,
  storeHeaders,
} from "../../integration-tests/helpers/checkout"
import { TEST_WEBHOOK_KEY } from "../../integration-tests/helpers/constants"
import { Pattern, type PatternName } from "./patterns"
import { median, settle, type BenchSandbox } from "./sandbox"

const WEBHOOK_PATH = "/hooks/payment/scalexpert_scalexpert"

/** Requests (API and token) the sandbox received for one split checkout, webhooks on. */
export async function ourCheckoutCalls(api: AxiosInstance, demo: DemoStore, sandbox: BenchSandbox) {
  await sandbox.reset()
  await sandbox.configure({
    webhook: { url: `${api.defaults.baseURL}${WEBHOOK_PATH}`, signatureKey: TEST_WEBHOOK_KEY },
  })
  // A first checkout warms the token up: a token serves many checkouts.
  await placeFinancedOrder(api, demo, { solution: "SCFRSP-3XTS" })
  await settle(() => sandbox.requests())
  await sandbox.clearRequests()
  await placeFinancedOrder(api, demo, { solution: "SCFRSP-3XTS" })
  await sandbox.flushWebhooks()
  await settle(() => sandbox.requests())
  const calls = await sandbox.checkoutRequests()
  await sandbox.configure({ webhook: null })
  return calls.length
}

export async function patternCheckoutCalls(name: PatternName, sandbox: BenchSandbox) {
  await sandbox.reset()
  const pattern = new Pattern(name, sandbox)
  await pattern.checkout((id) => sandbox.decide(id, "accept"))
  await sandbox.clearRequests()
  await pattern.checkout((id) => sandbox.decide(id, "accept"))
  return (await sandbox.checkoutRequests()).length
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - started) / 1e6
}

/**
 * Server-side wall time of a checkout (what the shopper waits for, the lender's pages aside):
 * Scalexpert's payment session then the return that makes the order, against
 * `pp_system_default`'s payment session then the cart completion. Median of `runs` each.
 */
export async function checkoutWallTime(
  api: AxiosInstance,
  demo: DemoStore,
  sandbox: BenchSandbox,
  runs: number
) {
  await sandbox.reset()
  const headers = storeHeaders(demo)
  const ours: number[] = []
  const system: number[] = []
  for (let i = 0; i < runs; i++) {
    const a = await cartReadyForPayment(api, demo)
    let session: Awaited<ReturnType<typeof startFinancing>> | undefined
    const create = await timed(async () => {
      session = await startFinancing(api, demo, a.paymentCollectionId, {
        solution_code: "SCFRSP-3XTS",
      })
    })
    const fileId = session!.data.subscription_id as string
    await sandbox.decide(fileId, "accept")
    const back = await timed(() =>
      api.post(
        `/scalexpert/return/${session!.id}`,
        new URLSearchParams({ id: fileId }).toString(),
        {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          maxRedirects: 0,
          validateStatus: (status) => status === 303,
        }
      )
    )
    ours.push(create + back)

    const b = await cartReadyForPayment(api, demo)
    system.push(
      await timed(async () => {
        await api.post(
          `/store/payment-collections/${b.paymentCollectionId}/payment-sessions`,
          { provider_id: "pp_system_default" },
          headers
        )
        await api.post(`/store/carts/${b.cart.id}/complete`, {}, headers)
      })
    )
  }
  return {
    runs,
    ours_ms: Math.round(median(ours)),
    system_ms: Math.round(median(system)),
    ratio: Math.round((median(ours) / median(system)) * 100) / 100,
  }
}

/** Product views of the storefront's eligibility route: requests served, Scalexpert calls. */
export async function ourEligibilityCalls(
  api: AxiosInstance,
  demo: DemoStore,
  sandbox: BenchSandbox,
  views: number
) {
  await sandbox.reset()
  const headers = storeHeaders(demo)
  const prices = [49, 349, 1290, 3490, 5990]
  let served = 0
  for (let i = 0; i < views; i++) {
    const amount = prices[i % prices.length]
    const res = await api.get(`/store/scalexpert/eligibility?amount=${amount}&country=FR`, headers)
    if (res.status === 200) served++
  }
  return { served, calls: (await sandbox.checkoutRequests()).length }
}
