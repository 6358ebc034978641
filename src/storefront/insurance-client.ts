/**
 * Fetch client of the insurance store routes (no React): offers for a product page, and adding or
 * removing the chosen cover of a cart line.
 */
import { ScalexpertStoreError } from "./fetch-client"
import type {
  ScalexpertInsuranceCartResponse,
  ScalexpertInsuranceOffersResponse,
  ScalexpertInsuranceSolutionCode,
} from "./insurance-types"

export type ScalexpertInsuranceClientConfig = {
  /** The Medusa backend, e.g. `http://localhost:9000`. */
  baseUrl: string
  /** A publishable API key of the sales channel (`pk_...`). */
  publishableKey: string
  fetch?: typeof fetch
  headers?: Record<string, string>
}

/** The cover the shopper picked for a line. */
export type ScalexpertInsuranceChoice = {
  solution_code: ScalexpertInsuranceSolutionCode
  insurance_id: string
}

export type ScalexpertInsuranceClient = ReturnType<typeof createScalexpertInsuranceClient>

export function createScalexpertInsuranceClient(config: ScalexpertInsuranceClientConfig) {
  const base = `${config.baseUrl.replace(/\/+$/, "")}/store/scalexpert/insurance`
  const doFetch = (...args: Parameters<typeof fetch>) => (config.fetch ?? fetch)(...args)

  async function request<T>(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body?: unknown
  ): Promise<T> {
    let response: Response
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          accept: "application/json",
          "x-publishable-api-key": config.publishableKey,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...config.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      throw new ScalexpertStoreError(
        `Could not reach the store: ${(error as Error)?.message ?? error}`,
        0
      )
    }
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>
    if (!response.ok) {
      throw new ScalexpertStoreError(
        typeof json.message === "string" ? json.message : `HTTP ${response.status}`,
        response.status,
        typeof json.type === "string" ? json.type : undefined,
        typeof json.code === "string" ? json.code : undefined
      )
    }
    return json as T
  }

  return {
    /** Offers for a variant bought in `country` (`FR`), at its price in the region. */
    offers: (input: { variantId: string; regionId: string; country: string }) =>
      request<ScalexpertInsuranceOffersResponse>(
        "GET",
        `/offers?${new URLSearchParams({ variant_id: input.variantId, region_id: input.regionId, country: input.country })}`
      ),
    /** Adds the chosen cover of a cart line (priced by the insurer's quotation). */
    addToCart: (cartId: string, lineItemId: string, choice: ScalexpertInsuranceChoice) =>
      request<ScalexpertInsuranceCartResponse>(
        "POST",
        `/carts/${encodeURIComponent(cartId)}/lines`,
        {
          line_item_id: lineItemId,
          ...choice,
        }
      ),
    /** Removes the cover of a line (the insurance line or the insured line). */
    removeFromCart: (cartId: string, lineItemId: string) =>
      request<ScalexpertInsuranceCartResponse>(
        "DELETE",
        `/carts/${encodeURIComponent(cartId)}/lines/${encodeURIComponent(lineItemId)}`
      ),
  }
}

/** Whether a cart line is an insurance line (`metadata.scalexpert_insurance`). */
export function isInsuranceLine(line: { metadata?: Record<string, unknown> | null }): boolean {
  return !!line.metadata && typeof line.metadata.scalexpert_insurance === "object"
}
