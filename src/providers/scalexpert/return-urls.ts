import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ResolvedScalexpertOptions } from "./options"

/**
 * Where the return route sends the shopper: the provider's `successUrl` or `failureUrl` with its
 * placeholders filled. The cart id and the cart's country travel in the URL, so that a storefront
 * whose cart cookie is `SameSite=Strict` (not sent at the end of a journey that started on the
 * lender's site) can restore the cart without its cookie.
 */

/** The placeholders a success or failure URL may hold. */
export const RETURN_URL_PLACEHOLDERS = [
  "cart_id",
  "country_code",
  "order_id",
  "status",
  "reason",
] as const

export type ReturnUrlValues = Partial<
  Record<(typeof RETURN_URL_PLACEHOLDERS)[number], string | undefined>
>

/** Fills `{name}` placeholders (URL-encoded; unknown or missing values become empty). */
export function fillReturnUrl(template: string, values: ReturnUrlValues): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name as keyof ReturnUrlValues] ?? "")
  )
}

type CartCountry = {
  id: string
  billing_address?: { country_code?: string | null } | null
  shipping_address?: { country_code?: string | null } | null
  region?: { countries?: { iso_2?: string | null }[] | null } | null
}

/** The cart of a payment session, when the return could not say which. */
async function cartIdOfSession(scope: MedusaContainer, sessionId: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sessions } = await query.graph({
    entity: "payment_session",
    fields: ["payment_collection_id"],
    filters: { id: sessionId },
  })
  const collectionId = (sessions[0] as { payment_collection_id?: string } | undefined)
    ?.payment_collection_id
  if (!collectionId) return undefined
  const { data: links } = await query.graph({
    entity: "cart_payment_collection",
    fields: ["cart_id"],
    filters: { payment_collection_id: collectionId },
  })
  return (links[0] as { cart_id?: string } | undefined)?.cart_id
}

/**
 * The cart id and its country (lower case: the billing address's, else the shipping address's,
 * else the region's when it has one country), or what could be found of them.
 */
export async function cartReturnValues(
  scope: MedusaContainer,
  sessionId: string,
  knownCartId?: string
): Promise<{ cart_id?: string; country_code?: string }> {
  try {
    const cartId = knownCartId ?? (await cartIdOfSession(scope, sessionId))
    if (!cartId) return {}
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "cart",
      fields: [
        "id",
        "billing_address.country_code",
        "shipping_address.country_code",
        "region.countries.iso_2",
      ],
      filters: { id: cartId },
    })
    const cart = data[0] as CartCountry | undefined
    const countries = cart?.region?.countries ?? []
    const country =
      cart?.billing_address?.country_code ||
      cart?.shipping_address?.country_code ||
      (countries.length === 1 ? countries[0].iso_2 : undefined)
    return { cart_id: cartId, country_code: country ? country.toLowerCase() : undefined }
  } catch {
    // The shopper is still sent on, with what is known.
    return { cart_id: knownCartId }
  }
}

/** The storefront URL the return route redirects to. */
export async function storefrontReturnUrl(
  scope: MedusaContainer,
  options: Pick<ResolvedScalexpertOptions, "successUrl" | "failureUrl">,
  input: { sessionId: string; success: boolean; outcome: ReturnUrlValues }
): Promise<string> {
  const cart = await cartReturnValues(scope, input.sessionId, input.outcome.cart_id)
  const values: ReturnUrlValues = { ...input.outcome, ...cart }
  return fillReturnUrl(input.success ? options.successUrl : options.failureUrl, values)
}
