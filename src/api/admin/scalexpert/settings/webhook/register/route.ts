import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminScalexpertWebhookResponse } from "../route"
import { registerWebhook, webhookSetup } from "../service"

/**
 * `POST /admin/scalexpert/settings/webhook/register {email_for_alerts?}`: `PUT /webhooks` with
 * this shop's webhook URL, its `webhookSignatureKey` (sent from the server, never shown) and the
 * event codes the plugin handles; answers the configuration as read again. 400 without a key.
 */
export const POST = async (
  req: MedusaRequest<{ email_for_alerts?: string }>,
  res: MedusaResponse<AdminScalexpertWebhookResponse>
) => {
  const body = (req.validatedBody ?? {}) as { email_for_alerts?: string }
  await registerWebhook(req.scope, body.email_for_alerts)
  res.json({ webhook: await webhookSetup(req.scope) })
}
