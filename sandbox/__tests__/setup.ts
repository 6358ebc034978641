/**
 * One sandbox per test file, reset before each test, with a fresh bearer token; and a helper that
 * creates a file through the API.
 */
import { sampleSubscriptionRequest, type SampleOptions } from "../fixtures"
import { startSandbox, type SandboxHandle, type SandboxOptions } from "../server"
import { api, token } from "./http"

export const EF = "/e-financing/api/v1"
export const WH = "/merchant-webhooks/api/v1"

/** `GET /eligible-solutions` for a billing country and an amount in euros. */
export const eligiblePath = (financedAmount: number, country = "FR") =>
  `${EF}/eligible-solutions?buyerBillingCountry=${country}&financedAmount=${financedAmount}`

/**
 * Starts the sandbox for the file; `ready` receives it and the token before each test. Answers
 * `createFile` on that sandbox with that token.
 */
export function useSandbox(
  ready: (sandbox: SandboxHandle, bearer: string) => void,
  options: SandboxOptions = {}
): (options?: SampleOptions) => Promise<{ id: string; journey: string }> {
  let sandbox: SandboxHandle
  let bearer: string
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, validateResponses: true, ...options })
  })
  afterAll(async () => {
    // Every answer the tests received fits the OpenAPI.
    expect(sandbox.contractViolations()).toEqual([])
    await sandbox.close()
  })
  beforeEach(async () => {
    const violations = [...sandbox.contractViolations()]
    sandbox.reset()
    sandbox.state.contractViolations.push(...violations)
    bearer = await token(sandbox)
    ready(sandbox, bearer)
  })
  return (fileOptions = {}) => createFile(sandbox, bearer, fileOptions)
}

/** `POST /subscriptions` with a valid sample body; fails the test unless 201. */
export async function createFile(
  sandbox: SandboxHandle,
  bearer: string,
  options: SampleOptions = {}
): Promise<{ id: string; journey: string }> {
  const body = sampleSubscriptionRequest(options)
  const language = body.solutionCode.startsWith("SCDE") ? "de-DE" : "fr-FR"
  const res = await api<{ id: string; redirect: { type: string; value: string } }>(
    sandbox,
    bearer,
    "POST",
    `${EF}/subscriptions?language=${language}`,
    body
  )
  expect(res.status).toBe(201)
  return { id: res.json.id, journey: res.json.redirect.value }
}
