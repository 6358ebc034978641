import { TEST_WEBHOOK_KEY } from "../helpers/constants"
import { holdReconciliation } from "../helpers/reconciliation"
import { backOffice } from "./back-office"
import { lenderControl } from "./lender"
import type { ModelContext } from "./runner"
import { shopper } from "./shop"

export type FirstNews = "the webhook" | "the return"

/**
 * A split 3x checkout accepted at the lender, with signed webhooks on: the webhooks are processed
 * before the shopper's return (`the webhook`) or after it (`the return`). Answers the order's
 * payment status and the Scalexpert calls made, token and eligibility calls left out, as
 * `METHOD path status` with the path from `subscriptions` on.
 */
export async function splitCheckoutCalls(context: ModelContext, first: FirstNews) {
  // The scheduled job (every 5 minutes) must not add its reads to the count.
  const release = await holdReconciliation(context.container)
  try {
    return await countCalls(context, first)
  } finally {
    await release()
  }
}

async function countCalls({ api, demo }: ModelContext, first: FirstNews) {
  const lender = lenderControl()
  // No reset: it would revoke the plugin's token, and the count is about the checkout.
  await lender.clearFaults()
  await lender.clearRequests()
  await lender.webhooks(
    `${api.defaults.baseURL}/hooks/payment/scalexpert_scalexpert`,
    TEST_WEBHOOK_KEY
  )
  const shop = shopper(api, demo)
  const office = await backOffice(api, demo, new Date(Date.now() - 1000))
  await shop.startFinancing(0, "SCFRSP-3XTS")
  const journey = shop.journey(0)!
  const file = journey.files[0]
  await lender.decide(file.fileId, "accept")
  if (first === "the webhook") await lender.webhooksProcessed()
  const landing = await shop.returnFromLender(file, true)
  await lender.webhooksProcessed()
  const order = await office.orderOfCollection(journey.collectionId)
  const calls = (await lender.apiCalls())
    .filter((c) => !/eligible-solutions/.test(c.path))
    .map((c) => `${c.method} ${c.path.replace(/^.*\/subscriptions/, "subscriptions")} ${c.status}`)
  return {
    fileId: file.fileId,
    landing: new URL(String(landing.headers.location)).pathname,
    paymentStatus: order?.payment_status,
    calls,
  }
}
