import type { ScalexpertFailureReason } from "./types"

/**
 * The return pages. After the lender's journey the plugin's return route (on the Medusa backend)
 * re-reads the file, completes the cart when the lender accepted or pre-accepted, and sends the
 * shopper to the provider's `successUrl` or `failureUrl`, whose placeholders it fills:
 *
 * - success: `{order_id}`, `{cart_id}`, `{status}` (Scalexpert's status: ACCEPTED, PRE_ACCEPTED);
 * - failure: `{cart_id}`, `{reason}` (refused, abandoned, cancelled, pending, error), `{status}`.
 *
 * `readScalexpertReturn` reads what those pages received, whatever the storefront's URLs look
 * like, as long as the query carries `order_id` (success) or `scalexpert_error` / `reason`
 * (failure).
 */

export type ScalexpertReturn =
  | {
      outcome: "success"
      orderId: string
      cartId?: string
      /** Scalexpert's status, when the success URL carries `{status}`. */
      status?: string
      /** True for a pre-accepted long credit (known only when the URL carries `{status}`). */
      awaitingLenderDecision: boolean
    }
  | {
      outcome: "failure"
      reason: ScalexpertFailureReason
      cartId?: string
      status?: string
    }

const REASONS: readonly ScalexpertFailureReason[] = [
  "refused",
  "abandoned",
  "cancelled",
  "pending",
  "error",
]

export type ReturnParameterNames = {
  orderId?: string
  cartId?: string
  status?: string
  /** Default: `scalexpert_error`, then `reason`. */
  reason?: string
}

function searchParamsOf(input: string | URL | URLSearchParams | { search: string }) {
  if (input instanceof URLSearchParams) return input
  if (input instanceof URL) return input.searchParams
  if (typeof input === "string") {
    const query = input.includes("?") ? input.slice(input.indexOf("?") + 1) : input
    return new URLSearchParams(query.split("#")[0])
  }
  return new URLSearchParams(input.search)
}

/** What the return page's URL says, or `undefined` when it is not a Scalexpert return. */
export function readScalexpertReturn(
  input: string | URL | URLSearchParams | { search: string },
  names: ReturnParameterNames = {}
): ScalexpertReturn | undefined {
  const params = searchParamsOf(input)
  const read = (name: string) => params.get(name)?.trim() || undefined
  const cartId = read(names.cartId ?? "cart_id")
  const status = read(names.status ?? "status")?.toUpperCase()
  const orderId = read(names.orderId ?? "order_id")
  if (orderId) {
    return {
      outcome: "success",
      orderId,
      cartId,
      status,
      awaitingLenderDecision: status === "PRE_ACCEPTED",
    }
  }
  const reason = names.reason ? read(names.reason) : (read("scalexpert_error") ?? read("reason"))
  if (!reason) return undefined
  return {
    outcome: "failure",
    reason: REASONS.includes(reason as ScalexpertFailureReason)
      ? (reason as ScalexpertFailureReason)
      : "error",
    cartId,
    status,
  }
}
