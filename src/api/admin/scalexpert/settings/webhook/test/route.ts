import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { WebhookTest } from "../../../../../../admin/lib/types"
import { sendTestEvent } from "../service"

export type AdminScalexpertWebhookTestResponse = { test: WebhookTest }

/**
 * `POST /admin/scalexpert/settings/webhook/test {}`: asks Scalexpert to send its `HELLO_WORLD`
 * event to the registered URL. The answer has the event id; `GET …/settings/webhook` then shows
 * when it arrived (at any instance) and whether its signature checked out.
 */
export const POST = async (
  req: MedusaRequest,
  res: MedusaResponse<AdminScalexpertWebhookTestResponse>
) => {
  res.json({ test: await sendTestEvent(req.scope) })
}
