import { isScalexpertError } from "../../scalexpert/errors"
import {
  buyerOf,
  BuyerDataMissing,
  subscriptionRequest,
  type InsuranceStatus,
} from "../../scalexpert/insurance"
import { describeFailure, isTransient, type InsuranceContext, type Policy } from "./context"
import { loadOrder, type InsuredOrder } from "./order"

/** A quote is used only while it has more than this left (the subscription takes a moment). */
const QUOTE_MARGIN_MS = 5 * 60_000

const REQUOTE_CODES = ["QUOTE_EXPIRED", "QUOTE_ALREADY_USED", "EXPIRED_QUOTE"]

/** The quotation a subscription used (a re-quote replaces the cart's). */
export type QuoteState = Pick<
  Policy,
  "quote_id" | "quote_expires_at" | "quoted_price_cents" | "requoted_at"
>

export type SubscribeOutcome =
  | { kind: "skipped" }
  | { kind: "subscribed"; subscription_id: string; status: InsuranceStatus; quote: QuoteState }
  | { kind: "failed"; message: string; transient: boolean; quote: QuoteState }

const quoteOf = (p: Policy): QuoteState => ({
  quote_id: p.quote_id,
  quote_expires_at: p.quote_expires_at,
  quoted_price_cents: p.quoted_price_cents,
  requoted_at: p.requoted_at,
})

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
export async function findEarlier(ctx: InsuranceContext, policy: Policy) {
  const list = await ctx.client.listSubscriptions(
    { merchantGlobalOrderId: policy.order_id },
    { lane: "background" }
  )
  return list.find((s) => s.merchantBasketId === policy.id)
}

function requestFor(policy: Policy, order: InsuredOrder) {
  const buyer = buyerOf(order.email, order.billing_address, order.shipping_address)
  const insured = order.items.find((i) => i.id === policy.insured_line_item_id)
  return subscriptionRequest(
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
}

/**
 * One subscription attempt (`POST /subscriptions`): a subscription an earlier unanswered attempt
 * made is taken as it is; an expired quotation is re-quoted first, and once more if the insurer
 * says it expired meanwhile. Never throws: a failure is an outcome, passing or final.
 */
export async function subscribeAtInsurer(
  ctx: InsuranceContext,
  policy: Policy,
  retrying: boolean,
  now: Date
): Promise<SubscribeOutcome> {
  let current = policy
  try {
    const order = await loadOrder(ctx.container, policy.order_id)
    if (!order) throw new BuyerDataMissing("the order is gone")
    const earlier = retrying ? await findEarlier(ctx, policy) : undefined
    if (earlier) {
      const { insuranceSubscriptionId: id, consolidatedStatus: status } = earlier
      return { kind: "subscribed", subscription_id: id, status, quote: quoteOf(policy) }
    }
    for (let round = 0; ; round++) {
      current = await ensureQuote(ctx, current, now, round > 0)
      try {
        const created = await ctx.client.createSubscription(requestFor(current, order), {
          lane: "background",
        })
        const { insuranceSubscriptionId: id, consolidatedStatus: status } = created
        return { kind: "subscribed", subscription_id: id, status, quote: quoteOf(current) }
      } catch (error) {
        const requote = isScalexpertError(error) && REQUOTE_CODES.includes(error.errorCode ?? "")
        if (!requote || round > 0) throw error
      }
    }
  } catch (error) {
    const message =
      error instanceof BuyerDataMissing
        ? `Cannot subscribe: ${error.message}`
        : describeFailure(error)
    return { kind: "failed", message, transient: isTransient(error), quote: quoteOf(current) }
  }
}
