import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Settings } from "../../../../admin/lib/types"
import { productionWarnings } from "../../../../providers/scalexpert/production-guards"
import { getScalexpert } from "../../../../providers/scalexpert/registry"
import { SCALEXPERT_API_ROOTS } from "../../../../scalexpert/client"
import { filesNeedingAttention } from "./attention"
import { lastWebhookAt, maskClientId } from "./service"
import { webhookUrl } from "./webhook/service"

export type AdminScalexpertSettingsResponse = { settings: Settings }

/**
 * `GET /admin/scalexpert/settings`: how the plugin is configured (no secret), the webhook URL to
 * register, whether signed webhooks arrive, and the files that need someone's attention. No call
 * to Scalexpert.
 */
export const GET = async (
  req: MedusaRequest,
  res: MedusaResponse<AdminScalexpertSettingsResponse>
) => {
  const { options } = getScalexpert(req.scope)
  const [attention, lastEventAt] = await Promise.all([
    filesNeedingAttention(req.scope),
    lastWebhookAt(req.scope),
  ])
  res.json({
    settings: {
      environment: options.environment,
      warnings: productionWarnings(options),
      api_root: (options.baseUrl ?? SCALEXPERT_API_ROOTS[options.environment]).replace(/\/+$/, ""),
      client_id: maskClientId(options.clientId),
      backend_url: options.backendUrl,
      webhook: {
        url: webhookUrl(req.scope, options.backendUrl),
        signature_key_configured: !!options.webhookSignatureKey,
        last_event_at: lastEventAt,
      },
      enabled_solutions: options.enabledSolutions ?? null,
      attention,
    },
  })
}
