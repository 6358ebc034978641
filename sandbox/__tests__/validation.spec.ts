/**
 * Strict validation against the OpenAPI, eligibility and simulation.
 */
import { sampleSubscriptionRequest } from "../fixtures"
import { type SandboxHandle } from "../server"
import { api, http } from "./http"
import { EF, eligiblePath, useSandbox } from "./setup"

let sandbox: SandboxHandle, bearer: string
const create = useSandbox((s, b) => ([sandbox, bearer] = [s, b]))
const postFile = <T>(query: string, body: unknown) =>
  api<T>(sandbox, bearer, "POST", `${EF}/subscriptions${query}`, body)

describe("strict validation", () => {
  it("422 in the gateway's shape for a body breaking the schema", async () => {
    const body = sampleSubscriptionRequest() as unknown as Record<string, unknown>
    delete body.merchantUrls
    ;(body.buyers as Array<{ contact: { email: string } }>)[0].contact.email = "Not@Lower.case"
    const res = await postFile<{ message: string; requestId: string; traceId: string }>(
      "?language=fr-FR",
      body
    )
    expect(res.status).toBe(422)
    expect(Object.keys(res.json).sort()).toEqual(["message", "requestId", "traceId"])
    expect(res.json.message).toMatch(/^\[Code: 1028 \| Message: .*\]$/)
    expect(res.json.message).toContain("$.merchantUrls: is missing but it is required")
    expect(res.json.message).toContain(
      "$.buyers[0].contact.email: does not match the regex pattern"
    )
    expect(sandbox.subscriptions()).toHaveLength(0)
  })

  it("422 without the required language, 400 for malformed JSON", async () => {
    const missing = await postFile<{ message: string }>("", sampleSubscriptionRequest())
    expect(missing.status).toBe(422)
    expect(missing.json.message).toContain("$.language: is missing but it is required")
    const malformed = await postFile<{ errorCode: string }>("?language=fr-FR", "{oops")
    expect(malformed.status).toBe(400)
    expect(malformed.json.errorCode).toBe("REQUEST_VALIDATION_ERROR")
  })

  it("business errors carry errorCode, errorMessage and errors[]", async () => {
    const body = sampleSubscriptionRequest({ solutionCode: "SCFRLT-TXNO", financedAmount: 500 })
    const res = await postFile<Record<string, unknown>>("?language=fr-FR", body)
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({
      httpStatusCode: 400,
      httpStatusMessage: "Bad Request",
      errorCode: "FORBIDDEN",
      errors: [{ code: "FORBIDDEN" }],
      requestMethod: "POST",
      requestURI: "/v1/subscriptions",
    })
  })

  it("400 INVALID_PAGE_INDEX for page 0", async () => {
    const res = await api<{ errorCode: string }>(
      sandbox,
      bearer,
      "GET",
      `${EF}/subscriptions?page=0`
    )
    expect(res).toMatchObject({ status: 400, json: { errorCode: "INVALID_PAGE_INDEX" } })
  })
})

describe("eligibility and simulation", () => {
  it("answers {} when nothing is eligible", async () => {
    const res = await api(sandbox, bearer, "GET", eligiblePath(50))
    expect(res.status).toBe(200)
    expect(res.json).toEqual({})
  })

  it("serves the communication kit's logo, icon and documents locally", async () => {
    const res = await api<{ solutions: Array<{ communicationKit: Record<string, string> }> }>(
      sandbox,
      bearer,
      "GET",
      eligiblePath(2500, "DE")
    )
    for (const s of res.json.solutions) {
      const kit = s.communicationKit
      expect(kit.visualTitle).toBeTruthy()
      expect(kit.visualLegalText).toMatch(/Hanseatic Bank/)
      for (const url of [
        kit.visualLogo,
        kit.visualInformationIcon,
        kit.visualInformationNoticeURL,
        kit.visualProductTermsURL,
      ]) {
        expect(url.startsWith(sandbox.url)).toBe(true)
        expect((await http(url)).status).toBe(200)
      }
      expect((await http(kit.visualLogo)).text).toContain("<svg")
    }
  })
})

describe("POST /subscriptions rules", () => {
  const post = (body: unknown, language = "fr-FR") =>
    api<{ message?: string; errorCode?: string }>(
      sandbox,
      bearer,
      "POST",
      `${EF}/subscriptions?language=${language}`,
      body
    )
  const sample = (changes: (b: ReturnType<typeof sampleSubscriptionRequest>) => void) => {
    const body = sampleSubscriptionRequest()
    changes(body)
    return body
  }

  it("refuses a language that is not the solution's market's", async () => {
    const res = await post(sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XTS" }), "de-DE")
    expect(res).toMatchObject({ status: 400, json: { errorCode: "REQUEST_VALIDATION_ERROR" } })
  })

  it("refuses a phone number of another country than the market", async () => {
    const body = sample((b) => (b.buyers[0].contact.mobilePhoneNumber = "+4915123456789"))
    const res = await post(body)
    expect(res).toMatchObject({ status: 400, json: { errorCode: "REQUEST_VALIDATION_ERROR" } })
  })

  it("answers the gateway's 422 for the email pattern, a length, a missing field", async () => {
    const email = await post(sample((b) => (b.buyers[0].contact.email = "Paul@Example.com")))
    expect(email.status).toBe(422)
    expect(email.json.message).toMatch(
      /^\[Code: 1028 \| Message: \$\.buyers\[0\]\.contact\.email: /
    )
    const long = await post(sample((b) => (b.buyers[0].billingAddress.zipCode = "1".repeat(17))))
    expect(long.json.message).toContain(
      "$.buyers[0].billingAddress.zipCode: may only be 16 characters long"
    )
    const missing = await post(sample((b) => delete (b as Partial<typeof b>).merchantBuyerId))
    expect(missing.json.message).toContain("$.merchantBuyerId: is missing but it is required")
    const digits = await post(sample((b) => (b.buyers[0].contact.firstName = "Paul2")))
    expect(digits.json.message).toContain("$.buyers[0].contact.firstName: does not match")
  })

  it("refuses a second file with the same merchantGlobalOrderId", async () => {
    await create({ merchantGlobalOrderId: "ORDER-1" })
    const again = await post(sampleSubscriptionRequest({ merchantGlobalOrderId: "ORDER-1" }))
    expect(again).toMatchObject({ status: 400, json: { errorCode: "BAD_REQUEST" } })
  })
})
