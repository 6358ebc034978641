import { ScalexpertStoreError } from "./fetch-client"
import type { ScalexpertRefusalCode } from "./types"

/**
 * Results instead of exceptions, for server actions. Next.js masks the message of an error thrown
 * in a server action in production ("An error occurred in the Server Components render..."), so a
 * refusal such as "A valid mobile phone number is required..." would never reach the shopper.
 * Return `scalexpertAction(...)` from the action instead: a plain, serialisable object.
 */

export type ScalexpertActionError = {
  /**
   * A stable machine code: a `ScalexpertRefusalCode` (`scalexpert_phone_required`...) for a cart
   * the plugin refused before any call to Scalexpert, `scalexpert_unavailable` when Scalexpert
   * could not answer, `scalexpert_network_error` when the backend could not be reached, else
   * Medusa's error code or type (`not_found`, `invalid_data`...) or `scalexpert_error`.
   */
  code: ScalexpertRefusalCode | (string & {})
  /** The backend's message, in English: show it, or translate by `code`. */
  message: string
  /** The HTTP status (0 when no answer came back). */
  status: number
}

export type ScalexpertActionResult<T> =
  { data: T; error?: undefined } | { data?: undefined; error: ScalexpertActionError }

type ErrorLike = {
  message?: unknown
  status?: unknown
  code?: unknown
  type?: unknown
}

/** Any error thrown by the kit's client, `@medusajs/js-sdk` or `fetch`, as a plain object. */
export function toScalexpertActionError(error: unknown): ScalexpertActionError {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike
  const status = typeof e.status === "number" ? e.status : 0
  const message =
    typeof e.message === "string" && e.message ? e.message : String(error ?? "Unknown error")
  const code =
    typeof e.code === "string" && e.code
      ? e.code
      : e.type === "scalexpert_unavailable"
        ? "scalexpert_unavailable"
        : error instanceof ScalexpertStoreError && status === 0
          ? "scalexpert_network_error"
          : typeof e.type === "string" && e.type
            ? e.type
            : "scalexpert_error"
  return { code, message, status }
}

/**
 * Runs `work` and returns `{ data }`, or `{ error: { code, message, status } }` instead of
 * throwing, e.g. in a server action:
 *
 * ```ts
 * "use server"
 * export async function startScalexpert(solutionCode: string) {
 *   const cartId = await getCartId()
 *   return scalexpertAction(() => scalexpert.startFinancing({ cartId: cartId!, solutionCode }))
 * }
 * ```
 */
export async function scalexpertAction<T>(
  work: () => Promise<T>
): Promise<ScalexpertActionResult<T>> {
  try {
    return { data: await work() }
  } catch (error) {
    return { error: toScalexpertActionError(error) }
  }
}
