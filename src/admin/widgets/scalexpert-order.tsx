import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { adminFetch, isNotFound, retryUnlessNotFound } from "../lib/api"
import type { ScalexpertFileResponse } from "../lib/types"
import { fileKey } from "../components/order/file-mutation"
import { FileView } from "../components/order/file-view"
import { WidgetError } from "../components/widget-error"

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
    retry: retryUnlessNotFound,
  })

  // Paid otherwise: not a word.
  if (isNotFound(query.error)) return null

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
      <WidgetError
        title={t("scalexpert.title")}
        message={t("scalexpert.loadError", { message: (query.error as Error).message })}
        testId="scalexpert-widget-error"
        onRetry={() => query.refetch()}
      />
    )
  }

  return <FileView file={query.data} />
}

export const config = defineWidgetConfig({
  zone: "order.details.side",
  id: "scalexpert:order-financing",
})

export default ScalexpertOrderWidget
