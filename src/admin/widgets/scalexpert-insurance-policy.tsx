import { Badge, Button, Copy, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { Row } from "../components/row"
import { adminFetch } from "../lib/api"
import { useFormat } from "../lib/format"
import type { ScalexpertInsurancePolicyView } from "../../storefront/insurance-types"
import { policyActions, policyStatus, requotedPrice } from "../lib/insurance-policy"

/** A label and its value inside a policy (the policy block is padded already). */
const Field = (props: { label: string; children: ReactNode; testId?: string }) => (
  <Row padding="" {...props} />
)

/** The query key of an order's policies (the widget reads them, the actions refresh them). */
export const policiesKey = (orderId: string) => ["scalexpert", "insurance", orderId]

function PolicyActions({ policy }: { policy: ScalexpertInsurancePolicyView }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const prompt = usePrompt()
  const settled = () => client.invalidateQueries({ queryKey: policiesKey(policy.order_id) })
  const failed = (error: Error) =>
    toast.error(t("scalexpert.insurance.actions.failed", { message: error.message }))
  const call = (path: "refresh" | "cancel") =>
    adminFetch(`/admin/scalexpert/insurance/policies/${policy.id}/${path}`, {
      method: "POST",
      body: {},
    })
  const refresh = useMutation({
    mutationFn: () => call("refresh"),
    onSuccess: () => toast.success(t("scalexpert.insurance.actions.refreshed")),
    onError: failed,
    onSettled: settled,
  })
  const cancel = useMutation({
    mutationFn: () => call("cancel"),
    onSuccess: () => toast.success(t("scalexpert.insurance.actions.cancelSent")),
    onError: failed,
    onSettled: settled,
  })
  const confirmCancel = async () => {
    const confirmed = await prompt({
      title: t("scalexpert.insurance.actions.confirmTitle"),
      description: t("scalexpert.insurance.actions.confirmDescription", {
        item: policy.insured_title,
      }),
      confirmText: t("scalexpert.insurance.actions.confirm"),
      cancelText: t("scalexpert.insurance.actions.keep"),
    })
    if (confirmed) cancel.mutate()
  }
  const actions = policyActions(policy)
  return (
    <div className="flex gap-x-2">
      <Button
        size="small"
        variant="secondary"
        isLoading={refresh.isPending}
        onClick={() => refresh.mutate()}
        data-testid="scalexpert-insurance-refresh"
      >
        {t("scalexpert.insurance.actions.refresh")}
      </Button>
      {actions.cancel && (
        <Button
          size="small"
          variant="danger"
          isLoading={cancel.isPending}
          onClick={confirmCancel}
          data-testid="scalexpert-insurance-cancel"
        >
          {t("scalexpert.insurance.actions.cancel")}
        </Button>
      )}
    </div>
  )
}

/** One policy: status, insured item, price, subscription id, what went wrong, and the actions. */
export function PolicyCard({ policy }: { policy: ScalexpertInsurancePolicyView }) {
  const { t } = useTranslation()
  const { money, date } = useFormat()
  const status = policyStatus(policy)
  const requoted = requotedPrice(policy)
  const { cancellation, subscription } = policy
  return (
    <div
      className="flex flex-col gap-y-2 px-6 py-4"
      data-testid={`scalexpert-insurance-policy-${policy.id}`}
      data-status={status.value}
    >
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus">
          {policy.description}
        </Text>
        <Badge
          size="2xsmall"
          color={status.color}
          data-testid="scalexpert-insurance-status"
          data-status={status.value}
        >
          {status.key ? t(`scalexpert.insurance.status.${status.key}`) : status.value}
        </Badge>
      </div>
      <Field label={t("scalexpert.insurance.fields.insured")}>
        {policy.insured_title} · {t("scalexpert.insurance.unit", { n: policy.unit_index })}
      </Field>
      <Field label={t("scalexpert.insurance.fields.insuredPrice")}>
        {money(policy.insured_price, policy.currency_code)}
      </Field>
      <Field label={t("scalexpert.insurance.fields.price")} testId="scalexpert-insurance-price">
        {money(policy.price, policy.currency_code)}
      </Field>
      {requoted !== null && (
        <Field label={t("scalexpert.insurance.fields.requoted")}>
          {money(requoted, policy.currency_code)}
        </Field>
      )}
      <Field label={t("scalexpert.insurance.fields.solution")}>
        <code>{policy.solution_code}</code> · <code>{policy.insurance_id}</code>
      </Field>
      <Field label={t("scalexpert.insurance.fields.subscription")}>
        {policy.subscription_id ? (
          <span className="flex items-center gap-x-1">
            <code data-testid="scalexpert-insurance-subscription-id">{policy.subscription_id}</code>
            <Copy content={policy.subscription_id} />
          </span>
        ) : (
          t("scalexpert.none")
        )}
      </Field>
      {cancellation.status && (
        <Field label={t("scalexpert.insurance.fields.cancellation")}>
          {t("scalexpert.insurance.cancellation.text", {
            status: t(`scalexpert.insurance.cancellation.status.${cancellation.status}`, {
              defaultValue: cancellation.status,
            }),
            reason: t(`scalexpert.insurance.cancellation.reason.${cancellation.reason}`, {
              defaultValue: cancellation.reason ?? t("scalexpert.none"),
            }),
          })}
        </Field>
      )}
      {policy.last_error && (
        <Field label={t("scalexpert.insurance.fields.error")} testId="scalexpert-insurance-error">
          <span className="text-ui-fg-error">{policy.last_error}</span>
        </Field>
      )}
      {subscription.next_attempt_at && (
        <Field label={t("scalexpert.insurance.fields.nextAttempt")}>
          {date(subscription.next_attempt_at)}
        </Field>
      )}
      <PolicyActions policy={policy} />
    </div>
  )
}
