import {
  isScalexpert,
  type AttentionEntry,
  type OrderView,
  type PluginFileView,
} from "./back-office"
import type { LenderFile } from "./lender"

const SHIPPED = ["shipped", "partially_shipped", "delivered", "partially_delivered"]

const cents = (amount: number) => Math.round(amount * 100)

/** The Scalexpert file ids an order's payment collection points at (payments and sessions). */
function filesOfOrder(order: OrderView): string[] {
  const ids = new Set<string>()
  for (const collection of order.payment_collections) {
    for (const holder of [...(collection.payments ?? []), ...(collection.payment_sessions ?? [])]) {
      const id = holder.data?.subscription_id
      if (isScalexpert(holder.provider_id) && typeof id === "string") ids.add(id)
    }
  }
  return [...ids]
}

/** What the order keeps of the shopper's money through Scalexpert, in cents (0 once canceled). */
export function heldCents(order: OrderView): number {
  if (order.status === "canceled") return 0
  return order.payment_collections
    .flatMap((c) => c.payments ?? [])
    .filter((p) => isScalexpert(p.provider_id) && !p.canceled_at)
    .reduce(
      (sum, p) =>
        sum + cents(p.amount) - (p.refunds ?? []).reduce((r, x) => r + cents(x.amount), 0),
      0
    )
}

export type World = {
  files: LenderFile[]
  orders: OrderView[]
  attention: AttentionEntry[]
  /** The plugin's admin view of each order's file, by order id. */
  views: Record<string, PluginFileView | undefined>
}

/** Whether Settings → Scalexpert lists the file (by its id, or by its order). */
function listed(world: World, file: LenderFile, orderId?: string): boolean {
  return world.attention.some((entry) =>
    Object.values(entry).some(
      (value) =>
        value === file.creditSubscriptionId ||
        value === file.merchantGlobalOrderId ||
        (!!orderId && value === orderId)
    )
  )
}

function checkFile(world: World, file: LenderFile): string[] {
  const attached = world.orders.filter((o) => filesOfOrder(o).includes(file.creditSubscriptionId))
  const status = file.consolidatedStatus
  const name = `file ${file.creditSubscriptionId} (${file.solutionCode}, ${status}, financed ${file.financedAmount})`
  const problems: string[] = []
  if (attached.length > 1) problems.push(`attached to ${attached.length} orders`)
  const [order] = attached
  const held = order ? heldCents(order) : 0

  if (status === "ACCEPTED" && cents(file.financedAmount) > 0) {
    // Known to the plugin: listed for attention, a cancellation awaiting the lender's answer, or
    // a cancellation made outside Medusa on record, refunded in Medusa at the capture.
    const view = order ? world.views[order.id] : undefined
    const unrecorded = cents(view?.cancellation?.unrecorded_amount ?? 0)
    const known =
      listed(world, file, order?.id) || !!file.pendingCancellation || !!view?.cancellation?.pending
    if (!order && !known)
      problems.push("the lender finances it but no order exists and it is not listed for attention")
    if (order && held - unrecorded !== cents(file.financedAmount) && !known) {
      problems.push(
        `order ${order.id} (${order.status}) holds ${held / 100} € through Scalexpert but the lender finances ${file.financedAmount} €`
      )
    }
  } else if (status === "PRE_ACCEPTED") {
    if (!order && !listed(world, file))
      problems.push("pre-accepted, no order and not listed for attention")
    if (order && held > 0 && order.payment_status === "captured")
      problems.push(`order ${order.id} captured ${held / 100} € before the lender accepted`)
  } else {
    // A file final without money must not leave its order waiting for that money.
    const final = ["REJECTED", "ABORTED", "CANCELLED"].includes(status)
    for (const o of attached.filter((o) => final && o.status !== "canceled")) {
      if (!["canceled", "refunded"].includes(o.payment_status))
        problems.push(
          `order ${o.id} is ${o.status}, payment ${o.payment_status}: it waits for money the file will never bring`
        )
    }
    for (const o of attached) {
      const h = heldCents(o)
      if (h > 0)
        problems.push(`order ${o.id} (${o.status}) holds ${h / 100} € while the file holds none`)
    }
  }
  if (file.kind === "long_credit" && file.isDelivered) {
    for (const o of attached.filter((o) => !SHIPPED.includes(o.fulfillment_status))) {
      problems.push(
        `the lender was told the goods were delivered but order ${o.id} is ${o.fulfillment_status}`
      )
    }
  }
  return problems.map((p) => `${name}: ${p}`)
}

/**
 * The invariant, once the dust has settled: every file the shop created is attached to
 * exactly one order holding the financed amount (what the lender still finances, cancellations
 * deducted), or holds no money at all (final without money, cancelled by the plugin); a file
 * still holding money without a matching order is tolerated only while Settings → Scalexpert
 * lists it (the plugin knows and is cancelling it) or a cancellation awaits the lender's answer.
 * And no order keeps money paid with Scalexpert without a file that finances it.
 */
export function invariantViolations(world: World): string[] {
  const problems = world.files.flatMap((file) => checkFile(world, file))
  const known = new Set(world.files.map((f) => f.creditSubscriptionId))
  for (const order of world.orders) {
    const ids = filesOfOrder(order)
    const held = heldCents(order)
    if (held > 0 && (ids.length === 0 || !ids.some((id) => known.has(id))))
      problems.push(
        `order ${order.id} holds ${held / 100} € through Scalexpert without a file at the lender`
      )
  }
  return problems
}
