import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { WidgetError } from "../components/widget-error"
import { AdminApiError, adminFetch } from "../lib/api"
import type {
  ScalexpertInsurancePoliciesResponse,
  ScalexpertInsurancePolicyView,
} from "../../storefront/insurance-types"
import { PolicyCard, policiesKey } from "./scalexpert-insurance-policy"

/** The policies of an order, as `GET /admin/scalexpert/insurance/orders/:id` answers them. */
export function InsurancePolicies({ policies }: { policies: ScalexpertInsurancePolicyView[] }) {
  const { t } = useTranslation()
  return (
    <Container className="divide-y p-0" data-testid="scalexpert-insurance-widget">
      <div className="px-6 py-4">
        <Heading level="h2">{t("scalexpert.insurance.title")}</Heading>
      </div>
      {policies.map((policy) => (
        <PolicyCard key={policy.id} policy={policy} />
      ))}
    </Container>
  )
}

/**
 * The Scalexpert insurance policies of an order (status, insured item, price, subscription id,
 * refresh and cancel). Nothing on orders without insurance, nor while they load.
 */
const ScalexpertInsuranceWidget = ({ data: order }: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { t } = useTranslation()
  const query = useQuery({
    queryKey: policiesKey(order.id),
    queryFn: () =>
      adminFetch<ScalexpertInsurancePoliciesResponse>(
        `/admin/scalexpert/insurance/orders/${order.id}`
      ).then((r) => r.policies),
    retry: (count, error) => !(error instanceof AdminApiError && error.status === 404) && count < 2,
  })
  if (query.error instanceof AdminApiError && query.error.status === 404) return null
  if (query.isError) {
    return (
      <WidgetError
        title={t("scalexpert.insurance.title")}
        message={t("scalexpert.insurance.loadError", { message: (query.error as Error).message })}
        testId="scalexpert-insurance-widget-error"
        onRetry={() => query.refetch()}
      />
    )
  }
  if (!query.data || query.data.length === 0) return null
  return <InsurancePolicies policies={query.data} />
}

export const config = defineWidgetConfig({ zone: "order.details.side.after" })

export default ScalexpertInsuranceWidget
