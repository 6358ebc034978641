import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getScalexpert } from "../../../../../providers/scalexpert/registry"
import type { ConnectionCheckResult } from "../../../../../scalexpert/client"

export type AdminScalexpertConnectionCheckResponse = { connection: ConnectionCheckResult }

/**
 * `POST /admin/scalexpert/settings/connection-check {}`: fetches a fresh access token with the
 * configured key pair and asks one eligibility. Always 200: `connection.ok` says whether it
 * worked and `connection.error` is Scalexpert's exact answer (kind, HTTP status, error code,
 * message, request id) when it did not. The secret is neither sent back nor logged.
 */
export const POST = async (
  req: MedusaRequest,
  res: MedusaResponse<AdminScalexpertConnectionCheckResponse>
) => {
  res.json({ connection: await getScalexpert(req.scope).client.checkConnection() })
}
