import { Alert, Button, Copy } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { adminFetch } from "../../../lib/api"
import type { ConnectionCheck } from "../../../lib/types"
import { Row, Section } from "./layout"

/** A connection check: a new access token and one eligibility, with Scalexpert's error if any. */
export function Connection() {
  const { t } = useTranslation()
  const check = useMutation({
    mutationFn: () =>
      adminFetch<{ connection: ConnectionCheck }>("/admin/scalexpert/settings/connection-check", {
        method: "POST",
        body: {},
      }).then((r) => r.connection),
  })
  const result = check.data
  return (
    <Section
      title={t("scalexpert.settings.connection.title")}
      description={t("scalexpert.settings.connection.description")}
      testId="scalexpert-connection"
      action={
        <Button
          size="small"
          variant="secondary"
          isLoading={check.isPending}
          onClick={() => check.mutate()}
          data-testid="scalexpert-connection-check"
        >
          {t("scalexpert.settings.connection.check")}
        </Button>
      }
    >
      {check.isError && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="scalexpert-connection-result" data-ok="false">
            {(check.error as Error).message}
          </Alert>
        </div>
      )}
      {result?.ok === true && (
        <div className="px-6 py-4">
          <Alert variant="success" data-testid="scalexpert-connection-result" data-ok="true">
            {t("scalexpert.settings.connection.ok", { ms: result.latencyMs })}
          </Alert>
        </div>
      )}
      {result?.ok === false && (
        <div
          className="flex flex-col"
          data-testid="scalexpert-connection-result"
          data-ok="false"
          data-status={result.error.status ?? ""}
        >
          <div className="px-6 pt-4">
            <Alert variant="error">{t("scalexpert.settings.connection.failed")}</Alert>
          </div>
          <Row label={t("scalexpert.settings.connection.kind")}>
            <code>{result.error.kind}</code>
          </Row>
          {result.error.status !== undefined && (
            <Row label={t("scalexpert.settings.connection.httpStatus")}>
              <code>{result.error.status}</code>
            </Row>
          )}
          {result.error.errorCode && (
            <Row label={t("scalexpert.settings.connection.errorCode")}>
              <code>{result.error.errorCode}</code>
            </Row>
          )}
          <Row
            label={t("scalexpert.settings.connection.message")}
            testId="scalexpert-connection-message"
          >
            {result.error.message}
          </Row>
          {result.error.requestId && (
            <Row label={t("scalexpert.settings.connection.requestId")}>
              <span className="flex items-center gap-1">
                <code>{result.error.requestId}</code>
                <Copy content={result.error.requestId} />
              </span>
            </Row>
          )}
        </div>
      )}
    </Section>
  )
}
