import type { MedusaContainer, ProviderWebhookPayload } from "@medusajs/framework/types"
import { getScalexpert } from "../../providers/scalexpert/registry"
import { WebhookEnvelopeSchema } from "../../scalexpert/schemas"
import { describeFailure, insuranceContext, policyService } from "./context"
import { refreshPolicy } from "./refresh"

/**
 * Handles a signed `CI_SUBSCRIPTION_*` event: a prompt to re-read the policy it names (a replayed
 * or late event is harmless). The signature is checked by the provider's one webhook check, as
 * for financing events. Returns false for any other event, which the financing handler takes.
 */
export async function handleInsuranceWebhook(
  container: MedusaContainer,
  payload: ProviderWebhookPayload["payload"]
): Promise<boolean> {
  const unverified = WebhookEnvelopeSchema.safeParse(payload.data)
  if (!unverified.success || unverified.data.eventTypeCode !== "CI_SUBSCRIPTION") return false
  const envelope = getScalexpert(container).verifiedEnvelope(payload)
  const subscriptionId = envelope?.data?.insuranceSubscriptionId
  if (!subscriptionId) return true
  const [policy] = await policyService(container).listScalexpertInsurancePolicies(
    { subscription_id: subscriptionId },
    { select: ["id"] }
  )
  if (!policy) return true
  try {
    await refreshPolicy(container, policy.id)
  } catch (error) {
    insuranceContext(container).logger.warn(
      `Scalexpert insurance webhook for policy ${policy.id} not applied: ${describeFailure(error)}`
    )
  }
  return true
}
