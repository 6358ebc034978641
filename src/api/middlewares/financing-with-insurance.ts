import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { ResolvedScalexpertOptions } from "../../providers/scalexpert/options"
import type { ScalexpertRefusalCode } from "../../storefront/types"
import { insuranceOf } from "../../workflows/insurance/lines"

type Line = { metadata?: Record<string, unknown> | null }

/** The stable code of the 400 that refuses financing a cart holding insurance. */
export const FINANCING_WITH_INSURANCE_CODE: ScalexpertRefusalCode =
  "scalexpert_financing_unavailable_with_insurance"

/**
 * Whether the shop offers no financing for these cart lines: `hideFinancingWithInsurance` is on
 * and a line is a Scalexpert insurance line (`metadata.scalexpert_insurance`). Off by default:
 * the lender finances a basket that holds insurance (README, "Financing and insurance together").
 */
export function financingHiddenByInsurance(
  items: readonly Line[] | null | undefined,
  options: Pick<ResolvedScalexpertOptions, "hideFinancingWithInsurance">
): boolean {
  return options.hideFinancingWithInsurance === true && (items ?? []).some((l) => insuranceOf(l))
}

/**
 * Refuses (400 `scalexpert_financing_unavailable_with_insurance`) a Scalexpert payment session
 * for a cart that holds insurance when the shop hides financing then. Reads the cart's lines
 * only when the option is on; calls nothing at Scalexpert.
 */
export async function refuseFinancingWithInsurance(
  scope: MedusaContainer,
  cartId: string,
  options: Pick<ResolvedScalexpertOptions, "hideFinancingWithInsurance">
): Promise<void> {
  if (!options.hideFinancingWithInsurance) return
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "items.metadata"],
    filters: { id: cartId },
  })
  const items = (data[0] as { items?: Line[] | null } | undefined)?.items
  if (financingHiddenByInsurance(items, options)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "This shop does not offer Scalexpert financing for a cart that holds a Scalexpert insurance: remove the insurance from the cart, or pay with another method",
      FINANCING_WITH_INSURANCE_CODE
    )
  }
}
