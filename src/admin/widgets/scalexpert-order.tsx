import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import {
  Alert,
  Badge,
  Button,
  Container,
  Copy,
  Drawer,
  Heading,
  InlineTip,
  Input,
  Label,
  RadioGroup,
  Select,
  Text,
  toast,
} from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState, type ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { solutionName } from "../../scalexpert/solutions"
import { AdminApiError, adminFetch } from "../lib/api"
import { DELIVERY_OPERATORS, useFormat } from "../lib/format"
import type { ScalexpertFile, ScalexpertFileResponse } from "../lib/types"
import { DeliveryBadge, FileStatusBadge } from "../components/status"

const fileKey = (orderId: string) => ["scalexpert", "order", orderId]

/**
 * The Scalexpert file of an order paid with Scalexpert: solution, status, amounts, delivery,
 * timeline, and the actions (refresh, confirm delivery, cancel). Shows nothing on other orders.
 */
const ScalexpertOrderWidget = ({ data: order }: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { t } = useTranslation()
  const query = useQuery({
    queryKey: fileKey(order.id),
    queryFn: () =>
      adminFetch<ScalexpertFileResponse>(`/admin/scalexpert/orders/${order.id}`).then(
        (r) => r.scalexpert_file
      ),
    retry: (count, error) => !(error instanceof AdminApiError && error.status === 404) && count < 2,
  })

  // Paid otherwise: not a word.
  if (query.error instanceof AdminApiError && query.error.status === 404) return null

  if (query.isPending) {
    return (
      <Container className="px-6 py-4" data-testid="scalexpert-widget-loading">
        <Heading level="h2">{t("scalexpert.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle mt-2">
          {t("scalexpert.loading")}
        </Text>
      </Container>
    )
  }

  if (query.isError) {
    return (
      <Container className="flex flex-col gap-3 px-6 py-4" data-testid="scalexpert-widget-error">
        <Heading level="h2">{t("scalexpert.title")}</Heading>
        <Alert variant="error">
          {t("scalexpert.loadError", { message: (query.error as Error).message })}
        </Alert>
        <div>
          <Button size="small" variant="secondary" onClick={() => query.refetch()}>
            {t("scalexpert.retry")}
          </Button>
        </div>
      </Container>
    )
  }

  return <FileView file={query.data} />
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-start gap-x-4 px-6 py-3">
      <Text size="small" weight="plus" leading="compact">
        {label}
      </Text>
      <div className="text-ui-fg-base min-w-0 break-words txt-compact-small" data-testid={testId}>
        {children}
      </div>
    </div>
  )
}

function FileView({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const { money, date, language } = useFormat()
  const client = useQueryClient()
  const orderId = file.order_id

  const refresh = useMutation({
    mutationFn: () =>
      adminFetch<ScalexpertFileResponse>(`/admin/scalexpert/orders/${orderId}/refresh`, {
        method: "POST",
        body: {},
      }),
    onSuccess: (answer) => {
      client.setQueryData(fileKey(orderId), answer.scalexpert_file)
      toast.success(t("scalexpert.actions.refreshed"))
    },
    onError: (error) =>
      toast.error(t("scalexpert.actions.failed", { message: (error as Error).message })),
  })

  const longCredit = file.kind === "long_credit"
  // What may be done now is the server's decision: the widget reads no status.
  const canConfirm = file.actions.confirm_delivery
  const canCancel = file.actions.cancel
  const d = file.delivery

  return (
    <Container className="divide-y p-0" data-testid="scalexpert-widget">
      <div className="flex items-center justify-between gap-2 px-6 py-4">
        <div className="flex min-w-0 flex-col">
          <Heading level="h2">{t("scalexpert.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle" data-testid="scalexpert-solution">
            {solutionName(file.solution_code, language)}
          </Text>
        </div>
        <FileStatusBadge status={file.status} />
      </div>
      {file.flag && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="scalexpert-flag">
            {t(`scalexpert.flag.${file.flag}`, { defaultValue: file.flag })}
          </Alert>
        </div>
      )}

      <div className="py-1">
        <Row label={t("scalexpert.fields.solution")}>
          <span className="flex flex-wrap items-center gap-2">
            <span>{solutionName(file.solution_code, language)}</span>
            <Badge size="2xsmall">{t(`scalexpert.kind.${file.kind}`)}</Badge>
          </span>
        </Row>
        <Row label={t("scalexpert.fields.substatus")} testId="scalexpert-substatus">
          {file.substatus ?? t("scalexpert.none")}
        </Row>
        <Row label={t("scalexpert.fields.financed")} testId="scalexpert-financed">
          {money(file.financed_amount, file.currency_code)}
        </Row>
        <Row label={t("scalexpert.fields.cancelled")} testId="scalexpert-cancelled">
          {money(file.cancelled_amount, file.currency_code)}
        </Row>
        <Row label={t("scalexpert.fields.subscription")}>
          {file.subscription_id ? (
            <span className="flex items-center gap-1">
              <code
                className="txt-compact-small-plus truncate"
                data-testid="scalexpert-subscription"
              >
                {file.subscription_id}
              </code>
              <Copy content={file.subscription_id} />
            </span>
          ) : (
            t("scalexpert.none")
          )}
        </Row>
        <Row label={t("scalexpert.fields.lastRead")}>
          {file.last_read_at ? date(file.last_read_at) : t("scalexpert.never")}
        </Row>
      </div>

      <div className="py-1" data-testid="scalexpert-delivery">
        <Row label={t("scalexpert.fields.delivery")}>
          <DeliveryBadge status={d.status} />
        </Row>
        {d.tracking_number && (
          <Row label={t("scalexpert.fields.tracking")} testId="scalexpert-tracking">
            {d.tracking_number}
          </Row>
        )}
        {d.operator && (
          <Row label={t("scalexpert.fields.operator")} testId="scalexpert-operator">
            {d.operator}
          </Row>
        )}
        {d.confirmed_at && (
          <Row label={t("scalexpert.fields.confirmedAt")}>{date(d.confirmed_at)}</Row>
        )}
        {(d.status === "pending" || d.status === "failed") && d.attempts > 0 && (
          <Row label={t("scalexpert.fields.attempts")}>{d.attempts}</Row>
        )}
        {d.next_attempt_at && (
          <Row label={t("scalexpert.fields.nextAttempt")}>{date(d.next_attempt_at)}</Row>
        )}
        {d.error && (
          <Row label={t("scalexpert.fields.error")} testId="scalexpert-delivery-error">
            <span className="text-ui-fg-error">{d.error}</span>
          </Row>
        )}
        {longCredit && (
          <Row label={t("scalexpert.fields.payment")}>
            {d.payment_captured
              ? t("scalexpert.payment.captured")
              : t("scalexpert.payment.notCaptured")}
          </Row>
        )}
      </div>

      {(file.cancellation.partial_cancel_used ||
        file.cancellation.pending ||
        file.cancellation.order_cancel) && (
        <div className="flex flex-col gap-1 px-6 py-3">
          {file.cancellation.partial_cancel_used && (
            <Text size="small" className="text-ui-fg-subtle">
              {t("scalexpert.partialUsed")}
            </Text>
          )}
          {file.cancellation.pending && (
            <Text size="small" className="text-ui-fg-subtle">
              {t("scalexpert.pendingCancellation", {
                amount: money(Number(file.cancellation.pending.amount ?? 0), file.currency_code),
              })}
            </Text>
          )}
          {file.cancellation.order_cancel && (
            <Text size="small" className="text-ui-fg-subtle">
              {t("scalexpert.orderCancel", { status: file.cancellation.order_cancel.status })}
            </Text>
          )}
        </div>
      )}

      <div className="flex flex-wrap gap-2 px-6 py-4">
        <Button
          size="small"
          variant="secondary"
          isLoading={refresh.isPending}
          onClick={() => refresh.mutate()}
          data-testid="scalexpert-refresh"
        >
          <ArrowPath />
          {t("scalexpert.actions.refresh")}
        </Button>
        {canConfirm && <ConfirmDelivery file={file} />}
        {canCancel && <CancelFinancing file={file} />}
      </div>

      <Timeline file={file} />
    </Container>
  )
}

function useFileAction<T>(file: ScalexpertFile, path: string, done: string) {
  const { t } = useTranslation()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: T) =>
      adminFetch<ScalexpertFileResponse>(`/admin/scalexpert/orders/${file.order_id}/${path}`, {
        method: "POST",
        body,
      }),
    onSuccess: (answer) => {
      client.setQueryData(fileKey(file.order_id), answer.scalexpert_file)
      // The order's payment may have changed (capture, refund): let the dashboard read it again.
      client.invalidateQueries({ queryKey: ["orders"] })
      client.invalidateQueries({ queryKey: ["order"] })
      toast.success(done)
    },
    onError: (error) =>
      toast.error(t("scalexpert.actions.failed", { message: (error as Error).message })),
  })
}

function ConfirmDelivery({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [tracking, setTracking] = useState(file.delivery.tracking_number ?? "")
  const [operator, setOperator] = useState(file.delivery.operator ?? "")
  const action = useFileAction<{ tracking_number?: string; operator?: string }>(
    file,
    "confirm-delivery",
    t("scalexpert.confirm.done")
  )
  const submit = () => {
    const body = {
      ...(tracking.trim() ? { tracking_number: tracking.trim() } : {}),
      ...(operator ? { operator } : {}),
    }
    action.mutate(body, {
      onSuccess: (answer) => {
        const delivery = answer.scalexpert_file.delivery
        if (delivery.status === "confirmed") setOpen(false)
        else toast.error(t("scalexpert.confirm.notDone", { message: delivery.error ?? "" }))
      },
    })
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="scalexpert-confirm-delivery">
          {t("scalexpert.actions.confirmDelivery")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content data-testid="scalexpert-confirm-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("scalexpert.confirm.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("scalexpert.confirm.description")}
          </Text>
          <div className="flex flex-col gap-2">
            <Label htmlFor="scalexpert-tracking" size="small" weight="plus">
              {t("scalexpert.confirm.tracking")}
            </Label>
            <Input
              id="scalexpert-tracking"
              data-testid="scalexpert-tracking-input"
              value={tracking}
              maxLength={100}
              placeholder={t("scalexpert.confirm.trackingPlaceholder")}
              onChange={(e) => setTracking(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-2">
            <Label size="small" weight="plus">
              {t("scalexpert.confirm.operator")}
            </Label>
            <Select value={operator} onValueChange={setOperator}>
              <Select.Trigger data-testid="scalexpert-operator-select">
                <Select.Value placeholder={t("scalexpert.confirm.operatorPlaceholder")} />
              </Select.Trigger>
              <Select.Content>
                {DELIVERY_OPERATORS.map((code) => (
                  <Select.Item key={code} value={code} data-testid={`scalexpert-operator-${code}`}>
                    {code.replace(/_/g, " ")}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              {t("scalexpert.confirm.close")}
            </Button>
          </Drawer.Close>
          <Button
            size="small"
            isLoading={action.isPending}
            onClick={submit}
            data-testid="scalexpert-confirm-submit"
          >
            {t("scalexpert.confirm.submit")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

function CancelFinancing({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const { money } = useFormat()
  const [open, setOpen] = useState(false)
  const partialUsed = file.cancellation.partial_cancel_used
  const [mode, setMode] = useState<"whole" | "part">("whole")
  const [amount, setAmount] = useState("")
  const remaining = file.financed_amount ?? 0
  const action = useFileAction<{ amount?: number }>(file, "cancel", t("scalexpert.cancel.done"))
  const parsed = Number(amount.replace(",", "."))
  const amountValid =
    mode === "whole" ||
    (Number.isFinite(parsed) &&
      parsed > 0 &&
      parsed <= remaining &&
      Math.round(parsed * 100) === parsed * 100)
  const submit = () => {
    action.mutate(mode === "whole" ? {} : { amount: parsed }, {
      onSuccess: () => setOpen(false),
    })
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="scalexpert-cancel">
          {t("scalexpert.actions.cancel")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content data-testid="scalexpert-cancel-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("scalexpert.cancel.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4">
          <InlineTip
            label={t("scalexpert.fields.status")}
            variant={partialUsed ? "warning" : "info"}
            data-testid="scalexpert-partial-rule"
          >
            {partialUsed ? t("scalexpert.cancel.ruleUsed") : t("scalexpert.cancel.rule")}
          </InlineTip>
          <RadioGroup value={mode} onValueChange={(v) => setMode(v as "whole" | "part")}>
            <div className="flex items-center gap-2">
              <RadioGroup.Item value="whole" id="scalexpert-cancel-whole" />
              <Label htmlFor="scalexpert-cancel-whole" size="small">
                {t("scalexpert.cancel.whole", { amount: money(remaining, file.currency_code) })}
              </Label>
            </div>
            <div className="flex items-center gap-2">
              <RadioGroup.Item
                value="part"
                id="scalexpert-cancel-part"
                disabled={partialUsed}
                data-testid="scalexpert-cancel-part"
              />
              <Label htmlFor="scalexpert-cancel-part" size="small">
                {t("scalexpert.cancel.part")}
              </Label>
            </div>
          </RadioGroup>
          {mode === "part" && (
            <div className="flex flex-col gap-2">
              <Label htmlFor="scalexpert-cancel-amount" size="small" weight="plus">
                {t("scalexpert.cancel.amount")}
              </Label>
              <Input
                id="scalexpert-cancel-amount"
                data-testid="scalexpert-cancel-amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
              {amount && !amountValid && (
                <Text size="small" className="text-ui-fg-error">
                  {t("scalexpert.cancel.invalidAmount", {
                    max: money(remaining, file.currency_code),
                  })}
                </Text>
              )}
            </div>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              {t("scalexpert.cancel.close")}
            </Button>
          </Drawer.Close>
          <Button
            size="small"
            variant="danger"
            disabled={!amountValid || (mode === "part" && !amount)}
            isLoading={action.isPending}
            onClick={submit}
            data-testid="scalexpert-cancel-submit"
          >
            {t("scalexpert.cancel.submit")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

const OUTCOME_DOT: Record<string, string> = {
  success: "bg-ui-tag-green-icon",
  failure: "bg-ui-tag-red-icon",
  info: "bg-ui-tag-neutral-icon",
}

function Timeline({ file }: { file: ScalexpertFile }) {
  const { t, i18n } = useTranslation()
  const { date } = useFormat()
  // Newest first, as the order's own activity.
  const entries = [...file.timeline].reverse()
  const trigger = (key: string) =>
    i18n.exists(`scalexpert.timeline.trigger.${key}`)
      ? t(`scalexpert.timeline.trigger.${key}`)
      : key
  return (
    <div className="flex flex-col gap-3 px-6 py-4" data-testid="scalexpert-timeline">
      <Heading level="h3">{t("scalexpert.timeline.title")}</Heading>
      {entries.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.timeline.empty")}
        </Text>
      ) : (
        <ol className="flex flex-col gap-3">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className="grid grid-cols-[12px_1fr] gap-x-2"
              data-testid="scalexpert-timeline-entry"
              data-outcome={entry.outcome}
              data-trigger={entry.trigger}
            >
              <span
                className={`mt-1.5 size-2 rounded-full ${OUTCOME_DOT[entry.outcome] ?? OUTCOME_DOT.info}`}
              />
              <div className="flex min-w-0 flex-col">
                <Text size="small" leading="compact" weight="plus" className="break-words">
                  {entry.from_status || entry.to_status
                    ? entry.kind === "status_change"
                      ? `${entry.from_status ?? "—"} → ${entry.to_status ?? "—"}: ${entry.message}`
                      : entry.message
                    : entry.message}
                </Text>
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                  {date(entry.created_at)} · {trigger(entry.trigger)}
                </Text>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side",
  id: "scalexpert:order-financing",
})

export default ScalexpertOrderWidget
