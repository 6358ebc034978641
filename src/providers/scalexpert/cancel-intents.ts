import { MemoryLock, MemorySharedStore, type SharedState } from "../../scalexpert/shared-store"
import type { AfterOrderData } from "./cancellation"
import { currentSharedState } from "./shared-module-lookup"

/**
 * The cancellations the plugin is sending to the lender right now. Each `_cancel` is recorded
 * here before the call and stays until the caller has stored the lender's answer in the payment's
 * data (its call id then appears in `calls`): meanwhile a read that sees the file's amount lower
 * than Medusa knows tells "cancelled by us, on its way" from "cancelled outside Medusa" at once,
 * without waiting. Kept in Medusa's caching module (shared by every instance), or in this process.
 */
export type CancelIntent = {
  /** The call's id in the payment's data once stored (the refund or payment id Medusa gave). */
  id: string
  cents: number
  /** When the call began: a stored call of the same id and an earlier time is another one. */
  at: string
}

/** Long enough for a call and Medusa's write of its answer; an intent older than this is lost. */
const INTENT_TTL_MS = 15 * 60 * 1000

const local: SharedState = { store: new MemorySharedStore(), lock: new MemoryLock() }
const state = () => currentSharedState() ?? local
const keyOf = (subscriptionId: string) => `scalexpert:cancel-intents:${subscriptionId}`

async function change(
  subscriptionId: string,
  edit: (intents: CancelIntent[]) => CancelIntent[]
): Promise<void> {
  const { store, lock } = state()
  const key = keyOf(subscriptionId)
  await lock.run(`${key}:lock`, async () => {
    const now = Date.now()
    const kept = ((await store.get<CancelIntent[]>(key)) ?? []).filter(
      (intent) => now - Date.parse(intent.at) < INTENT_TTL_MS
    )
    const next = edit(kept)
    if (next.length) await store.set(key, next, INTENT_TTL_MS)
    else await store.delete(key)
  })
}

/** Before `_cancel`: the plugin asks the lender for `intent.cents`. */
export const recordCancelIntent = (subscriptionId: string, intent: CancelIntent) =>
  change(subscriptionId, (intents) => [...intents.filter((i) => i.id !== intent.id), intent])

/** The call failed (nothing will be stored), or its answer is stored: forget the intent. */
export const dropCancelIntent = (subscriptionId: string, id: string) =>
  change(subscriptionId, (intents) => intents.filter((i) => i.id !== id))

/** The cancellations being sent for this file (recent ones only). */
export async function cancelIntents(subscriptionId: string): Promise<CancelIntent[]> {
  const now = Date.now()
  const intents = (await state().store.get<CancelIntent[]>(keyOf(subscriptionId))) ?? []
  return intents.filter((intent) => now - Date.parse(intent.at) < INTENT_TTL_MS)
}

/**
 * What the plugin has asked the lender to cancel and Medusa does not know yet, in cents: the
 * intents whose call is not in the payment's data (Medusa stores the answer after the call).
 */
export function inFlightCents(intents: CancelIntent[], data: Pick<AfterOrderData, "calls">) {
  const stored = (intent: CancelIntent) =>
    (data.calls ?? []).some((call) => call.id === intent.id && call.at >= intent.at)
  return intents.filter((i) => !stored(i)).reduce((sum, i) => sum + i.cents, 0)
}

/** The amount in flight for a file, as `inFlightCents` of its recorded intents. */
export async function inFlightFor(
  subscriptionId: string | null | undefined,
  data: Pick<AfterOrderData, "calls">
): Promise<number> {
  if (!subscriptionId) return 0
  return inFlightCents(await cancelIntents(subscriptionId), data)
}
