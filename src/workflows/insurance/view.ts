import type { MedusaContainer } from "@medusajs/framework/types"
import type { ScalexpertInsurancePolicyView } from "../../storefront/insurance-types"
import { policyService } from "./context"

type Row = Awaited<
  ReturnType<ReturnType<typeof policyService>["retrieveScalexpertInsurancePolicy"]>
>

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

export function policyView(p: Row): ScalexpertInsurancePolicyView {
  return {
    id: p.id,
    order_id: p.order_id,
    line_item_id: p.line_item_id,
    insured_line_item_id: p.insured_line_item_id,
    insured_title: p.insured_title,
    unit_index: p.unit_index,
    solution_code: p.solution_code,
    insurance_id: p.insurance_id,
    description: p.description,
    currency_code: p.currency_code,
    price: p.price_cents / 100,
    quoted_price: p.quoted_price_cents === null ? null : p.quoted_price_cents / 100,
    insured_price: p.insured_price_cents / 100,
    subscription_id: p.subscription_id,
    status: p.status,
    subscription: {
      status: p.subscribe_status as ScalexpertInsurancePolicyView["subscription"]["status"],
      attempts: p.attempts,
      next_attempt_at: p.cancel_status ? null : iso(p.next_attempt_at),
    },
    cancellation: { status: p.cancel_status, reason: p.cancel_reason },
    requoted_at: iso(p.requoted_at),
    last_error: p.last_error,
    last_read_at: iso(p.last_read_at),
  }
}

export async function orderPolicies(
  container: MedusaContainer,
  orderId: string
): Promise<ScalexpertInsurancePolicyView[]> {
  const rows = await policyService(container).listScalexpertInsurancePolicies(
    { order_id: orderId },
    { order: { line_item_id: "ASC", unit_index: "ASC" } }
  )
  return rows.map(policyView)
}
