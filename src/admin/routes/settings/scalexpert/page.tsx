import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CreditCard } from "@medusajs/icons"
import { Alert, Button, Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { solutionName } from "../../../../scalexpert/solutions"
import { adminFetch } from "../../../lib/api"
import { useFormat } from "../../../lib/format"
import type { Settings } from "../../../lib/types"
import { Connection } from "./connection-section"
import { InsuranceSolutions } from "./insurance-section"
import { Row, Section } from "./layout"
import { Solutions } from "./solutions-section"
import { Webhook } from "./webhook-section"

/**
 * Settings → Scalexpert: the environment, a connection check, the contracted solutions per
 * market (financing, then insurance), the webhook to register and whether signed events arrive,
 * and the files that need attention. Nothing secret is ever sent to this page.
 */
const ScalexpertSettingsPage = () => {
  const { t } = useTranslation()
  const settings = useQuery({
    queryKey: ["scalexpert", "settings"],
    queryFn: () =>
      adminFetch<{ settings: Settings }>("/admin/scalexpert/settings").then((r) => r.settings),
  })

  return (
    <div className="flex flex-col gap-y-3" data-testid="scalexpert-settings">
      <Container className="px-6 py-4">
        <Heading level="h1">{t("scalexpert.settings.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.settings.subtitle")}
        </Text>
      </Container>
      {settings.isPending && (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("scalexpert.loading")}
          </Text>
        </Container>
      )}
      {settings.isError && (
        <Container className="flex flex-col gap-3 px-6 py-4">
          <Alert variant="error" data-testid="scalexpert-settings-error">
            {t("scalexpert.settings.loadError", { message: (settings.error as Error).message })}
          </Alert>
          <div>
            <Button size="small" variant="secondary" onClick={() => settings.refetch()}>
              {t("scalexpert.retry")}
            </Button>
          </div>
        </Container>
      )}
      {settings.data && (
        <>
          {settings.data.warnings.map((warning) => (
            <Alert
              key={warning.code}
              variant="warning"
              data-testid="scalexpert-settings-warning"
              data-code={warning.code}
            >
              {t(`scalexpert.settings.warnings.${warning.code}`, { defaultValue: warning.message })}
            </Alert>
          ))}
          <Environment settings={settings.data} />
          <Connection />
          <Solutions settings={settings.data} />
          <InsuranceSolutions />
          <Webhook settings={settings.data} />
          <Attention settings={settings.data} />
        </>
      )}
    </div>
  )
}

function Environment({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  return (
    <Section title={t("scalexpert.settings.environment.title")} testId="scalexpert-environment">
      <Row label={t("scalexpert.settings.environment.environment")}>
        <StatusBadge
          color={settings.environment === "production" ? "green" : "orange"}
          data-testid="scalexpert-environment-value"
          data-environment={settings.environment}
        >
          {t(`scalexpert.settings.environment.${settings.environment}`)}
        </StatusBadge>
      </Row>
      <Row label={t("scalexpert.settings.environment.apiRoot")}>
        <code>{settings.api_root}</code>
      </Row>
      <Row label={t("scalexpert.settings.environment.clientId")}>
        <code data-testid="scalexpert-client-id">{settings.client_id}</code>
      </Row>
      <Row label={t("scalexpert.settings.environment.backendUrl")}>
        <code>{settings.backend_url}</code>
      </Row>
      <div className="px-6 py-3">
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.settings.environment.secretNote")}
        </Text>
      </div>
    </Section>
  )
}

function Attention({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const { date, language } = useFormat()
  return (
    <Section title={t("scalexpert.settings.attention.title")} testId="scalexpert-attention">
      {settings.attention.length === 0 ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("scalexpert.settings.attention.empty")}
          </Text>
        </div>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("scalexpert.settings.attention.order")}</Table.HeaderCell>
              <Table.HeaderCell>{t("scalexpert.settings.attention.file")}</Table.HeaderCell>
              <Table.HeaderCell>{t("scalexpert.settings.attention.solution")}</Table.HeaderCell>
              <Table.HeaderCell>{t("scalexpert.settings.attention.reason")}</Table.HeaderCell>
              <Table.HeaderCell>{t("scalexpert.settings.attention.attempts")}</Table.HeaderCell>
              <Table.HeaderCell>{t("scalexpert.settings.attention.error")}</Table.HeaderCell>
              <Table.HeaderCell>{t("scalexpert.settings.attention.nextAttempt")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {settings.attention.map((file) => (
              <Table.Row
                key={`${file.file_id}-${file.reason}`}
                data-testid="scalexpert-attention-file"
                data-reason={file.reason}
              >
                <Table.Cell>
                  {file.order_id ? (
                    <Link to={`/orders/${file.order_id}`} className="text-ui-fg-interactive">
                      {file.order_id}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Table.Cell>
                <Table.Cell>
                  <span className="font-mono" data-testid="scalexpert-attention-subscription">
                    {file.subscription_id ?? "—"}
                  </span>
                </Table.Cell>
                <Table.Cell>{solutionName(file.solution_code, language)}</Table.Cell>
                <Table.Cell>{t(`scalexpert.settings.attention.reasons.${file.reason}`)}</Table.Cell>
                <Table.Cell>{file.attempts || "—"}</Table.Cell>
                <Table.Cell>
                  <span className="text-ui-fg-error">{file.error ?? "—"}</span>
                </Table.Cell>
                <Table.Cell>{date(file.next_attempt_at)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Section>
  )
}

export const config = defineRouteConfig({
  label: "scalexpert.settings.menu",
  translationNs: "translation",
  icon: CreditCard,
})

export default ScalexpertSettingsPage
