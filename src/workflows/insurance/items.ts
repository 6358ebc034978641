import { createHash } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { isScalexpertError } from "../../scalexpert/errors"
import {
  itemRequest,
  type InsurableVariant,
  type InsuranceSolutionCode,
} from "../../scalexpert/insurance"
import { policyService, type InsuranceContext } from "./context"

/**
 * The items registered with the insurer live in the insurance module's table
 * (`scalexpert_insurance_item`), so every server and worker of the shop shares them: a variant is
 * registered once for the deployment, not once per process. Its key is a digest of the insurer's
 * API root, the client id and the item's description: a changed product is registered again.
 */
export function itemKey(scope: string, body: ReturnType<typeof itemRequest>): string {
  return createHash("sha256")
    .update(`${scope}\n${JSON.stringify(body)}`)
    .digest("hex")
}

/** Registrations running in this process, so concurrent product pages send one `POST /items`. */
const inFlight = new Map<string, Promise<string>>()

async function storedItemId(container: MedusaContainer, key: string) {
  const [row] = await policyService(container).listScalexpertInsuranceItems(
    { key },
    { select: ["id", "item_id"], take: 1 }
  )
  return row
}

async function registerItem(
  ctx: InsuranceContext,
  key: string,
  variant: InsurableVariant,
  solutionCode: InsuranceSolutionCode
): Promise<string> {
  const { container } = ctx
  const stored = await storedItemId(container, key)
  if (stored) return stored.item_id
  const itemId = await ctx.client.createItem(itemRequest(variant, solutionCode))
  try {
    await policyService(container).createScalexpertInsuranceItems({
      key,
      variant_id: variant.id,
      solution_code: solutionCode,
      item_id: itemId,
    })
    return itemId
  } catch (error) {
    // Another instance registered it meanwhile (unique key): its id is kept by everyone.
    const winner = await storedItemId(container, key)
    if (winner) return winner.item_id
    throw error
  }
}

/**
 * The insurer's id of the variant's item for a solution: read from the shared table, else
 * registered (`POST /items`) and stored.
 */
export function registeredItemId(
  ctx: InsuranceContext,
  variant: InsurableVariant,
  solutionCode: InsuranceSolutionCode
): Promise<string> {
  const key = itemKey(ctx.scope, itemRequest(variant, solutionCode))
  let pending = inFlight.get(key)
  if (!pending) {
    pending = registerItem(ctx, key, variant, solutionCode)
    inFlight.set(key, pending)
    void pending.then(
      () => inFlight.delete(key),
      () => inFlight.delete(key)
    )
  }
  return pending
}

/** Forgets a stored item (the insurer no longer knows it). */
async function forgetItem(container: MedusaContainer, key: string, itemId: string) {
  const service = policyService(container)
  const rows = await service.listScalexpertInsuranceItems(
    { key, item_id: itemId },
    { select: ["id"] }
  )
  if (rows.length > 0) await service.deleteScalexpertInsuranceItems(rows.map((r) => r.id))
}

/**
 * Runs `fn` with the variant's registered item; an item the insurer no longer knows (404) is
 * registered again, once.
 */
export async function withItem<T>(
  ctx: InsuranceContext,
  variant: InsurableVariant,
  solutionCode: InsuranceSolutionCode,
  fn: (itemId: string) => Promise<T>
): Promise<T> {
  const itemId = await registeredItemId(ctx, variant, solutionCode)
  try {
    return await fn(itemId)
  } catch (error) {
    if (!isScalexpertError(error) || !error.isNotFound) throw error
    await forgetItem(ctx.container, itemKey(ctx.scope, itemRequest(variant, solutionCode)), itemId)
    return fn(await registeredItemId(ctx, variant, solutionCode))
  }
}
