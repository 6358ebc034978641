import type { MedusaContainer, ProviderWebhookPayload } from "@medusajs/framework/types"
import { WebhookEnvelopeSchema } from "../../scalexpert/schemas"
import {
  SIGNATURE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from "../../scalexpert/webhook-signature"
import { refreshPolicy } from "./cancel"
import { describeFailure, insuranceContext, policyService } from "./context"

/**
 * Handles a signed `CI_SUBSCRIPTION_*` event: a prompt to re-read the policy it names (a replayed
 * or late event is harmless). Returns false for any other event, which the financing handler takes.
 */
export async function handleInsuranceWebhook(
  container: MedusaContainer,
  payload: ProviderWebhookPayload["payload"]
): Promise<boolean> {
  const envelope = WebhookEnvelopeSchema.safeParse(payload.data)
  if (!envelope.success || envelope.data.eventTypeCode !== "CI_SUBSCRIPTION") return false
  const ctx = insuranceContext(container)
  const header = (name: string) => {
    const value = payload.headers?.[name] ?? payload.headers?.[name.toUpperCase()]
    return Array.isArray(value) ? value[0] : value
  }
  const key = ctx.options.webhookSignatureKey
  const check = key
    ? verifyWebhookSignature({
        signatureKey: key,
        rawBody: Buffer.isBuffer(payload.rawData)
          ? payload.rawData.toString("utf8")
          : String(payload.rawData ?? ""),
        signature: header(SIGNATURE_HEADER),
        timestamp: header(SIGNATURE_TIMESTAMP_HEADER),
      })
    : { valid: false as const, reason: "the provider has no webhookSignatureKey" }
  if (!check.valid) {
    ctx.logger.warn(`Scalexpert insurance webhook refused: ${check.reason}`)
    return true
  }
  const subscriptionId = envelope.data.data?.insuranceSubscriptionId
  if (!subscriptionId) return true
  const [policy] = await policyService(container).listScalexpertInsurancePolicies(
    { subscription_id: subscriptionId },
    { select: ["id"] }
  )
  if (!policy) return true
  try {
    await refreshPolicy(container, policy.id)
  } catch (error) {
    ctx.logger.warn(
      `Scalexpert insurance webhook for policy ${policy.id} not applied: ${describeFailure(error)}`
    )
  }
  return true
}
