import { ArrowPath } from "@medusajs/icons"
import { Alert, Badge, Button, Heading, Table, Text } from "@medusajs/ui"
import { useQueries, type UseQueryResult } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { adminFetch } from "../../../lib/api"
import type { ScalexpertInsuranceContractedSolutionsResponse as Contracted } from "../../../../storefront/insurance-types"
import { Section } from "./layout"

/** The countries listed, as for the financing solutions. */
export const INSURANCE_COUNTRIES = ["FR", "DE"] as const

/**
 * The insurance solutions the merchant's contract offers per country (Scalexpert's eligible
 * insurance solutions), and whether this shop sells them (`insuranceSolutions`).
 */
export function InsuranceSolutions() {
  const { t } = useTranslation()
  const countries = useQueries({
    queries: INSURANCE_COUNTRIES.map((country) => ({
      queryKey: ["scalexpert", "insurance", "solutions", country],
      queryFn: () =>
        adminFetch<Contracted>(`/admin/scalexpert/insurance/solutions?country=${country}`),
      retry: false,
    })),
  })
  return (
    <Section
      title={t("scalexpert.settings.insurance.title")}
      description={t("scalexpert.settings.insurance.description")}
      testId="scalexpert-insurance-solutions"
      action={
        <Button
          size="small"
          variant="secondary"
          isLoading={countries.some((q) => q.isFetching)}
          onClick={() => countries.forEach((q) => q.refetch())}
        >
          <ArrowPath />
          {t("scalexpert.settings.insurance.reload")}
        </Button>
      }
    >
      {INSURANCE_COUNTRIES.map((country, i) => (
        <CountrySolutions key={country} country={country} query={countries[i]} />
      ))}
    </Section>
  )
}

/** One country: asking, Scalexpert's error, nothing contracted, or the solutions. */
export function CountrySolutions({
  country,
  query,
}: {
  country: (typeof INSURANCE_COUNTRIES)[number]
  query: Pick<UseQueryResult<Contracted>, "data" | "error" | "isPending" | "isError">
}) {
  const { t } = useTranslation()
  const state = query.isPending ? "loading" : query.isError ? "error" : "ready"
  return (
    <div
      className="flex flex-col gap-2 px-6 py-4"
      data-testid="scalexpert-insurance-market"
      data-market={country}
      data-state={state}
    >
      <Heading level="h3">{t(`scalexpert.settings.solutions.market.${country}`)}</Heading>
      {query.isPending && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.settings.insurance.loading")}
        </Text>
      )}
      {query.isError && (
        <Alert variant="error" data-testid="scalexpert-insurance-solutions-error">
          {t("scalexpert.settings.insurance.error", { message: (query.error as Error).message })}
        </Alert>
      )}
      {query.data && query.data.solutions.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle" data-testid="scalexpert-insurance-none">
          {t("scalexpert.settings.insurance.none")}
        </Text>
      )}
      {query.data && query.data.solutions.length > 0 && <SolutionsTable answer={query.data} />}
    </div>
  )
}

function SolutionsTable({ answer }: { answer: Contracted }) {
  const { t } = useTranslation()
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("scalexpert.settings.insurance.name")}</Table.HeaderCell>
          <Table.HeaderCell>{t("scalexpert.settings.insurance.code")}</Table.HeaderCell>
          <Table.HeaderCell>{t("scalexpert.settings.insurance.offered")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {answer.solutions.map((s) => (
          <Table.Row
            key={s.solution_code}
            data-testid="scalexpert-insurance-solution"
            data-code={s.solution_code}
            data-enabled={String(s.enabled)}
          >
            <Table.Cell>{s.title}</Table.Cell>
            <Table.Cell>
              <code>{s.solution_code}</code>
            </Table.Cell>
            <Table.Cell>
              <Badge size="2xsmall" color={s.enabled ? "green" : "grey"}>
                {s.enabled
                  ? t("scalexpert.settings.insurance.yes")
                  : t("scalexpert.settings.insurance.no")}
              </Badge>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
