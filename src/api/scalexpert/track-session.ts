import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SCALEXPERT_MODULE } from "../../modules/scalexpert"
import type ScalexpertModuleService from "../../modules/scalexpert/service"
import { getScalexpert, scalexpertProviderId } from "../../providers/scalexpert/registry"
import {
  restoreUnconfirmedFiles,
  takeUnconfirmedFiles,
} from "../../providers/scalexpert/unconfirmed-files"
import { nextOpenRead } from "../../workflows/reconcile-schedule"
import { errorForLog } from "../../scalexpert/errors"

type SessionView = { id: string; provider_id: string; data?: Record<string, unknown> | null }
type Body = { payment_collection?: { id?: string; payment_sessions?: SessionView[] } }

/**
 * Gives each new Scalexpert file its row the moment it is created, before the storefront hears
 * of it: Medusa deletes a payment session whenever the cart changes or another method is chosen,
 * and the row is what lets the plugin cancel the file if the lender accepts it anyway.
 */
async function trackNewFiles(container: MedusaContainer, body: Body) {
  const providerId = scalexpertProviderId(container)
  const sessions = (body.payment_collection?.payment_sessions ?? []).filter(
    (s) => s.provider_id === providerId && typeof s.data?.subscription_id === "string"
  )
  if (!sessions.length) return
  const service = container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
  const known = await service.listScalexpertFiles(
    { payment_session_id: sessions.map((s) => s.id) },
    { select: ["payment_session_id"] }
  )
  const have = new Set(known.map((f) => f.payment_session_id))
  const { data: carts } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "cart_payment_collection",
    fields: ["cart_id"],
    filters: { payment_collection_id: body.payment_collection?.id },
  })
  const now = Date.now()
  const { reconciliationMaxAgeDays } = getScalexpert(container).options
  for (const session of sessions.filter((s) => !have.has(s.id))) {
    await service
      .createScalexpertFiles({
        payment_session_id: session.id,
        subscription_id: String(session.data!.subscription_id),
        solution_code: String(session.data!.solution_code ?? ""),
        cart_id: (carts[0]?.cart_id as string | undefined) ?? null,
        // What the creation answered: a new file, as of now.
        status: "INITIALIZED",
        financed_amount: Number(session.data!.amount ?? 0),
        last_read_at: new Date(now),
        next_read_at: nextOpenRead(now, now, reconciliationMaxAgeDays),
      })
      // Unique per payment session: a row made meanwhile (a webhook, the job) wins.
      .catch(() => undefined)
  }
}

/**
 * Files whose creation answer was lost (their session failed and is gone): tracked with the
 * reason, so the plugin cancels them if the lender ever accepts them.
 */
async function trackUnconfirmedFiles(container: MedusaContainer) {
  const files = takeUnconfirmedFiles()
  if (!files.length) return
  const service = container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
  const now = Date.now()
  const { reconciliationMaxAgeDays } = getScalexpert(container).options
  try {
    for (const file of files) {
      await service.createScalexpertFiles({
        payment_session_id: file.payment_session_id,
        subscription_id: file.subscription_id,
        solution_code: file.solution_code,
        status: "INITIALIZED",
        financed_amount: file.amount,
        no_order_reason: "creation_unconfirmed",
        next_read_at: nextOpenRead(now, now, reconciliationMaxAgeDays),
      })
    }
  } catch (error) {
    restoreUnconfirmedFiles(files)
    throw error
  }
}

/** On `POST /store/payment-collections/:id/payment-sessions`: tracks the file it created. */
export function trackScalexpertSession(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const json = res.json.bind(res)
  res.json = ((body: Body) => {
    Promise.all([trackNewFiles(req.scope, body), trackUnconfirmedFiles(req.scope)])
      .catch((error) =>
        req.scope
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(`Scalexpert: could not track a new file: ${errorForLog(error)}`)
      )
      .finally(() => json(body))
    return res
  }) as typeof res.json
  next()
}
