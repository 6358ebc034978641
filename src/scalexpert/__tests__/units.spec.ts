/**
 * Pure pieces: money, gateway message parsing, webhook signatures, token cache, rate limiter,
 * schema tolerance, solution catalogue.
 */
import { errorForLog, redactPersonalData, ScalexpertError } from "../errors"
import { parseGatewayMessage } from "../gateway-message"
import {
  addAmounts,
  amountToCents,
  centsToAmount,
  hasAtMostTwoDecimals,
  subtractAmounts,
  toWireAmount,
} from "../money"
import { SlidingWindowRateLimiter } from "../rate-limiter"
import {
  CreateSubscriptionRequestSchema,
  describeIssues,
  EligibleSolutionsResponseSchema,
  formatGatewayMessage,
  SimulateSolutionsResponseSchema,
  SubscriptionSchema,
  WebhookEnvelopeSchema,
} from "../schemas"
import {
  getSolution,
  languageForSolution,
  marketForSolution,
  SOLUTION_CODES,
  SOLUTIONS,
  solutionName,
} from "../solutions"
import { TokenCache, tokenCacheKey } from "../token-cache"
import { computeWebhookSignature, signWebhook, verifyWebhookSignature } from "../webhook-signature"
import { sampleSubscriptionRequest } from "./helpers"

describe("money", () => {
  it("converts to cents without float drift, rounding half away from zero", () => {
    expect(amountToCents(1199.99)).toBe(119999)
    expect(amountToCents(0.1 + 0.2)).toBe(30)
    expect(amountToCents(1.005)).toBe(101)
    expect(amountToCents(1.004)).toBe(100)
    expect(amountToCents("12.5")).toBe(1250)
    expect(amountToCents(-2.675)).toBe(-268)
    expect(amountToCents(1e-7)).toBe(0)
    expect(amountToCents({ toString: () => "42.129" })).toBe(4213)
    expect(() => amountToCents(Number.NaN)).toThrow(RangeError)
    expect(() => amountToCents("abc")).toThrow(RangeError)
  })

  it("formats wire amounts with at most two decimals", () => {
    expect(toWireAmount(0.1 + 0.2)).toBe(0.3)
    expect(toWireAmount(119.9)).toBe(119.9)
    expect(toWireAmount(10.125)).toBe(10.13)
    expect(JSON.stringify(centsToAmount(29))).toBe("0.29")
    expect(addAmounts(0.1, 0.2, 0.3)).toBe(0.6)
    expect(subtractAmounts(1199.99, 100.01)).toBe(1099.98)
    expect(hasAtMostTwoDecimals(12.34)).toBe(true)
    expect(hasAtMostTwoDecimals(12.345)).toBe(false)
    expect(hasAtMostTwoDecimals(0.1 + 0.2)).toBe(false)
    expect(() => centsToAmount(1.5)).toThrow(RangeError)
  })
})

describe("gateway messages", () => {
  it("parses field and reason of both networknt wordings", () => {
    expect(
      parseGatewayMessage("[Code: 1028 | Message: $.solutionCode: is missing but it is required]")
    ).toEqual({
      code: "1028",
      message: "$.solutionCode: is missing but it is required",
      issues: [{ field: "solutionCode", reason: "is missing but it is required" }],
    })
    expect(
      parseGatewayMessage(
        "[Code: 1028 | Message: $.buyers[0]: required property 'contact' not found]"
      )?.issues
    ).toEqual([{ field: "buyers[0].contact", reason: "required property 'contact' not found" }])
    const many = parseGatewayMessage(
      "[Code: 1028 | Message: $.buyers[0].contact.commonTitle: does not have a value in the enumeration [MR, MRS], $.financedAmount: string found, number expected]"
    )
    expect(many?.issues.map((i) => i.field)).toEqual([
      "buyers[0].contact.commonTitle",
      "financedAmount",
    ])
    expect(many?.issues[0].reason).toBe("does not have a value in the enumeration [MR, MRS]")
    expect(parseGatewayMessage("Internal Server Error")).toBeUndefined()
  })

  it("round-trips what the sandbox formats from zod issues", () => {
    const bad = sampleSubscriptionRequest() as Record<string, unknown>
    delete bad.merchantBuyerId
    ;(bad.buyers as Array<{ contact: { commonTitle: string } }>)[0].contact.commonTitle = "DR"
    const result = CreateSubscriptionRequestSchema.safeParse(bad)
    expect(result.success).toBe(false)
    if (result.success) return
    const issues = describeIssues(result.error, bad)
    const parsed = parseGatewayMessage(formatGatewayMessage(issues))
    expect(parsed?.issues).toEqual(issues)
    expect(issues).toContainEqual({
      field: "merchantBuyerId",
      reason: "is missing but it is required",
    })
    expect(issues).toContainEqual({
      field: "buyers[0].contact.commonTitle",
      reason: "does not have a value in the enumeration [MR, MRS]",
    })
  })

  it("ScalexpertError helpers", () => {
    const e = new ScalexpertError({ kind: "http", status: 503, message: "x" })
    expect(e.isAmbiguous && e.isTransient && !e.isNotFound).toBe(true)
    expect(new ScalexpertError({ kind: "timeout", message: "t" }).isAmbiguous).toBe(true)
    expect(new ScalexpertError({ kind: "http", status: 400, message: "x" }).isAmbiguous).toBe(false)
  })
})

describe("webhook signature", () => {
  const key = "e5399af3ebcde0f3ead45086e13e932f36b1e5a1db002c8bb6a2870a1d22a7b6"
  const body = '{"id":"1","data":{"consolidatedStatus":"ACCEPTED"}}'

  it("is hex HMAC-SHA256 of timestamp.body with the key's UTF-8 bytes", () => {
    // Reference vector: printf '2023-06-27T13:20:30.456Z.{}' | openssl dgst -sha256 -hmac k
    expect(computeWebhookSignature("k", "2023-06-27T13:20:30.456Z", "{}")).toBe(
      "cee698445d78f22c4b41f0b57099ac2f5d50fbdab63521bb48d6345028ede998"
    )
  })

  it("verifies a fresh signature, refuses tampering, stale or missing headers", () => {
    const now = new Date("2024-05-01T10:00:00.000Z")
    const { signature, timestamp } = signWebhook(key, body, now)
    expect(timestamp).toBe("2024-05-01T10:00:00.000Z")
    const ok = verifyWebhookSignature({
      signatureKey: key,
      rawBody: body,
      signature,
      timestamp,
      now,
    })
    expect(ok.valid).toBe(true)
    expect(
      verifyWebhookSignature({
        signatureKey: key,
        rawBody: Buffer.from(body),
        signature: signature.toUpperCase(),
        timestamp,
        now,
      }).valid
    ).toBe(true)
    expect(
      verifyWebhookSignature({ signatureKey: key, rawBody: body + " ", signature, timestamp, now })
    ).toEqual({
      valid: false,
      reason: "mismatch",
    })
    expect(
      verifyWebhookSignature({ signatureKey: "other", rawBody: body, signature, timestamp, now })
    ).toEqual({
      valid: false,
      reason: "mismatch",
    })
    expect(
      verifyWebhookSignature({
        signatureKey: key,
        rawBody: body,
        signature,
        timestamp,
        now: new Date(now.getTime() + 301_000),
      })
    ).toEqual({ valid: false, reason: "expired" })
    expect(
      verifyWebhookSignature({
        signatureKey: key,
        rawBody: body,
        signature,
        timestamp,
        now,
        maxAgeSeconds: 1000,
      }).valid
    ).toBe(true)
    expect(
      verifyWebhookSignature({
        signatureKey: key,
        rawBody: body,
        signature: undefined,
        timestamp,
        now,
      })
    ).toEqual({
      valid: false,
      reason: "missing_signature",
    })
    expect(
      verifyWebhookSignature({ signatureKey: key, rawBody: body, signature, timestamp: "", now })
    ).toEqual({
      valid: false,
      reason: "missing_timestamp",
    })
    expect(
      verifyWebhookSignature({
        signatureKey: key,
        rawBody: body,
        signature,
        timestamp: "yesterday",
        now,
      })
    ).toEqual({
      valid: false,
      reason: "invalid_timestamp",
    })
    expect(
      verifyWebhookSignature({ signatureKey: key, rawBody: body, signature: "zz", timestamp, now })
    ).toEqual({
      valid: false,
      reason: "mismatch",
    })
  })
})

describe("token cache", () => {
  const credential = {
    apiRoot: "http://x/baas/uatc",
    clientId: "id",
    clientSecret: "s",
    scopes: ["e-financing:rw"],
  }

  it("shares one in-flight request and reuses the token until expires_in minus the margin", async () => {
    let clock = 1_000_000
    let calls = 0
    const cache = new TokenCache()
    const fetcher = async () => {
      calls++
      await new Promise((r) => setTimeout(r, 5))
      return { accessToken: `t${calls}`, expiresInSeconds: 900 }
    }
    const opts = { now: () => clock }
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => cache.getToken(credential, fetcher, opts))
    )
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(["t1"]))
    clock += 839_000
    expect((await cache.getToken(credential, fetcher, opts)).accessToken).toBe("t1")
    clock += 2_000 // past 900 s - 60 s margin
    expect((await cache.getToken(credential, fetcher, opts)).accessToken).toBe("t2")
    expect(calls).toBe(2)
  })

  it("invalidates only the token that failed, and shares failures", async () => {
    const cache = new TokenCache()
    let n = 0
    const fetcher = async () => ({ accessToken: `t${++n}`, expiresInSeconds: 900 })
    await cache.getToken(credential, fetcher)
    cache.invalidate(credential, "some-older-token")
    expect((await cache.getToken(credential, fetcher)).accessToken).toBe("t1")
    cache.invalidate(credential, "t1")
    expect((await cache.getToken(credential, fetcher)).accessToken).toBe("t2")

    const failing = new TokenCache()
    let attempts = 0
    const broken = async () => {
      attempts++
      throw new Error("down")
    }
    const results = await Promise.allSettled([
      failing.getToken(credential, broken),
      failing.getToken(credential, broken),
    ])
    expect(results.every((r) => r.status === "rejected")).toBe(true)
    expect(attempts).toBe(1)
    await expect(failing.getToken(credential, fetcher)).resolves.toBeDefined()
  })

  it("keys by root, client id, secret digest and scope set", () => {
    const key = tokenCacheKey(credential)
    expect(key).not.toContain("|s|")
    expect(tokenCacheKey({ ...credential, scopes: ["b", "a"] })).toBe(
      tokenCacheKey({ ...credential, scopes: ["a", "b"] })
    )
    expect(tokenCacheKey({ ...credential, clientSecret: "t" })).not.toBe(key)
    expect(tokenCacheKey({ ...credential, apiRoot: "http://y" })).not.toBe(key)
  })
})

describe("rate limiter", () => {
  it("lets maxRequests through per window and queues the rest in order", async () => {
    const limiter = new SlidingWindowRateLimiter(3, 200)
    const order: number[] = []
    const started = Date.now()
    const stamps: number[] = []
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limiter.acquire().then(() => {
          order.push(i)
          stamps.push(Date.now() - started)
        })
      )
    )
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(stamps.slice(0, 3).every((t) => t < 100)).toBe(true)
    expect(stamps.slice(3, 6).every((t) => t >= 195)).toBe(true)
    expect(stamps[6]).toBeGreaterThanOrEqual(395)
  })

  it("rejects nonsense limits", () => {
    expect(() => new SlidingWindowRateLimiter(0, 1000)).toThrow(RangeError)
    expect(() => new SlidingWindowRateLimiter(5, 0)).toThrow(RangeError)
  })
})

describe("response tolerance", () => {
  it("accepts extra fields, numeric strings, nulls and the OpenAPI example's quirks", () => {
    const sim = SimulateSolutionsResponseSchema.parse({
      financedAmount: "1500.0",
      buyerBillingCountry: "FR",
      extra: true,
      solutionSimulations: [
        {
          solutionCode: "SCFRSP-3XTS",
          simulations: {
            duration: 3,
            effectiveAnnualPercentageRate: 0,
            nominalPercentageRate: 0,
            totalCost: 0,
            dueTotalAmount: "1500.0",
            feesAmount: 0,
            intallments: [{ number: 1, amount: 500 }],
          },
        },
      ],
    })
    expect(sim.financedAmount).toBe(1500)
    expect(sim.solutionSimulations[0].simulations[0].installments).toEqual([
      { number: 1, amount: 500 },
    ])
    expect(sim.solutionSimulations[0].simulations[0].dueTotalAmount).toBe(1500)

    expect(EligibleSolutionsResponseSchema.parse({}).solutions).toEqual([])
    const sub = SubscriptionSchema.parse({
      creditSubscriptionId: "x",
      solutionCode: "SCFRSP-3XTS",
      merchantGlobalOrderId: "o",
      financedAmount: 10,
      consolidatedStatus: "ACCEPTED",
      consolidatedSubstatus: null,
      cancellationStatus: "SOMETHING_NEW",
      somethingElse: { deep: true },
    })
    expect(sub.consolidatedSubstatus).toBeUndefined()
    expect(sub.cancellationStatus).toBe("SOMETHING_NEW")
    expect(sub.cancellationAlreadyMade).toBe(false)
    expect("somethingElse" in sub).toBe(false)
  })

  it("parses the documented webhook envelope", () => {
    const envelope = WebhookEnvelopeSchema.parse({
      timestamp: "2023-06-27T13:20:30.456Z",
      id: "44f5060e-a89c-11ed-afa1-0242ac120002",
      correlationId: "7d9670fe-a0cf-4073-afde-bdc61ca49f75",
      eventTypeCode: "SC_SUBSCRIPTION",
      eventCode: "SC_SUBSCRIPTION_PRE_ACCEPTED",
      data: {
        eventTypeCode: "SC_SUBSCRIPTION",
        eventCode: "SC_SUBSCRIPTION_PRE_ACCEPTED",
        merchantGlobalOrderId: "MYORDER-12345",
        financedAmount: 500.0,
        consolidatedStatus: "PRE_ACCEPTED",
      },
    })
    expect(envelope.replayCount).toBeUndefined()
    expect(envelope.data.merchantGlobalOrderId).toBe("MYORDER-12345")
  })
})

describe("solution catalogue", () => {
  it("describes the nine codes", () => {
    expect(SOLUTION_CODES).toHaveLength(9)
    expect(Object.keys(SOLUTIONS).sort()).toEqual([...SOLUTION_CODES].sort())
    expect(SOLUTION_CODES.filter((c) => SOLUTIONS[c].kind === "split")).toEqual([
      "SCFRSP-3XTS",
      "SCFRSP-3XPS",
      "SCFRSP-4XTS",
      "SCFRSP-4XPS",
    ])
    expect(SOLUTIONS["SCDELT-DXCO"]).toMatchObject({
      market: "DE",
      language: "de-DE",
      phonePrefix: "+49",
      feePayer: "buyer",
    })
    expect(SOLUTIONS["SCFRSP-4XPS"]).toMatchObject({
      installments: { min: 4, max: 4 },
      feePayer: "shared",
    })
    expect(languageForSolution("SCDELT-NEW1")).toBe("de-DE")
    expect(marketForSolution("SCFRLT-TXNO")).toBe("FR")
    expect(getSolution("nope")).toBeUndefined()
    expect(solutionName("SCFRSP-3XTS", "fr")).toBe("Paiement en 3 fois sans frais")
  })
})

describe("redactPersonalData", () => {
  it("masks e-mail addresses and phone numbers in error messages", () => {
    const error = new ScalexpertError({
      kind: "http",
      status: 400,
      message: "buyer camille.durand@example.com with +33 6 12 34 56 78 refused for 1290.50 €",
    })
    expect(error.message).toBe("buyer [email] with [phone] refused for 1290.50 €")
    expect(redactPersonalData("call 0612345678")).toBe("call [phone]")
    const id = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    expect(redactPersonalData(`file ${id} not found`)).toBe(`file ${id} not found`)
  })

  it("masks them in any caught error logged by the workflows and routes", () => {
    const medusa = new Error("Customer with email camille.durand@example.com already exists")
    expect(errorForLog(medusa)).toBe("Customer with email [email] already exists")
    expect(errorForLog("call +49 151 23456789")).toBe("call [phone]")
    expect(errorForLog(new Error("x".repeat(600)))).toHaveLength(500)
    // A workflow's error is a plain object, not an Error.
    const serialized = { name: "Error", message: "Cart for jane@example.com is completed" }
    expect(errorForLog(serialized)).toBe("Cart for [email] is completed")
  })
})
