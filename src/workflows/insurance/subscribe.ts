import type { MedusaContainer } from "@medusajs/framework/types"
import { isScalexpertError } from "../../scalexpert/errors"
import {
  buyerOf,
  BuyerDataMissing,
  FINAL_INSURANCE_STATUSES,
  subscriptionRequest,
  type InsuranceStatus,
} from "../../scalexpert/insurance"
import {
  describeFailure,
  insuranceContext,
  isTransient,
  nextAttemptAt,
  policyService,
  type InsuranceContext,
} from "./context"
import { loadOrder } from "./order"

type Policy = Awaited<
  ReturnType<ReturnType<typeof policyService>["retrieveScalexpertInsurancePolicy"]>
>

/** A quote is used only while it has more than this left (the subscription takes a moment). */
const QUOTE_MARGIN_MS = 5 * 60_000

const REQUOTE_CODES = ["QUOTE_EXPIRED", "QUOTE_ALREADY_USED", "EXPIRED_QUOTE"]

/** A valid quotation for the policy: its own while it lasts, else a new one (`POST /quotations`). */
async function ensureQuote(ctx: InsuranceContext, policy: Policy, now: Date, force: boolean) {
  const valid =
    policy.quote_id &&
    policy.quote_expires_at &&
    new Date(policy.quote_expires_at).getTime() - now.getTime() > QUOTE_MARGIN_MS
  if (valid && !force) return policy
  const quote = await ctx.client.createQuotation(
    {
      solutionCode: policy.solution_code,
      itemId: policy.item_id,
      itemPrice: policy.insured_price_cents / 100,
      insuranceId: policy.insurance_id,
    },
    { lane: "background" }
  )
  return {
    ...policy,
    quote_id: quote.quoteId,
    quote_expires_at: new Date(quote.expirationDate),
    quoted_price_cents: Math.round(Number(quote.insurancePrice) * 100),
    requoted_at: now,
  }
}

/** A subscription an earlier, unanswered attempt may have made (`merchantBasketId` = policy id). */
async function findEarlier(ctx: InsuranceContext, policy: Policy) {
  const list = await ctx.client.listSubscriptions(
    { merchantGlobalOrderId: policy.order_id },
    { lane: "background" }
  )
  return list.find((s) => s.merchantBasketId === policy.id)
}

function outcome(status: InsuranceStatus) {
  const refused = FINAL_INSURANCE_STATUSES.includes(status)
  return {
    status,
    subscribe_status: refused ? "failed" : "subscribed",
    last_error: refused ? `The insurer answered ${status}` : null,
    next_attempt_at: null,
  }
}

/**
 * Subscribes one policy (`POST /subscriptions`), re-quoting an expired quotation first. A passing
 * failure (no answer, 5xx, 429) is retried later with the provider's retry policy; a refusal is
 * final and shown in the admin. Never throws for a Scalexpert failure: the order is not blocked.
 */
export async function subscribePolicy(
  container: MedusaContainer,
  policyId: string,
  now = new Date()
): Promise<void> {
  const ctx = insuranceContext(container)
  const service = policyService(container)
  let policy = await service.retrieveScalexpertInsurancePolicy(policyId)
  if (policy.subscribe_status !== "pending" || policy.cancel_status) return
  const attempts = policy.attempts + 1
  const order = await loadOrder(container, policy.order_id)
  try {
    if (!order) throw new BuyerDataMissing("the order is gone")
    const buyer = buyerOf(order.email, order.billing_address, order.shipping_address)
    const earlier = policy.attempts > 0 ? await findEarlier(ctx, policy) : undefined
    if (earlier) {
      await service.updateScalexpertInsurancePolicies({
        id: policy.id,
        attempts,
        subscription_id: earlier.insuranceSubscriptionId,
        ...outcome(earlier.consolidatedStatus),
      })
      return
    }
    let created
    for (let round = 0; !created; round++) {
      policy = await ensureQuote(ctx, policy, now, round > 0)
      const insured = order.items.find((i) => i.id === policy.insured_line_item_id)
      const request = subscriptionRequest(
        {
          policyId: policy.id,
          orderId: policy.order_id,
          customerId: order.customer_id,
          solutionCode: policy.solution_code,
          insuranceId: policy.insurance_id,
          quoteId: policy.quote_id as string,
          quoteExpiresAt: new Date(policy.quote_expires_at as Date),
          insurancePrice: (policy.quoted_price_cents ?? policy.price_cents) / 100,
          item: {
            id: policy.variant_id ?? policy.insured_line_item_id ?? policy.id,
            label: policy.insured_title,
            price: policy.insured_price_cents / 100,
            currencyCode: policy.currency_code,
            category: "NC",
            brand: "NC",
            sku: insured?.variant_sku ?? undefined,
          },
        },
        buyer
      )
      try {
        created = await ctx.client.createSubscription(request, { lane: "background" })
      } catch (error) {
        const requote = isScalexpertError(error) && REQUOTE_CODES.includes(error.errorCode ?? "")
        if (!requote || round > 0) throw error
      }
    }
    await service.updateScalexpertInsurancePolicies({
      id: policy.id,
      attempts,
      quote_id: policy.quote_id,
      quote_expires_at: policy.quote_expires_at,
      quoted_price_cents: policy.quoted_price_cents,
      requoted_at: policy.requoted_at,
      subscription_id: created.insuranceSubscriptionId,
      last_read_at: now,
      ...outcome(created.consolidatedStatus),
    })
  } catch (error) {
    await recordFailure(ctx, container, policy, attempts, error, now)
  }
}

async function recordFailure(
  ctx: InsuranceContext,
  container: MedusaContainer,
  policy: Policy,
  attempts: number,
  error: unknown,
  now: Date
) {
  const retryAt = isTransient(error) ? nextAttemptAt(ctx.options, attempts, now) : null
  const message =
    error instanceof BuyerDataMissing
      ? `Cannot subscribe: ${error.message}`
      : describeFailure(error)
  ctx.logger.warn(
    `Scalexpert insurance policy ${policy.id} of order ${policy.order_id} not subscribed (attempt ${attempts}): ${message}`
  )
  await policyService(container).updateScalexpertInsurancePolicies({
    id: policy.id,
    attempts,
    quote_id: policy.quote_id,
    quote_expires_at: policy.quote_expires_at,
    quoted_price_cents: policy.quoted_price_cents,
    requoted_at: policy.requoted_at,
    subscribe_status: retryAt ? "pending" : "failed",
    next_attempt_at: retryAt,
    last_error: message,
  })
}

/** Subscribes every pending policy of an order (after it was placed). */
export async function subscribeOrderPolicies(
  container: MedusaContainer,
  orderId: string,
  now = new Date()
) {
  const policies = await policyService(container).listScalexpertInsurancePolicies(
    { order_id: orderId, subscribe_status: "pending" },
    { select: ["id"], order: { unit_index: "ASC" } }
  )
  for (const p of policies) await subscribePolicy(container, p.id, now)
}
