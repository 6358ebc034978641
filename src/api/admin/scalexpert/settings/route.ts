import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  productionWarnings,
  type ProductionWarning,
} from "../../../../providers/scalexpert/production-guards"
import { getScalexpert } from "../../../../providers/scalexpert/registry"
import { SCALEXPERT_API_ROOTS } from "../../../../scalexpert/client"
import { filesNeedingAttention, type AttentionFile } from "./attention"
import { lastWebhookAt, maskClientId } from "./service"
import { webhookUrl } from "./webhook/service"

export type AdminScalexpertSettings = {
  environment: "test" | "production"
  /** Doubts about this deployment (e.g. NODE_ENV=production with the test environment). */
  warnings: ProductionWarning[]
  api_root: string
  /** The last characters of the client id only; the secret never leaves the server. */
  client_id: string
  backend_url: string
  webhook: {
    /** The URL to register in the Scalexpert merchant portal. */
    url: string
    signature_key_configured: boolean
    /** When a signed webhook last changed a file (null: none yet). */
    last_event_at: string | null
  }
  /** `enabledSolutions` of the provider options (null: every contracted solution). */
  enabled_solutions: string[] | null
  attention: AttentionFile[]
}

export type AdminScalexpertSettingsResponse = { settings: AdminScalexpertSettings }

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
