import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { getSolution, solutionName } from "../../../../../scalexpert/solutions"
import type { ScalexpertOrderSummaryResponse } from "../../../../../storefront/types"
import { pickLocale } from "../../pick-locale"
import { findScalexpertPayment, scalexpertFileStatus, type OrderWithPayments } from "./payment"

const ORDER_FIELDS = [
  "id",
  "display_id",
  "status",
  "total",
  "currency_code",
  "created_at",
  "payment_collections.id",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.payment_session_id",
  "payment_collections.payments.data",
  "payment_collections.payments.created_at",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payment_sessions.data",
  "payment_collections.payment_sessions.created_at",
]

/**
 * `GET /store/scalexpert/orders/:id`: what an order confirmation page needs to know about an order
 * paid with Scalexpert, and nothing personal (no name, email, address or items): number, total,
 * statuses, the solution and Scalexpert's status of the file. 404 for any other order.
 */
export const GET = async (
  req: MedusaRequest,
  res: MedusaResponse<ScalexpertOrderSummaryResponse>
) => {
  const locale = pickLocale(req.locale, req.get("accept-language"))
  const notFound = new MedusaError(
    MedusaError.Types.NOT_FOUND,
    `No order paid with Scalexpert has the id ${req.params.id}`
  )
  let order: OrderWithPayments & Record<string, unknown>
  try {
    const { result } = await getOrderDetailWorkflow(req.scope).run({
      input: { order_id: req.params.id, fields: ORDER_FIELDS, filters: { is_draft_order: false } },
    })
    order = result as unknown as OrderWithPayments & Record<string, unknown>
  } catch (error) {
    // Duck-typed: the workflow engine may hand back a copy of Medusa's error.
    if ((error as { type?: unknown })?.type === MedusaError.Types.NOT_FOUND) throw notFound
    throw error
  }
  const payment = findScalexpertPayment(order)
  if (!payment) throw notFound

  const status = (await scalexpertFileStatus(req.scope, String(order.id), payment)) ?? null
  const solution = getSolution(payment.solutionCode)
  res.json({
    order: {
      id: String(order.id),
      display_id: typeof order.display_id === "number" ? order.display_id : null,
      status: String(order.status),
      payment_status: typeof order.payment_status === "string" ? order.payment_status : null,
      total: Number(order.total),
      currency_code: String(order.currency_code),
      created_at: order.created_at ? new Date(order.created_at as string).toISOString() : null,
      scalexpert: {
        solution_code: payment.solutionCode,
        solution_name: solutionName(payment.solutionCode, locale),
        kind: solution?.kind ?? null,
        status,
        awaiting_lender_decision: status === "PRE_ACCEPTED",
      },
    },
  })
}
