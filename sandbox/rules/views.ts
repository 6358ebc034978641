/** What the API (and the control API) shows of a file. */
import { centsToAmount } from "../money"
import type { SandboxSubscription } from "./subscription"

/** `GET /subscriptions/{id}` (CreditSubscriptionDtoResponse). */
export function detailView(sub: SandboxSubscription): Record<string, unknown> {
  const financed = sub.basketItems.filter((i) => i.isFinanced)
  const main = financed[0] ?? sub.basketItems[0]
  const quantity = sub.basketItems.reduce((s, i) => s + Number(i.quantity ?? 0), 0)
  return {
    creditSubscriptionId: sub.id,
    registrationTimestamp: sub.registrationTimestamp,
    lastUpdateTimestamp: sub.lastUpdateTimestamp,
    solutionCode: sub.solutionCode,
    familyCode: "SC",
    marketTypeCode: sub.market,
    implementationCode: sub.implementationCode,
    merchantBasketId: sub.merchantBasketId,
    merchantGlobalOrderId: sub.merchantGlobalOrderId,
    merchantBuyerId: sub.merchantBuyerId,
    financedAmount: centsToAmount(sub.financedAmountCents),
    consolidatedStatus: sub.consolidatedStatus,
    consolidatedSubstatus: sub.consolidatedSubstatus,
    cancellationStatus: sub.cancellationStatus,
    cancellationAlreadyMade: sub.cancellationAlreadyMade,
    buyer: sub.buyers[0],
    basketDetails: main
      ? `${String(main.brandName)} ${String(main.label)} - ${quantity} item(s) - ${centsToAmount(sub.initialFinancedAmountCents)} ${String(main.currencyCode)}`
      : "",
    isDelivered: sub.isDelivered,
    isReturned: sub.isReturned,
  }
}

/** An item of `GET /subscriptions` (CreditSubscriptionDto). */
export function listView(sub: SandboxSubscription): Record<string, unknown> {
  return {
    creditSubscriptionId: sub.id,
    registrationTimestamp: sub.registrationTimestamp,
    lastUpdateTimestamp: sub.lastUpdateTimestamp,
    solutionCode: sub.solutionCode,
    marketTypeCode: sub.market,
    implementationCode: sub.implementationCode,
    merchantBasketId: sub.merchantBasketId,
    merchantGlobalOrderId: sub.merchantGlobalOrderId,
    buyerFinancedAmount: centsToAmount(sub.financedAmountCents),
    consolidatedStatus: sub.consolidatedStatus,
    consolidatedSubstatus: sub.consolidatedSubstatus,
    cancellationStatus: sub.cancellationStatus,
    cancellationAlreadyMade: sub.cancellationAlreadyMade,
    isDelivered: sub.isDelivered,
    isReturned: sub.isReturned,
  }
}

/** Everything, for the control API. */
export function internalView(
  sub: SandboxSubscription,
  journeyUrl: string
): Record<string, unknown> {
  const pending = sub.pendingCancellation
  return {
    ...detailView(sub),
    journeyUrl,
    confirmationUrl: sub.confirmationUrl,
    language: sub.language,
    kind: sub.kind,
    acceptedAt: sub.acceptedAt,
    selectedDuration: sub.selectedDuration,
    initialFinancedAmount: centsToAmount(sub.initialFinancedAmountCents),
    pendingCancellation: pending
      ? { ...pending, amount: centsToAmount(pending.amountCents) }
      : undefined,
    delivery: sub.delivery,
    history: sub.history,
    cancellations: sub.cancellations.map((c) => ({ ...c, amount: centsToAmount(c.amountCents) })),
  }
}
