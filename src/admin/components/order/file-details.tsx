import { Badge, Copy, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { solutionName } from "../../../scalexpert/solutions"
import { useFormat } from "../../lib/format"
import type { ScalexpertFile } from "../../lib/types"
import { DeliveryBadge } from "../status"
import { Row } from "../row"

/** Solution, sub-status, amounts, subscription id and last read of the file. */
export function FileDetails({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const { money, date, language } = useFormat()
  return (
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
            <code className="txt-compact-small-plus truncate" data-testid="scalexpert-subscription">
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
  )
}

/** The delivery confirmation: its state, tracking, attempts and, for a long credit, the capture. */
export function DeliveryDetails({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const { date } = useFormat()
  const d = file.delivery
  return (
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
      {file.kind === "long_credit" && (
        <Row label={t("scalexpert.fields.payment")}>
          {d.payment_captured
            ? t("scalexpert.payment.captured")
            : t("scalexpert.payment.notCaptured")}
        </Row>
      )}
    </div>
  )
}

/** Notes on cancellations: the one partial cancellation used, one pending, the order's own. */
export function CancellationNotes({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const { money } = useFormat()
  const c = file.cancellation
  if (!(c.partial_cancel_used || c.pending || c.order_cancel)) return null
  return (
    <div className="flex flex-col gap-1 px-6 py-3">
      {c.partial_cancel_used && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.partialUsed")}
        </Text>
      )}
      {c.pending && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.pendingCancellation", {
            amount: money(Number(c.pending.amount ?? 0), file.currency_code),
          })}
        </Text>
      )}
      {c.order_cancel && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.orderCancel", { status: c.order_cancel.status })}
        </Text>
      )}
    </div>
  )
}
