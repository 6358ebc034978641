import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ConsolidatedStatus } from "../../scalexpert/schemas"
import type { ScalexpertSessionData } from "../../providers/scalexpert/service"
import type { FileState } from "../../providers/scalexpert/decide"
import type { FileSnapshot } from "../../providers/scalexpert/gateway"
import type { PendingCancellation } from "../../providers/scalexpert/cancellation"
import { scalexpertProviderId } from "../../providers/scalexpert/registry"
import { SCALEXPERT_MODULE } from "../../modules/scalexpert"
import type ScalexpertModuleService from "../../modules/scalexpert/service"

/** How long a read of the file stands for a fresh one when a webhook brings the same status. */
export const RECENT_READ_MS = 120_000

export type TrackedFile = {
  id: string
  status?: ConsolidatedStatus
  substatus?: string | null
  financed_amount?: number | null
  last_read_at?: string | null
  order_id?: string | null
  cancel_status?: string | null
  no_order_reason?: string | null
  /** A cancellation the lender took as a request (Hanseatic Bank), awaiting its answer. */
  pending_cancellation?: PendingCancellation | null
}

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
  tracked?: TrackedFile
  /** Where the Medusa side stands (see `FileState`). */
  medusa: FileState["medusa"]
  order_shipped: boolean
  /**
   * Before the plugin's row exists: the file as its creation left it (INITIALIZED when the session
   * was created), so a webhook that says just that needs no read.
   */
  created?: { status: ConsolidatedStatus; read_at: string; financed_amount: number }
}

type RawSession = {
  id: string
  status: string
  amount: unknown
  currency_code: string
  data: Record<string, unknown>
  provider_id: string
  payment_collection_id: string
  created_at?: string | Date
  payment?: { id?: string } | null
}

async function trackedFile(container: MedusaContainer, sessionId: string) {
  const scalexpert = container.resolve<ScalexpertModuleService>(SCALEXPERT_MODULE)
  const [row] = (await scalexpert.listScalexpertFiles({
    payment_session_id: sessionId,
  })) as unknown as (TrackedFile & {
    subscription_id?: string
    solution_code: string
    cart_id?: string
  })[]
  return row
}

/** A session Medusa deleted, rebuilt from the plugin's row (which outlives it). */
function sessionFromRow(
  sessionId: string,
  row: TrackedFile & { subscription_id?: string; solution_code: string }
): LoadedScalexpertPayment["session"] {
  const amount = Number(row.financed_amount ?? 0)
  return {
    id: sessionId,
    status: "deleted",
    amount,
    currency_code: "eur",
    data: {
      session_id: sessionId,
      subscription_id: row.subscription_id ?? "",
      solution_code: row.solution_code,
      redirect_url: "",
      amount,
    },
  }
}

async function orderOfCart(container: MedusaContainer, cartId: string | undefined) {
  if (!cartId) return { order_id: undefined, shipped: false }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: links } = await query.graph({
    entity: "order_cart",
    fields: ["order_id"],
    filters: { cart_id: cartId },
  })
  const orderId = links[0]?.order_id as string | undefined
  if (!orderId) return { order_id: undefined, shipped: false }
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "fulfillments.shipped_at",
      "fulfillments.delivered_at",
      "fulfillments.canceled_at",
    ],
    filters: { id: orderId },
  })
  const fulfillments = ((orders[0] as { fulfillments?: unknown[] } | undefined)?.fulfillments ??
    []) as { shipped_at?: unknown; delivered_at?: unknown; canceled_at?: unknown }[]
  const shipped = fulfillments.some((f) => !f.canceled_at && (f.shipped_at || f.delivered_at))
  return { order_id: orderId, shipped }
}

/** Where the Medusa side of the file stands. */
function medusaSide(
  session: RawSession,
  orderId: string | undefined,
  tracked: TrackedFile | undefined
): FileState["medusa"] {
  const paid = !!session.payment?.id
  if (paid) return "paid"
  if (orderId) {
    if (session.status === "pending_authorization") return "awaiting_authorization"
    // The cart became an order paid another way: this file has no order to pay.
    return tracked?.order_id === orderId ? "ended" : "no_session"
  }
  if (tracked?.no_order_reason) return "no_session"
  return session.status === "pending" || session.status === "requires_more" ? "open" : "ended"
}

/** The known state of the file as a snapshot (for news that needs no new read). */
export function knownSnapshot(
  tracked: TrackedFile | undefined,
  created?: LoadedScalexpertPayment["created"]
): FileSnapshot | undefined {
  if (!tracked && created) {
    return { ...created }
  }
  if (!tracked?.status || !tracked.last_read_at) return undefined
  return {
    status: tracked.status,
    substatus: tracked.substatus ?? undefined,
    financed_amount: Number(tracked.financed_amount ?? 0),
    read_at: new Date(tracked.last_read_at).toISOString(),
  }
}

export const readRecently = (tracked: TrackedFile | undefined, now = Date.now()) =>
  !!tracked?.last_read_at && now - new Date(tracked.last_read_at).getTime() < RECENT_READ_MS

/**
 * The payment session of a Scalexpert file, with its cart, order and what the plugin knew. A
 * session Medusa deleted (cart total changed, another method chosen) is rebuilt from the row.
 */
export const loadScalexpertPaymentStep = createStep(
  "load-scalexpert-payment",
  async (
    input: { payment_session_id: string; returned_subscription_id?: string },
    { container }
  ) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: sessions } = await query.graph({
      entity: "payment_session",
      fields: ["id", "status", "amount", "currency_code", "data", "provider_id"].concat([
        "payment_collection_id",
        "created_at",
        "payment.id",
      ]),
      filters: { id: input.payment_session_id },
    })
    const raw = sessions[0] as unknown as RawSession | undefined
    const row = await trackedFile(container, input.payment_session_id)
    if (raw && raw.provider_id !== scalexpertProviderId(container)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Not a Scalexpert payment session`)
    }
    if (!raw && !row?.subscription_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `No Scalexpert payment session ${input.payment_session_id}`
      )
    }
    const session = raw
      ? {
          id: raw.id,
          status: raw.status,
          amount: Number(raw.amount),
          currency_code: raw.currency_code,
          data: raw.data as unknown as ScalexpertSessionData,
        }
      : sessionFromRow(input.payment_session_id, row!)
    if (!session.data?.subscription_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Payment session ${session.id} has no Scalexpert file`
      )
    }
    // The lender's return carries no signature; an id that is not this session's file is refused.
    const returned = input.returned_subscription_id
    if (returned && returned !== session.data.subscription_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The return names another financing file than this payment's"
      )
    }
    let cartId = row?.cart_id ?? undefined
    if (raw) {
      const { data: carts } = await query.graph({
        entity: "cart_payment_collection",
        fields: ["cart_id"],
        filters: { payment_collection_id: raw.payment_collection_id },
      })
      cartId = (carts[0]?.cart_id as string | undefined) ?? cartId
    }
    const order = await orderOfCart(container, cartId)
    const tracked: TrackedFile | undefined = row && {
      ...row,
      status: (row.status ?? undefined) as ConsolidatedStatus | undefined,
      last_read_at: row.last_read_at ? new Date(row.last_read_at).toISOString() : null,
    }
    const medusa = raw ? medusaSide(raw, order.order_id, tracked) : "no_session"
    const loaded: LoadedScalexpertPayment = {
      session,
      cart_id: cartId,
      order_id: medusa === "no_session" ? undefined : order.order_id,
      payment_id: raw?.payment?.id,
      tracked,
      medusa,
      order_shipped: order.shipped,
      created:
        !row && raw?.status === "pending" && !session.data.file && raw.created_at
          ? {
              status: "INITIALIZED",
              read_at: new Date(raw.created_at).toISOString(),
              financed_amount: Number(session.data.amount),
            }
          : undefined,
    }
    return new StepResponse(loaded)
  }
)
