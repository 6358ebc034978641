import { Alert, Button, Copy, StatusBadge, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { adminFetch } from "../../../lib/api"
import { useFormat } from "../../../lib/format"
import type { Settings, WebhookSetup, WebhookTest } from "../../../lib/types"
import { Row, Section } from "./layout"

const KEY = ["scalexpert", "webhook"]
const PATH = "/admin/scalexpert/settings/webhook"

/** A test event is waited for this long (the lender delivers within seconds). */
const TEST_WAIT_MS = 120_000

const waiting = (test: WebhookTest | null | undefined) =>
  !!test && !test.arrived_at && Date.now() - Date.parse(test.sent_at) < TEST_WAIT_MS

/** The lender's configuration as the plugin reads it, and the two actions on it. */
function useWebhookSetup() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const setup = useQuery({
    queryKey: KEY,
    queryFn: () => adminFetch<{ webhook: WebhookSetup }>(PATH).then((r) => r.webhook),
    // While a test event travels, ask again every second.
    refetchInterval: (query) => (waiting(query.state.data?.test) ? 1000 : false),
  })
  const register = useMutation({
    mutationFn: () =>
      adminFetch<{ webhook: WebhookSetup }>(`${PATH}/register`, { method: "POST", body: {} }),
    onSuccess: ({ webhook }) => {
      client.setQueryData(KEY, webhook)
      toast.success(t("scalexpert.settings.webhook.setup.registered"))
    },
  })
  const sendTest = useMutation({
    mutationFn: () =>
      adminFetch<{ test: WebhookTest }>(`${PATH}/test`, { method: "POST", body: {} }),
    onSuccess: ({ test }) => {
      const current = client.getQueryData<WebhookSetup>(KEY)
      if (current) client.setQueryData(KEY, { ...current, test })
      void setup.refetch()
    },
  })
  return { setup, register, sendTest }
}

/**
 * Webhooks: the URL, whether the lender's configuration points at this shop with its key and
 * the plugin's event codes, a button that registers it, and a button that sends the lender's
 * `HELLO_WORLD` test event and shows when it arrived and whether its signature checked out.
 */
export function Webhook({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const { date } = useFormat()
  const { setup, register, sendTest } = useWebhookSetup()
  const keyConfigured = settings.webhook.signature_key_configured
  return (
    <Section
      title={t("scalexpert.settings.webhook.title")}
      testId="scalexpert-webhook"
      action={
        <div className="flex gap-2">
          <Button
            size="small"
            variant="secondary"
            disabled={!keyConfigured}
            isLoading={register.isPending}
            onClick={() => register.mutate()}
            data-testid="scalexpert-webhook-register"
          >
            {t("scalexpert.settings.webhook.setup.register")}
          </Button>
          <Button
            size="small"
            variant="secondary"
            isLoading={sendTest.isPending}
            onClick={() => sendTest.mutate()}
            data-testid="scalexpert-webhook-send-test"
          >
            {t("scalexpert.settings.webhook.setup.sendTest")}
          </Button>
        </div>
      }
    >
      <Row label={t("scalexpert.settings.webhook.url")}>
        <span className="flex items-center gap-1">
          <code data-testid="scalexpert-webhook-url" className="break-all">
            {settings.webhook.url}
          </code>
          <Copy content={settings.webhook.url} />
        </span>
      </Row>
      <Row label={t("scalexpert.settings.webhook.key")}>
        <StatusBadge color={keyConfigured ? "green" : "red"}>
          {keyConfigured
            ? t("scalexpert.settings.webhook.keyConfigured")
            : t("scalexpert.settings.webhook.keyMissing")}
        </StatusBadge>
      </Row>
      <Row label={t("scalexpert.settings.webhook.setup.lender")} testId="scalexpert-webhook-lender">
        <LenderStatus setup={setup.data} loadError={setup.error as Error | null} />
      </Row>
      <Row label={t("scalexpert.settings.webhook.setup.test")}>
        <TestStatus test={setup.data?.test} />
      </Row>
      <Row label={t("scalexpert.settings.webhook.lastEvent")} testId="scalexpert-webhook-last">
        {settings.webhook.last_event_at
          ? date(settings.webhook.last_event_at)
          : t("scalexpert.settings.webhook.noEvent")}
      </Row>
      {(register.isError || sendTest.isError) && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="scalexpert-webhook-action-error">
            {register.isError
              ? t("scalexpert.settings.webhook.setup.registerFailed", {
                  message: (register.error as Error).message,
                })
              : t("scalexpert.settings.webhook.setup.testFailed", {
                  message: (sendTest.error as Error).message,
                })}
          </Alert>
        </div>
      )}
    </Section>
  )
}

function LenderStatus({
  setup,
  loadError,
}: {
  setup: WebhookSetup | undefined
  loadError: Error | null
}) {
  const { t } = useTranslation()
  const error = loadError?.message ?? setup?.error?.message
  if (error) {
    return (
      <Alert variant="error" data-testid="scalexpert-webhook-status" data-status="error">
        {t("scalexpert.settings.webhook.setup.readError", { message: error })}
      </Alert>
    )
  }
  if (!setup) return <Text size="small">{t("scalexpert.loading")}</Text>
  const status = setup.ok ? "ok" : setup.lender ? "problem" : "not_configured"
  const label = {
    ok: t("scalexpert.settings.webhook.setup.ok"),
    problem: t("scalexpert.settings.webhook.setup.problem"),
    not_configured: t("scalexpert.settings.webhook.setup.notConfigured"),
  }[status]
  return (
    <div
      className="flex flex-col gap-1"
      data-testid="scalexpert-webhook-status"
      data-status={status}
    >
      <StatusBadge color={status === "ok" ? "green" : status === "problem" ? "red" : "orange"}>
        {label}
      </StatusBadge>
      {setup.problems
        .filter((problem) => problem !== "not_configured")
        .map((problem) => (
          <Text key={problem} size="small" className="text-ui-fg-error" data-problem={problem}>
            {t(`scalexpert.settings.webhook.setup.problems.${problem}`, {
              url: setup.lender?.url ?? "",
              codes: setup.missing_event_codes.join(", "),
            })}
          </Text>
        ))}
    </div>
  )
}

function TestStatus({ test }: { test: WebhookTest | null | undefined }) {
  const { t } = useTranslation()
  const { date } = useFormat()
  if (!test) return <Text size="small">{t("scalexpert.settings.webhook.setup.noTest")}</Text>
  const signature =
    test.signature_valid === null ? "pending" : test.signature_valid ? "valid" : "invalid"
  return (
    <div
      className="flex flex-col gap-1"
      data-testid="scalexpert-webhook-test"
      data-arrived={test.arrived_at ? "true" : "false"}
      data-signature={signature}
    >
      <Text size="small">
        {t("scalexpert.settings.webhook.setup.testSent", { at: date(test.sent_at) })}
      </Text>
      {test.arrived_at ? (
        <StatusBadge color={test.signature_valid ? "green" : "red"}>
          {t("scalexpert.settings.webhook.setup.testArrived", { at: date(test.arrived_at) })}
          {" · "}
          {test.signature_valid
            ? t("scalexpert.settings.webhook.setup.signatureValid")
            : t("scalexpert.settings.webhook.setup.signatureInvalid", {
                reason: test.signature_problem ?? "",
              })}
        </StatusBadge>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.settings.webhook.setup.testWaiting")}
        </Text>
      )}
    </div>
  )
}
