/**
 * In-memory state of the sandbox's insurer: registered items, quotations, policies, and what the
 * control API asked the next subscriptions to do (fail or be rejected).
 */
import { randomUUID } from "node:crypto"

import { BusinessError } from "../http/errors"

import {
  INSURANCE_SOLUTIONS,
  offersFor,
  yearsOf,
  type InsuranceSolutionCode,
  type ItemRecord,
} from "./catalogue"

export type InsuranceStatus =
  "INITIALIZED" | "SUBSCRIBED" | "ACTIVATED" | "CANCELLED" | "TERMINATED" | "ABORTED" | "REJECTED"

export const FINAL: readonly InsuranceStatus[] = ["CANCELLED", "TERMINATED", "ABORTED", "REJECTED"]

export type Quote = {
  quoteId: string
  solutionCode: InsuranceSolutionCode
  itemId: string
  insuranceId: string
  itemPrice: number
  insurancePrice: number
  expiresAt: Date
  usedBy?: string
}

export type Policy = {
  insuranceSubscriptionId: string
  solutionCode: InsuranceSolutionCode
  consolidatedStatus: InsuranceStatus
  quoteId: string
  insuranceId: string
  merchantBasketId: string
  merchantBuyerId: string
  merchantGlobalOrderId: string
  producerQuoteInsurancePrice: number
  duration: number
  insuredItem: Record<string, unknown>
  buyer: Record<string, unknown>
  registrationTimestamp: string
  lastUpdateTimestamp: string
  cancellationOrigin?: string
}

/** What the next subscription requests do: fail with an HTTP error, or create a REJECTED policy. */
export type NextOutcome =
  { outcome: "fail"; status: number; errorCode?: string } | { outcome: "reject" }

export type Emit = (eventTypeCode: string, eventCode: string, data: Record<string, unknown>) => void

export class InsuranceState {
  items = new Map<string, ItemRecord>()
  quotes = new Map<string, Quote>()
  policies = new Map<string, Policy>()
  next: NextOutcome[] = []
  contracted: InsuranceSolutionCode[] = [...INSURANCE_SOLUTIONS]
  quoteTtlSeconds = 7 * 24 * 3600

  constructor(private readonly emit_: Emit) {}

  reset(): void {
    this.items.clear()
    this.quotes.clear()
    this.policies.clear()
    this.next = []
    this.contracted = [...INSURANCE_SOLUTIONS]
    this.quoteTtlSeconds = 7 * 24 * 3600
  }

  isContracted(code: string): code is InsuranceSolutionCode {
    return (this.contracted as string[]).includes(code)
  }

  solution(code: string): InsuranceSolutionCode {
    if (!this.isContracted(code)) {
      throw new BusinessError(
        400,
        "FORBIDDEN",
        `Solution ${code} is not contracted by this merchant`
      )
    }
    return code
  }

  createItem(
    body: Omit<ItemRecord, "id" | "isRefurbished"> & { isRefurbished?: boolean }
  ): ItemRecord {
    const item: ItemRecord = {
      ...body,
      solutionCode: this.solution(body.solutionCode),
      isRefurbished: body.isRefurbished ?? false,
      id: randomUUID(),
    }
    this.items.set(item.id, item)
    return item
  }

  item(solutionCode: string, itemId: string): ItemRecord {
    const item = this.items.get(itemId)
    if (!item || item.solutionCode !== this.solution(solutionCode)) {
      throw new BusinessError(
        404,
        "ENTITY_NOT_FOUND",
        `Item ${itemId} not found for ${solutionCode}`
      )
    }
    return item
  }

  quote(body: {
    solutionCode: string
    itemId: string
    itemPrice: number
    insuranceId: string
  }): Quote {
    const item = this.item(body.solutionCode, body.itemId)
    const offer = offersFor(item, body.itemPrice).find((o) => o.id === body.insuranceId)
    if (!offer) {
      throw new BusinessError(
        400,
        "INSURANCE_NOT_ELIGIBLE",
        `Insurance ${body.insuranceId} is not offered for this item at this price`
      )
    }
    const quote: Quote = {
      quoteId: randomUUID(),
      solutionCode: item.solutionCode,
      itemId: item.id,
      insuranceId: offer.id,
      itemPrice: body.itemPrice,
      insurancePrice: offer.price,
      expiresAt: new Date(Date.now() + this.quoteTtlSeconds * 1000),
    }
    this.quotes.set(quote.quoteId, quote)
    return quote
  }

  subscribe(body: SubscriptionBody): Policy {
    const quote = this.checkQuote_(body)
    const next = this.next.shift()
    if (next?.outcome === "fail") {
      throw new BusinessError(
        next.status,
        next.errorCode ?? "INTERNAL_ERROR",
        "Une erreur est survenue"
      )
    }
    const now = new Date().toISOString()
    const policy: Policy = {
      insuranceSubscriptionId: randomUUID(),
      solutionCode: quote.solutionCode,
      consolidatedStatus: next?.outcome === "reject" ? "REJECTED" : "SUBSCRIBED",
      quoteId: quote.quoteId,
      insuranceId: quote.insuranceId,
      merchantBasketId: body.merchantBasketId,
      merchantBuyerId: body.merchantBuyerId,
      merchantGlobalOrderId: body.merchantGlobalOrderId,
      producerQuoteInsurancePrice: quote.insurancePrice,
      duration: yearsOf(quote.insuranceId),
      insuredItem: body.insuredItem,
      buyer: body.buyer,
      registrationTimestamp: now,
      lastUpdateTimestamp: now,
    }
    quote.usedBy = policy.insuranceSubscriptionId
    this.policies.set(policy.insuranceSubscriptionId, policy)
    this.emitStatus_(policy)
    return policy
  }

  cancel(id: string, origin?: string): void {
    const policy = this.policy(id)
    if (FINAL.includes(policy.consolidatedStatus)) {
      throw new BusinessError(
        400,
        "INVALID_STATUS",
        `Subscription is ${policy.consolidatedStatus}: it cannot be cancelled`
      )
    }
    policy.cancellationOrigin = origin
    this.setStatus(policy, "CANCELLED")
  }

  policy(id: string): Policy {
    const policy = this.policies.get(id)
    if (!policy) throw new BusinessError(404, "ENTITY_NOT_FOUND", `Subscription ${id} not found`)
    return policy
  }

  setStatus(policy: Policy, status: InsuranceStatus): void {
    policy.consolidatedStatus = status
    policy.lastUpdateTimestamp = new Date().toISOString()
    this.emitStatus_(policy)
  }

  private checkQuote_(body: SubscriptionBody): Quote {
    const quote = this.quotes.get(body.quoteId)
    const fail = (code: string, message: string) => new BusinessError(400, code, message)
    if (!quote) throw new BusinessError(404, "ENTITY_NOT_FOUND", `Quote ${body.quoteId} not found`)
    if (quote.solutionCode !== this.solution(body.solutionCode)) {
      throw fail("REQUEST_VALIDATION_ERROR", "solutionCode does not match the quote")
    }
    if (quote.insuranceId !== body.insuranceId) {
      throw fail("REQUEST_VALIDATION_ERROR", "insuranceId does not match the quote")
    }
    if (quote.expiresAt.getTime() <= Date.now())
      throw fail("QUOTE_EXPIRED", "The quote has expired")
    if (quote.usedBy) throw fail("QUOTE_ALREADY_USED", "The quote was already subscribed")
    if (Math.abs(body.producerQuoteInsurancePrice - quote.insurancePrice) > 0.001) {
      throw fail("INVALID_PRICE", "producerQuoteInsurancePrice differs from the quoted price")
    }
    if (Math.abs(body.insuredItem.price - quote.itemPrice) > 0.001) {
      throw fail("INVALID_PRICE", "insuredItem.price differs from the quoted item price")
    }
    return quote
  }

  private emitStatus_(policy: Policy): void {
    this.emit_("CI_SUBSCRIPTION", `CI_SUBSCRIPTION_${policy.consolidatedStatus}`, {
      eventTypeCode: "CI_SUBSCRIPTION",
      eventCode: `CI_SUBSCRIPTION_${policy.consolidatedStatus}`,
      merchantGlobalOrderId: policy.merchantGlobalOrderId,
      insuranceSubscriptionId: policy.insuranceSubscriptionId,
      consolidatedStatus: policy.consolidatedStatus,
    })
  }
}

export type SubscriptionBody = {
  solutionCode: string
  quoteId: string
  insuranceId: string
  merchantBasketId: string
  merchantBuyerId: string
  merchantGlobalOrderId: string
  producerQuoteInsurancePrice: number
  buyer: Record<string, unknown>
  insuredItem: { price: number } & Record<string, unknown>
}
