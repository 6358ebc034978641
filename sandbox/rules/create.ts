/**
 * `POST /subscriptions` business rules, after the contract's schema checks: eligibility, language
 * and phone numbers consistent with the solution's market, unique `merchantGlobalOrderId`.
 */
import { randomUUID } from "node:crypto"

import { isEligible } from "../catalogue"
import { BusinessError } from "../http/errors"
import { amountToCents, centsToAmount } from "../money"
import { isSolutionCode, SOLUTIONS, type Solution, type SolutionCode } from "../solutions"
import { expireIfUnanswered } from "./decisions"
import { emitStatusEvent, SUBSTATUS } from "./status"
import type { FileContext, Json, SandboxSubscription } from "./subscription"

export interface CreateInput {
  body: Json
  language: string
  contractedSolutions: readonly SolutionCode[]
  existing: Iterable<SandboxSubscription>
}

function invalid(message: string): BusinessError {
  return new BusinessError(400, "REQUEST_VALIDATION_ERROR", message)
}

function checkPhones(buyers: Json[], solution: Solution): void {
  buyers.forEach((buyer, i) => {
    for (const key of ["contact", "billingContact", "deliveryContact"]) {
      const contact = (buyer[key] ?? {}) as Json
      for (const phoneKey of ["mobilePhoneNumber", "phoneNumber"]) {
        const phone = contact[phoneKey]
        if (typeof phone === "string" && !phone.startsWith(solution.phonePrefix)) {
          throw invalid(
            `buyers[${i}].${key}.${phoneKey} is invalid. Its country code must be consistent with the marketCode ${solution.market} of the solutionCode (${solution.phonePrefix})`
          )
        }
      }
    }
  })
}

function checkRules(input: CreateInput): { solution: Solution; amountCents: number } {
  const { body } = input
  const code = String(body.solutionCode)
  const amount = Number(body.financedAmount)
  // "financedAmount's value must be positive" and "at most 2 digits in the fractional part".
  if (!(amount > 0) || Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) {
    throw invalid(`financedAmount ${amount} must be positive with at most 2 decimals`)
  }
  const amountCents = amountToCents(amount)
  const buyers = body.buyers as Json[]
  const country = String(((buyers[0]?.billingAddress ?? {}) as Json).countryCode ?? "")
  if (
    !isSolutionCode(code) ||
    !input.contractedSolutions.includes(code) ||
    !isEligible(code, country, amountCents)
  ) {
    throw new BusinessError(
      400,
      "FORBIDDEN",
      `The solution ${code} is not eligible for this merchant, amount (${centsToAmount(amountCents)}) and buyer billing country (${country})`
    )
  }
  const solution = SOLUTIONS[code]
  // "de-DE for SCDELT*, fr-FR for SCFR*": another language is refused (documents silent on the code).
  if (input.language !== solution.language) {
    throw invalid(
      `language ${input.language} is not consistent with the marketCode ${solution.market} of the solutionCode (${solution.language})`
    )
  }
  checkPhones(buyers, solution)
  for (const existing of input.existing) {
    if (existing.merchantGlobalOrderId === body.merchantGlobalOrderId) {
      throw new BusinessError(
        400,
        "BAD_REQUEST",
        `A subscription with the merchantGlobalOrderId ${String(body.merchantGlobalOrderId)} already exists`
      )
    }
  }
  return { solution, amountCents }
}

export function createSubscription(ctx: FileContext, input: CreateInput): SandboxSubscription {
  const { solution, amountCents } = checkRules(input)
  const { body } = input
  const now = new Date().toISOString()
  const sub: SandboxSubscription = {
    id: randomUUID(),
    registrationTimestamp: now,
    lastUpdateTimestamp: now,
    solutionCode: solution.code,
    market: solution.market,
    kind: solution.kind,
    language: solution.language,
    implementationCode: solution.instalments ? `${solution.instalments}X` : undefined,
    merchantBasketId: String(body.merchantBasketId),
    merchantGlobalOrderId: String(body.merchantGlobalOrderId),
    merchantBuyerId: String(body.merchantBuyerId ?? ""),
    financedAmountCents: amountCents,
    initialFinancedAmountCents: amountCents,
    consolidatedStatus: "INITIALIZED",
    consolidatedSubstatus: SUBSTATUS.IN_PROGRESS,
    cancellationAlreadyMade: false,
    partialCancellationDone: false,
    isDelivered: false,
    isReturned: false,
    buyers: body.buyers as Json[],
    basketItems: ((body.basketDetails as Json).basketItems ?? []) as Json[],
    confirmationUrl: String(((body.merchantUrls ?? {}) as Json).confirmation ?? ""),
    history: [
      {
        at: now,
        consolidatedStatus: "INITIALIZED",
        consolidatedSubstatus: SUBSTATUS.IN_PROGRESS,
        origin: "api",
      },
    ],
    cancellations: [],
  }
  emitStatusEvent(ctx, sub)
  expireIfUnanswered(ctx, sub)
  return sub
}
