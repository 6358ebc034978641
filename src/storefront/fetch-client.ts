import type {
  ScalexpertEligibilityResponse,
  ScalexpertOrderSummary,
  ScalexpertOrderSummaryResponse,
  ScalexpertRefusalCode,
  ScalexpertSimulationsResponse,
} from "./types"

/**
 * A typed client of the plugin's store routes and of the checkout steps, for any storefront
 * (browser or server rendering). It only needs `fetch`: no Medusa, Node or React import.
 */

/** The Medusa id of the Scalexpert payment provider (provider `scalexpert`, registered as `scalexpert`). */
export const SCALEXPERT_PROVIDER_ID = "pp_scalexpert_scalexpert"

export type ScalexpertStorefrontConfig = {
  /** The Medusa backend, e.g. `http://localhost:9000` (no trailing slash needed). */
  baseUrl: string
  /** A publishable API key of the sales channel (`pk_...`). */
  publishableKey: string
  /**
   * Language of the solutions' human names (`en`, `fr`, `de`, or a tag such as `fr-FR`), sent as
   * Medusa's `locale` parameter. Default: the browser's `Accept-Language`.
   */
  locale?: string
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
  /** Extra headers on every request. */
  headers?: Record<string, string>
  /** `fetch`'s credentials mode (default: the browser's, `same-origin`). */
  credentials?: RequestCredentials
  /** Payment provider id, when the shop registered the provider under another id. */
  providerId?: string
}

/** A store route refused the request, or could not be reached. */
export class ScalexpertStoreError extends Error {
  override readonly name = "ScalexpertStoreError"
  constructor(
    message: string,
    /** HTTP status; 0 when no answer came back. */
    readonly status: number,
    /** Medusa's error `type` (`invalid_data`, `not_found`, `scalexpert_unavailable`...). */
    readonly type?: string,
    /**
     * The plugin's stable machine code of a refusal (`scalexpert_phone_required`...; see
     * `ScalexpertRefusalCode`), or Medusa's own error code, when the answer carried one.
     */
    readonly code?: ScalexpertRefusalCode | (string & {})
  ) {
    super(message)
  }
}

export type EligibilityRequest = {
  /** Decimal euros, e.g. `1290` or `349.9`. */
  amount: number | string
  /** The shopper's billing country (`FR`, `DE`; any case). */
  country: string
  /** The product shown: the shop's product and category exclusions apply. */
  productId?: string
}

export type SimulationRequest = EligibilityRequest & {
  /** Only these solutions (default: every eligible one). */
  solutionCodes?: string[]
}

export type StartFinancingRequest = {
  cartId: string
  /** A `code` from the cart's eligibility. */
  solutionCode: string
}

/** What starting the financing gives: where to send the shopper. */
export type ScalexpertFinancingSession = {
  paymentCollectionId: string
  paymentSessionId: string
  /** The lender's journey: send the browser there (see `followRedirect`). */
  redirectUrl: string
  subscriptionId: string
  solutionCode: string
  /** The amount financed (decimal euros). */
  amount: number
}

type Json = Record<string, unknown>

export type ScalexpertStorefrontClient = ReturnType<typeof createScalexpertStorefront>

export function createScalexpertStorefront(config: ScalexpertStorefrontConfig) {
  const baseUrl = config.baseUrl.replace(/\/+$/, "")
  const providerId = config.providerId ?? SCALEXPERT_PROVIDER_ID
  const doFetch = (...args: Parameters<typeof fetch>) => (config.fetch ?? fetch)(...args)

  function url(path: string, query: Record<string, string | undefined> = {}) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, value)
    }
    if (config.locale) params.set("locale", config.locale)
    const search = params.toString()
    return `${baseUrl}${path}${search ? `?${search}` : ""}`
  }

  async function request<T>(
    method: "GET" | "POST",
    path: string,
    options: { query?: Record<string, string | undefined>; body?: unknown } = {}
  ): Promise<T> {
    let response: Response
    try {
      response = await doFetch(url(path, options.query), {
        method,
        credentials: config.credentials,
        headers: {
          accept: "application/json",
          "x-publishable-api-key": config.publishableKey,
          ...(options.body === undefined ? {} : { "content-type": "application/json" }),
          ...config.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      })
    } catch (error) {
      throw new ScalexpertStoreError(
        `Could not reach the store at ${baseUrl}: ${error instanceof Error ? error.message : String(error)}`,
        0
      )
    }
    const text = await response.text()
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = undefined
    }
    if (!response.ok) {
      const error = (body ?? {}) as { message?: unknown; type?: unknown; code?: unknown }
      throw new ScalexpertStoreError(
        typeof error.message === "string" && error.message
          ? error.message
          : `${method} ${path} failed with HTTP ${response.status}`,
        response.status,
        typeof error.type === "string" ? error.type : undefined,
        typeof error.code === "string" && error.code ? error.code : undefined
      )
    }
    return body as T
  }

  const amountQuery = (input: EligibilityRequest) => ({
    amount: String(input.amount),
    country: input.country,
    product_id: input.productId,
  })

  return {
    config: { ...config, baseUrl, providerId },

    /** The solutions to offer for an amount and a country (product page), with their kits. */
    getEligibility(input: EligibilityRequest): Promise<ScalexpertEligibilityResponse> {
      return request("GET", "/store/scalexpert/eligibility", { query: amountQuery(input) })
    },

    /** The solutions to offer for a cart: its total, billing country and products. */
    getCartEligibility(cartId: string): Promise<ScalexpertEligibilityResponse> {
      return request("GET", "/store/scalexpert/eligibility", { query: { cart_id: cartId } })
    },

    /** Simulations (instalments, fees, APR, totals; one plan per duration for long credit). */
    getSimulations(input: SimulationRequest): Promise<ScalexpertSimulationsResponse> {
      return request("GET", "/store/scalexpert/simulations", {
        query: { ...amountQuery(input), solution_codes: input.solutionCodes?.join(",") },
      })
    },

    /** A non-personal summary of an order paid with Scalexpert (confirmation page). */
    async getOrder(orderId: string): Promise<ScalexpertOrderSummary> {
      const { order } = await request<ScalexpertOrderSummaryResponse>(
        "GET",
        `/store/scalexpert/orders/${encodeURIComponent(orderId)}`
      )
      return order
    },

    /**
     * Starts the financing of a cart (ready for payment: email, addresses, shipping method):
     * makes its payment collection if it has none, then the Scalexpert payment session, the
     * standard `POST /store/payment-collections/:id/payment-sessions`. The plugin checks the cart
     * on the server; a cart it cannot finance is a `ScalexpertStoreError` (400) saying why.
     */
    async startFinancing(input: StartFinancingRequest): Promise<ScalexpertFinancingSession> {
      const cartPath = `/store/carts/${encodeURIComponent(input.cartId)}`
      const { cart } = await request<{ cart: { payment_collection?: { id: string } | null } }>(
        "GET",
        cartPath,
        { query: { fields: "id,payment_collection.id" } }
      )
      let collectionId = cart.payment_collection?.id
      if (!collectionId) {
        const created = await request<{ payment_collection: { id: string } }>(
          "POST",
          "/store/payment-collections",
          { body: { cart_id: input.cartId } }
        )
        collectionId = created.payment_collection.id
      }
      const { payment_collection } = await request<{
        payment_collection: {
          payment_sessions?: { id: string; provider_id: string; data?: Json }[]
        }
      }>(
        "POST",
        `/store/payment-collections/${encodeURIComponent(collectionId)}/payment-sessions`,
        {
          body: { provider_id: providerId, data: { solution_code: input.solutionCode } },
        }
      )
      const session = payment_collection.payment_sessions?.find((s) => s.provider_id === providerId)
      const data = session?.data ?? {}
      if (!session || typeof data.redirect_url !== "string" || !data.redirect_url) {
        throw new ScalexpertStoreError(
          "The store did not return the lender's journey URL for this payment session",
          502
        )
      }
      return {
        paymentCollectionId: collectionId,
        paymentSessionId: session.id,
        redirectUrl: data.redirect_url,
        subscriptionId: String(data.subscription_id ?? ""),
        solutionCode: String(data.solution_code ?? input.solutionCode),
        amount: Number(data.amount),
      }
    },
  }
}

/** Sends the browser to the lender's journey (Back brings the shopper to the checkout again). */
export function followRedirect(
  session: Pick<ScalexpertFinancingSession, "redirectUrl">,
  location: Pick<Location, "assign"> = globalThis.location
): void {
  const target = new URL(session.redirectUrl)
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    throw new ScalexpertStoreError(`Refusing to redirect to ${target.protocol} URL`, 0)
  }
  location.assign(target.toString())
}
