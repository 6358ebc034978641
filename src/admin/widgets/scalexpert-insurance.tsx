import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Badge, Button, Container, Copy, Heading, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { adminFetch } from "../lib/api"
import type {
  ScalexpertInsurancePoliciesResponse,
  ScalexpertInsurancePolicyView,
} from "../../storefront/insurance-types"

const policiesKey = (orderId: string) => ["scalexpert", "insurance", orderId]

const COLORS: Record<string, "green" | "orange" | "red" | "grey" | "blue"> = {
  SUBSCRIBED: "green",
  ACTIVATED: "green",
  INITIALIZED: "blue",
  CANCELLED: "grey",
  TERMINATED: "grey",
  ABORTED: "red",
  REJECTED: "red",
}

function statusOf(p: ScalexpertInsurancePolicyView): {
  label: string
  color: "green" | "orange" | "red" | "grey" | "blue"
} {
  if (p.status) return { label: p.status, color: COLORS[p.status] ?? "grey" }
  if (p.subscription.status === "failed") return { label: "NOT SUBSCRIBED", color: "red" }
  if (p.cancellation.status === "not_needed") return { label: "NOT NEEDED", color: "grey" }
  return { label: p.subscription.attempts > 0 ? "RETRYING" : "PENDING", color: "orange" }
}

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(
    amount
  )

function PolicyRow({
  policy,
  orderId,
}: {
  policy: ScalexpertInsurancePolicyView
  orderId: string
}) {
  const client = useQueryClient()
  const done = () => client.invalidateQueries({ queryKey: policiesKey(orderId) })
  const action = (path: "refresh" | "cancel") =>
    adminFetch(`/admin/scalexpert/insurance/policies/${policy.id}/${path}`, { method: "POST" })
  const refresh = useMutation({
    mutationFn: () => action("refresh"),
    onSettled: done,
    onError: (e) => toast.error(e.message),
  })
  const cancel = useMutation({
    mutationFn: () => action("cancel"),
    onSettled: done,
    onError: (e) => toast.error(e.message),
  })
  const status = statusOf(policy)
  const cancellable = !policy.cancellation.status || policy.cancellation.status === "failed"
  return (
    <div
      className="flex flex-col gap-y-2 px-6 py-4"
      data-testid={`scalexpert-insurance-policy-${policy.id}`}
    >
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus">
          {policy.description} · {policy.insured_title} #{policy.unit_index}
        </Text>
        <Badge size="2xsmall" color={status.color}>
          {status.label}
        </Badge>
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        {money(policy.price, policy.currency_code)} ({policy.solution_code}, {policy.insurance_id})
        · insured item {money(policy.insured_price, policy.currency_code)}
      </Text>
      {policy.subscription_id && (
        <div className="flex items-center gap-x-1">
          <Text size="xsmall" className="text-ui-fg-muted">
            Subscription {policy.subscription_id}
          </Text>
          <Copy content={policy.subscription_id} />
        </div>
      )}
      {policy.last_error && (
        <Text size="xsmall" className="text-ui-fg-error">
          {policy.last_error}
          {policy.subscription.next_attempt_at &&
            ` · next attempt ${new Date(policy.subscription.next_attempt_at).toLocaleString()}`}
        </Text>
      )}
      {policy.cancellation.status && (
        <Text size="xsmall" className="text-ui-fg-muted">
          Cancellation: {policy.cancellation.status} ({policy.cancellation.reason})
        </Text>
      )}
      <div className="flex gap-x-2">
        <Button
          size="small"
          variant="secondary"
          isLoading={refresh.isPending}
          onClick={() => refresh.mutate()}
        >
          Refresh
        </Button>
        {cancellable && (
          <Button
            size="small"
            variant="danger"
            isLoading={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            Cancel policy
          </Button>
        )}
      </div>
    </div>
  )
}

/** The Scalexpert insurance policies of an order; nothing on orders without insurance. */
const ScalexpertInsuranceWidget = ({ data: order }: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const query = useQuery({
    queryKey: policiesKey(order.id),
    queryFn: () =>
      adminFetch<ScalexpertInsurancePoliciesResponse>(
        `/admin/scalexpert/insurance/orders/${order.id}`
      ).then((r) => r.policies),
  })
  if (!query.data || query.data.length === 0) return null
  return (
    <Container className="divide-y p-0" data-testid="scalexpert-insurance-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Scalexpert insurance</Heading>
      </div>
      {query.data.map((policy) => (
        <PolicyRow key={policy.id} policy={policy} orderId={order.id} />
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.after" })

export default ScalexpertInsuranceWidget
