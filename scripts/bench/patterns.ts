/**
 * The official Scalexpert plugins' patterns, as strategies making raw HTTP calls to the sandbox
 * (what they do, not their code):
 * - PrestaShop: a token request before every API call; an hourly cron that reads every file;
 * - WooCommerce: a token cached for a fixed hour (no sharing between concurrent cold callers); one
 *   read per order per cron run.
 * Neither paces its requests nor retries a 429.
 */
import { sampleSubscriptionRequest } from "../../sandbox/fixtures"
import { SCOPES } from "../../src/scalexpert/schemas"
import type { BenchSandbox } from "./sandbox"

export type PatternName = "prestashop" | "woocommerce"

const E_FINANCING = "/e-financing/api/v1"

export class Pattern {
  private cached_?: { token: string; until: number }
  /** Token requests made so far. */
  tokenRequests = 0

  constructor(
    readonly name: PatternName,
    private readonly sandbox: BenchSandbox
  ) {}

  /** Forgets the cached token (a cold start). */
  cold(): void {
    this.cached_ = undefined
  }

  private async fetchToken(): Promise<string> {
    this.tokenRequests++
    const basic = Buffer.from(`${this.sandbox.clientId}:${this.sandbox.clientSecret}`).toString(
      "base64"
    )
    const res = await fetch(`${this.sandbox.apiRoot}/auth-server/api/v1/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: SCOPES.eFinancing }),
    })
    if (res.status !== 200) throw new PatternError(res.status)
    return ((await res.json()) as { access_token: string }).access_token
  }

  private async token(): Promise<string> {
    if (this.name === "prestashop") return this.fetchToken()
    if (this.cached_ && this.cached_.until > Date.now()) return this.cached_.token
    const token = await this.fetchToken()
    this.cached_ = { token, until: Date.now() + 3600_000 }
    return token
  }

  /** One API call with the pattern's token handling; throws on anything but 2xx. */
  async call(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const token = await this.token()
    const res = await fetch(`${this.sandbox.apiRoot}${E_FINANCING}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (res.status >= 300) throw new PatternError(res.status)
    const text = await res.text()
    return text ? (JSON.parse(text) as unknown) : undefined
  }

  eligibility(amount: number) {
    return this.call("GET", `/eligible-solutions?financedAmount=${amount}&buyerBillingCountry=FR`)
  }

  /** A checkout: the file is created, the shopper comes back, the file is read. */
  async checkout(decide: (id: string) => Promise<unknown>): Promise<void> {
    const created = (await this.call(
      "POST",
      "/subscriptions?language=fr-FR",
      sampleSubscriptionRequest({ solutionCode: "SCFRSP-3XTS" })
    )) as { id: string }
    await decide(created.id)
    await this.read(created.id)
  }

  read(id: string) {
    return this.call("GET", `/subscriptions/${encodeURIComponent(id)}`)
  }
}

export class PatternError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`)
  }
}
