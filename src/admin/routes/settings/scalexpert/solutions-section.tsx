import { ArrowPath } from "@medusajs/icons"
import { Alert, Badge, Button, Heading, Table, Text } from "@medusajs/ui"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { solutionName } from "../../../../scalexpert/solutions"
import { adminFetch } from "../../../lib/api"
import { useFormat } from "../../../lib/format"
import type { Settings, SolutionsAnswer } from "../../../lib/types"
import { Section } from "./layout"

/** The solutions the merchant's contract offers per market, and whether this shop offers them. */
export function Solutions({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const { money, language } = useFormat()
  const solutions = useQuery({
    queryKey: ["scalexpert", "solutions"],
    queryFn: () => adminFetch<SolutionsAnswer>("/admin/scalexpert/settings/solutions"),
  })
  const reload = useMutation({
    mutationFn: () =>
      adminFetch<SolutionsAnswer>("/admin/scalexpert/settings/solutions?fresh=true"),
    onSuccess: () => solutions.refetch(),
  })
  const amounts = (solutions.data?.markets ?? [])
    .flatMap((m) => m.amounts.map((a) => `${m.market} ${money(a)}`))
    .join(", ")
  return (
    <Section
      title={t("scalexpert.settings.solutions.title")}
      description={t("scalexpert.settings.solutions.description", { amounts: amounts || "…" })}
      testId="scalexpert-solutions"
      action={
        <Button
          size="small"
          variant="secondary"
          isLoading={reload.isPending || solutions.isFetching}
          onClick={() => reload.mutate()}
        >
          <ArrowPath />
          {t("scalexpert.settings.solutions.reload")}
        </Button>
      }
    >
      {solutions.isPending && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("scalexpert.settings.solutions.loading")}
          </Text>
        </div>
      )}
      {solutions.isError && (
        <div className="px-6 py-4">
          <Alert variant="error">
            {t("scalexpert.settings.solutions.error", {
              message: (solutions.error as Error).message,
            })}
          </Alert>
        </div>
      )}
      {solutions.data?.markets.map((market) => (
        <div
          key={market.market}
          className="flex flex-col gap-2 px-6 py-4"
          data-testid="scalexpert-market"
          data-market={market.market}
        >
          <Heading level="h3">{t(`scalexpert.settings.solutions.market.${market.market}`)}</Heading>
          {market.error && (
            <Alert variant="error">
              {t("scalexpert.settings.solutions.error", { message: market.error.message })}
            </Alert>
          )}
          {market.solutions.length === 0 && !market.error ? (
            <Text size="small" className="text-ui-fg-subtle">
              {t("scalexpert.settings.solutions.none")}
            </Text>
          ) : (
            market.solutions.length > 0 && (
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>{t("scalexpert.settings.solutions.name")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("scalexpert.settings.solutions.code")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("scalexpert.settings.solutions.kind")}</Table.HeaderCell>
                    <Table.HeaderCell>
                      {t("scalexpert.settings.solutions.eligibleAt")}
                    </Table.HeaderCell>
                    <Table.HeaderCell>
                      {t("scalexpert.settings.solutions.offered")}
                    </Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {market.solutions.map((s) => (
                    <Table.Row
                      key={s.code}
                      data-testid="scalexpert-contracted-solution"
                      data-code={s.code}
                    >
                      <Table.Cell>{s.name[language] ?? solutionName(s.code, language)}</Table.Cell>
                      <Table.Cell>
                        <code>{s.code}</code>
                      </Table.Cell>
                      <Table.Cell>{s.kind ? t(`scalexpert.kind.${s.kind}`) : "—"}</Table.Cell>
                      <Table.Cell>{s.eligible_at.map((a) => money(a)).join(", ")}</Table.Cell>
                      <Table.Cell>
                        <Badge size="2xsmall" color={s.enabled ? "green" : "grey"}>
                          {s.enabled
                            ? t("scalexpert.settings.solutions.yes")
                            : t("scalexpert.settings.solutions.no")}
                        </Badge>
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            )
          )}
        </div>
      ))}
      {settings.enabled_solutions && (
        <div className="px-6 py-3">
          <Text size="small" className="text-ui-fg-subtle">
            enabledSolutions: <code>{settings.enabled_solutions.join(", ")}</code>
          </Text>
        </div>
      )}
    </Section>
  )
}
