/**
 * Creating a financing file without ever creating two. Scalexpert's `POST /subscriptions` is not
 * idempotent, and a lost answer (timeout, network error, 5xx, unreadable body) may hide a file the
 * lender did create: before any new attempt the file is looked up by `merchantGlobalOrderId` and
 * returned with `recovered: true` (and no `redirect`). A new POST is sent only when the lookup
 * proves nothing was created.
 */
import type { CreateSubscriptionResult } from "./client-options"
import { ScalexpertError } from "./errors"
import { sleep } from "./request-execution"
import type { SubscriptionListItem } from "./schemas"

export interface CreationSteps {
  /** Path of the creation, for the warnings. */
  path: string
  maxAttempts: number
  /** The wait before the attempt after `attempt`. */
  backoffMs: (attempt: number) => number
  /** One POST of the creation; throws a `ScalexpertError` when refused or lost. */
  post: () => Promise<CreateSubscriptionResult>
  /** The lender's most recent file carrying the order's `merchantGlobalOrderId`, if any. */
  lookup: () => Promise<SubscriptionListItem | undefined>
  warn: (message: string, meta: object) => void
}

/** Creates the file (see the file comment); throws the last ambiguous error when all is lost. */
export async function createWithoutDuplicate(
  steps: CreationSteps
): Promise<CreateSubscriptionResult> {
  let ambiguous: ScalexpertError | undefined
  const recover = () => recoverCreation(steps, ambiguous)

  for (let attempt = 1; attempt <= steps.maxAttempts; attempt++) {
    if (ambiguous) {
      const recovered = await recover()
      if (recovered) return recovered
      await sleep(steps.backoffMs(attempt - 1))
    }
    try {
      return await steps.post()
    } catch (error) {
      if (!(error instanceof ScalexpertError)) throw error
      if (error.isAmbiguous) {
        ambiguous = error
        steps.warn("scalexpert subscription creation is ambiguous, checking the lender's list", {
          method: "POST",
          path: steps.path,
          kind: error.kind,
          status: error.status,
          attempt,
        })
        continue
      }
      if (ambiguous && error.status === 400 && error.errorCode === "BAD_REQUEST") {
        // "merchantGlobalOrderId already exists": the earlier lost attempt did create it.
        const recovered = await recover()
        if (recovered) return recovered
      }
      throw error
    }
  }
  const recovered = await recover()
  if (recovered) return recovered
  throw (
    ambiguous ?? new ScalexpertError({ kind: "network", message: "Subscription creation failed" })
  )
}

/** After an ambiguous creation: the file the lender made, if any (never guesses). */
async function recoverCreation(
  steps: CreationSteps,
  ambiguous: ScalexpertError | undefined
): Promise<CreateSubscriptionResult | undefined> {
  let found: SubscriptionListItem | undefined
  try {
    found = await steps.lookup()
  } catch (lookupError) {
    steps.warn("scalexpert subscription lookup after an ambiguous creation failed", {
      method: "GET",
      path: steps.path,
      status: (lookupError as ScalexpertError)?.status,
    })
    // Without an answer we cannot know whether a file exists: never POST again blindly.
    throw ambiguous ?? lookupError
  }
  if (!found) return undefined
  steps.warn("scalexpert subscription creation recovered from the lender's list", {
    method: "POST",
    path: steps.path,
    subscriptionId: found.creditSubscriptionId,
  })
  return {
    id: found.creditSubscriptionId,
    redirect: undefined,
    recovered: true,
    subscription: found,
  }
}
