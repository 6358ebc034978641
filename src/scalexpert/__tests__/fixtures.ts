/**
 * What the client tests share beside `helpers.ts`: the sandbox and client of each test, the wire
 * paths they look for in the sandbox's request log, the eligibility question most of them ask,
 * and the sandbox controls they use most.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertClient } from "../client"
import { control, makeClient, sampleSubscriptionRequest, sandboxPerTestFile } from "./helpers"

export const TOKEN_PATH = "/auth-server/api/v1/oauth2/token"
export const ELIGIBILITY_PATH = "/e-financing/api/v1/eligible-solutions"
export const SUBSCRIPTIONS_PATH = "/e-financing/api/v1/subscriptions"

/** An eligibility question the sandbox always answers: 1 000 € in France. */
export const ELIGIBLE = { buyerBillingCountry: "FR", financedAmount: 1000 }

/** Makes the sandbox answer the matching requests with a fault (status, delay, lost answer...). */
export function injectFault(sandbox: SandboxHandle, fault: Record<string, unknown>) {
  return control(sandbox, "POST", "/faults", fault)
}

/**
 * Makes the sandbox answer the eligibility GETs 429 with `Retry-After`, `count` times (default
 * once, 0: always).
 */
export function rateLimitEligibility(
  sandbox: SandboxHandle,
  retryAfterSeconds: number,
  count?: number
) {
  return injectFault(sandbox, {
    method: "GET",
    path: ELIGIBILITY_PATH,
    status: 429,
    retryAfterSeconds,
    count,
  })
}

/** Changes the sandbox's configuration (contracted solutions, token lifetime...). */
export function configureSandbox(sandbox: SandboxHandle, config: Record<string, unknown>) {
  return control(sandbox, "PUT", "/config", config)
}

/**
 * One sandbox for the test file (see `sandboxPerTestFile`); before each test, `use` receives it
 * with a new default client against it.
 */
export function clientPerTest(use: (sandbox: SandboxHandle, client: ScalexpertClient) => void) {
  const shared = sandboxPerTestFile()
  beforeEach(() => use(shared.sandbox, makeClient(shared.sandbox)))
}

/** Creates a file of this solution and amount, has the sandbox's lender accept it: its id. */
export async function acceptedFile(
  client: ScalexpertClient,
  sandbox: SandboxHandle,
  solutionCode = "SCFRSP-3XTS",
  financedAmount = 600
): Promise<string> {
  const { id } = await client.createSubscription(
    sampleSubscriptionRequest({ solutionCode, financedAmount })
  )
  await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
  return id
}
