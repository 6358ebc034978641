import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { WebhookSetup } from "../../../../../admin/lib/types"
import { webhookSetup } from "./service"

export type AdminScalexpertWebhookResponse = { webhook: WebhookSetup }

/**
 * `GET /admin/scalexpert/settings/webhook`: whether the lender's webhook configuration
 * (`GET /webhooks`) points at this shop, is active, is signed with this shop's key and sends the
 * event codes the plugin handles; and the last test event sent from here, with when it arrived
 * and whether its signature checked out. Neither key is in the answer.
 */
export const GET = async (
  req: MedusaRequest,
  res: MedusaResponse<AdminScalexpertWebhookResponse>
) => {
  res.json({ webhook: await webhookSetup(req.scope) })
}
