import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import type { ScalexpertSessionData } from "../../providers/scalexpert/service"
import { SCALEXPERT_MODULE } from "../../modules/scalexpert"
import type ScalexpertModuleService from "../../modules/scalexpert/service"

export const SCALEXPERT_PROVIDER_ID = "pp_scalexpert_scalexpert"

export type LoadedScalexpertPayment = {
  session: {
    id: string
    status: string
    amount: number
    currency_code: string
    data: ScalexpertSessionData
  }
  cart_id?: string
  order_id?: string
  payment_id?: string
  tracked?: { id: string; status?: ConsolidatedStatus }
}

/** The payment session of a Scalexpert file, with its cart, order and what the plugin knew. */
export const loadScalexpertPaymentStep = createStep(
  "load-scalexpert-payment",
  async (
    input: { payment_session_id: string; returned_subscription_id?: string },
    { container }
  ) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: sessions } = await query.graph({
      entity: "payment_session",
      fields: [
        "id",
        "status",
        "amount",
        "currency_code",
        "data",
        "provider_id",
        "payment_collection_id",
        "payment.id",
      ],
      filters: { id: input.payment_session_id },
    })
    const session = sessions[0]
    if (!session || session.provider_id !== SCALEXPERT_PROVIDER_ID) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `No Scalexpert payment session ${input.payment_session_id}`
      )
    }
    const data = session.data as unknown as ScalexpertSessionData
    if (!data?.subscription_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Payment session ${session.id} has no Scalexpert file`
      )
    }
    // The lender's return carries no signature; an id that is not this session's file is refused.
    if (input.returned_subscription_id && input.returned_subscription_id !== data.subscription_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The return names another financing file than this payment's"
      )
    }
    const { data: carts } = await query.graph({
      entity: "cart_payment_collection",
      fields: ["cart_id"],
      filters: { payment_collection_id: session.payment_collection_id },
    })
    const cartId = carts[0]?.cart_id as string | undefined
    const { data: orders } = cartId
      ? await query.graph({
          entity: "order_cart",
          fields: ["order_id"],
          filters: { cart_id: cartId },
        })
      : { data: [] as { order_id: string }[] }

    const scalexpert = container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
    const [tracked] = await scalexpert.listScalexpertFiles({ payment_session_id: session.id })

    const loaded: LoadedScalexpertPayment = {
      session: {
        id: session.id,
        status: session.status,
        amount: Number(session.amount),
        currency_code: session.currency_code,
        data,
      },
      cart_id: cartId,
      order_id: orders[0]?.order_id,
      payment_id: (session.payment as { id?: string } | null)?.id,
      tracked: tracked && {
        id: tracked.id,
        status: (tracked.status ?? undefined) as ConsolidatedStatus | undefined,
      },
    }
    return new StepResponse(loaded)
  }
)
