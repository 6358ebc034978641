/**
 * The error paths of requests and answers, through the client, against the sandbox: one
 * `ScalexpertError` type with status, errorCode, message, requestId/traceId and, for gateway 422s,
 * field and reason. Errors on an existing file: `client.file-errors.spec.ts`.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertClient } from "../client"
import { ScalexpertError, ScalexpertUnknownStatusError } from "../errors"
import { clientPerTest, configureSandbox } from "./fixtures"
import { caught, control, makeClient, sampleSubscriptionRequest } from "./helpers"

let sandbox: SandboxHandle
let client: ScalexpertClient
/** The same client without local validation, to see what the API itself answers. */
let raw: ScalexpertClient
clientPerTest((s, c) => {
  sandbox = s
  client = c
  raw = makeClient(s, { validateRequests: false })
})

describe("validation", () => {
  it("refuses a request breaking the contract before sending it", async () => {
    const request = sampleSubscriptionRequest()
    request.buyers[0].contact.email = "Paul.Dupont@Example.com"
    const error = await caught<ScalexpertError>(() => client.createSubscription(request))
    expect(error).toBeInstanceOf(ScalexpertError)
    expect(error).toMatchObject({
      kind: "client_validation",
      status: undefined,
      errorCode: "CLIENT_VALIDATION_ERROR",
      field: "buyers[0].contact.email",
    })
    expect(error.reason).toMatch(/^does not match the regex pattern/)
    expect(error.isValidationError).toBe(true)
    expect(sandbox.requests({ kind: "api" })).toHaveLength(0)
  })

  it("parses the gateway's 422 into field and reason, with requestId and traceId", async () => {
    const request = sampleSubscriptionRequest()
    request.buyers[0].billingContact.mobilePhoneNumber = "0612345678"
    const error = await caught<ScalexpertError>(() => raw.createSubscription(request))
    expect(error).toMatchObject({
      kind: "http",
      status: 422,
      errorCode: "1028",
      field: "buyers[0].billingContact.mobilePhoneNumber",
      reason: "does not match the regex pattern ^\\+[1-9]\\d{1,14}$",
    })
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(error.traceId).toMatch(/^[0-9a-f]{32}$/)
    expect(error.isValidationError).toBe(true)
  })

  it("reports a missing field as the gateway does", async () => {
    const { solutionCode: _omitted, ...request } = sampleSubscriptionRequest()
    const error = await caught<ScalexpertError>(() =>
      raw.createSubscription(request as ReturnType<typeof sampleSubscriptionRequest>, {
        language: "fr-FR",
      })
    )
    expect(error).toMatchObject({
      status: 422,
      field: "solutionCode",
      reason: "is missing but it is required",
    })
  })

  it("refuses amounts with more than two decimals", async () => {
    const local = await caught<ScalexpertError>(() =>
      client.simulateSolutions({ financedAmount: 10.123, buyerBillingCountry: "FR" })
    )
    expect(local).toMatchObject({ kind: "client_validation", field: "financedAmount" })
    const remote = await caught<ScalexpertError>(() =>
      raw.simulateSolutions({ financedAmount: 10.123, buyerBillingCountry: "FR" })
    )
    expect(remote).toMatchObject({ status: 422, field: "financedAmount" })
  })

  it("answers INVALID_COUNTRY_CODE for a country that is not ISO alpha-2", async () => {
    const error = await caught<ScalexpertError>(() =>
      raw.getEligibleSolutions({ buyerBillingCountry: "fr", financedAmount: 100 })
    )
    expect(error).toMatchObject({ status: 400, errorCode: "INVALID_COUNTRY_CODE" })
  })
})

describe("business errors of POST /subscriptions", () => {
  it("400 BAD_REQUEST for a duplicate merchantGlobalOrderId", async () => {
    const request = sampleSubscriptionRequest()
    await client.createSubscription(request)
    const error = await caught<ScalexpertError>(() => client.createSubscription(request))
    expect(error).toMatchObject({ status: 400, errorCode: "BAD_REQUEST", kind: "http" })
    expect(error.message).toContain("merchantGlobalOrderId")
    expect(sandbox.subscriptions()).toHaveLength(1)
  })

  it("FORBIDDEN for a solution that is not eligible (amount, market or contract)", async () => {
    const tooBig = await caught<ScalexpertError>(() =>
      client.createSubscription(
        sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XTS", financedAmount: 5000 })
      )
    )
    expect(tooBig).toMatchObject({ status: 400, errorCode: "FORBIDDEN" })
    expect(tooBig.isForbidden).toBe(true)

    const unknown = await caught<ScalexpertError>(() =>
      client.createSubscription(sampleSubscriptionRequest({ solutionCode: "SCFRXX-9XZZ" }), {
        language: "fr-FR",
      })
    )
    expect(unknown).toMatchObject({ status: 400, errorCode: "FORBIDDEN" })

    await configureSandbox(sandbox, { contractedSolutions: ["SCFRSP-4XTS"] })
    const notContracted = await caught<ScalexpertError>(() =>
      client.createSubscription(sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XTS" }))
    )
    expect(notContracted).toMatchObject({ status: 400, errorCode: "FORBIDDEN" })
  })

  it("REQUEST_VALIDATION_ERROR when the phone's country does not match the market", async () => {
    const request = sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XTS" })
    request.buyers[0].deliveryContact = {
      ...request.buyers[0].deliveryContact,
      mobilePhoneNumber: "+4915123456789",
    }
    const error = await caught<ScalexpertError>(() => client.createSubscription(request))
    expect(error).toMatchObject({ status: 400, errorCode: "REQUEST_VALIDATION_ERROR" })
    expect(error.field).toBe("buyers[0].deliveryContact.mobilePhoneNumber")
    expect(error.isValidationError).toBe(true)
  })
})

describe("responses outside the contract", () => {
  it("an unknown consolidatedStatus is a typed error, not a crash", async () => {
    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    await control(sandbox, "POST", `/subscriptions/${id}/status`, {
      consolidatedStatus: "ON_HOLD",
      consolidatedSubstatus: "WAITING FOR SOMETHING NEW",
      force: true,
    })
    const error = await caught<ScalexpertUnknownStatusError>(() => client.getSubscription(id))
    expect(error).toBeInstanceOf(ScalexpertUnknownStatusError)
    expect(error).toBeInstanceOf(ScalexpertError)
    expect(error).toMatchObject({
      kind: "unknown_status",
      receivedStatus: "ON_HOLD",
      subscriptionId: id,
      status: 200,
    })

    const listError = await caught<ScalexpertUnknownStatusError>(() => client.listSubscriptions())
    expect(listError).toMatchObject({ receivedStatus: "ON_HOLD", subscriptionId: id })
  })

  it("a 2xx body breaking the contract is an invalid_response error", async () => {
    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    await control(sandbox, "POST", "/faults", {
      method: "GET",
      path: `/e-financing/api/v1/subscriptions/${id}`,
      status: 200,
      body: { creditSubscriptionId: id },
    })
    const error = await caught<ScalexpertError>(() => client.getSubscription(id))
    expect(error).toMatchObject({
      kind: "invalid_response",
      errorCode: "INVALID_RESPONSE",
      status: 200,
    })
  })

  it("wrong credentials give a 401 error without retry", async () => {
    const bad = makeClient(sandbox, { clientSecret: "nope" })
    const error = await caught<ScalexpertError>(() =>
      bad.getSubscription("3f1c2a7e-1d0b-4c56-9a55-0f4f3b1f9a10")
    )
    expect(error).toMatchObject({ status: 401, errorCode: "invalid_client" })
    expect(error.isUnauthorized).toBe(true)
    expect(sandbox.requests({ kind: "token" })).toHaveLength(1)
    expect(sandbox.requests({ kind: "api" })).toHaveLength(0)
  })

  it("errors serialise without secrets", async () => {
    const error = await caught<ScalexpertError>(() =>
      client.getSubscription("3f1c2a7e-1d0b-4c56-9a55-0f4f3b1f9a10")
    )
    const text = JSON.stringify(error)
    expect(text).toContain("ENTITY_NOT_FOUND")
    expect(text).not.toContain(sandbox.credentials.clientSecret)
    expect(text).not.toContain("sbx.")
  })
})
