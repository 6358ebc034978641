import { setTimeout as sleep } from "node:timers/promises"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { getScalexpert } from "../../../../providers/scalexpert/registry"
import { errorForLog } from "../../../../scalexpert/errors"
import { storefrontReturnUrl } from "../../../../providers/scalexpert/return-urls"
import { syncScalexpertFileWorkflow } from "../../../../workflows/sync-scalexpert-file"
import { returnSyncInput } from "../../return-input"

type ReturnOutcome = {
  status?: string
  action?: string
  order_id?: string
  cart_id?: string
  reason: string
}

/** Fills `{name}` placeholders of a storefront URL template. */
export function fillTemplate(template: string, values: Record<string, string | undefined>) {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""))
}

/**
 * Where the lender sends the shopper back (`merchantUrls.confirmation`): a cross-site form POST
 * carrying `id` after a decision, a plain GET for the abandon link. It proves nothing by itself:
 * the file is re-read from Scalexpert, and the cart completed here when the file is (pre-)accepted.
 * No cookie is needed; the shopper is sent on (303) to the storefront's success or failure page.
 */
async function handleReturn(req: MedusaRequest, res: MedusaResponse) {
  const provider = getScalexpert(req.scope)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const sessionId = req.params.session_id
  const returnedId = (req.body as { id?: unknown } | undefined)?.id ?? req.query.id
  let outcome: ReturnOutcome = { reason: "error" }

  // A decision may not be final yet when the shopper comes back: re-read a few times, briefly.
  for (let read = 1; read <= provider.options.returnStatusReads; read++) {
    try {
      const { result } = await syncScalexpertFileWorkflow(req.scope).run({
        input: returnSyncInput(sessionId, returnedId),
      })
      outcome = result
    } catch (error) {
      logger.warn(
        `Scalexpert return for payment session ${sessionId} failed: ${errorForLog(error)}`
      )
      outcome = { reason: "error" }
      break
    }
    if (outcome.action !== "wait") break
    if (read < provider.options.returnStatusReads)
      await sleep(provider.options.returnStatusReadDelayMs)
  }

  const accepted = outcome.status === "ACCEPTED" || outcome.status === "PRE_ACCEPTED"
  const target = await storefrontReturnUrl(req.scope, provider.options, {
    sessionId,
    success: accepted && !!outcome.order_id,
    outcome: {
      order_id: outcome.order_id,
      cart_id: outcome.cart_id,
      status: outcome.status,
      reason: outcome.reason,
    },
  })
  res.redirect(303, target)
}

export const GET = handleReturn
export const POST = handleReturn
