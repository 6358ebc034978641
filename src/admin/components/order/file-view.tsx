import { ArrowPath } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { solutionName } from "../../../scalexpert/solutions"
import { useFormat } from "../../lib/format"
import type { ScalexpertFile } from "../../lib/types"
import { FileStatusBadge } from "../status"
import { CancelFinancing } from "./cancel-financing"
import { ConfirmDelivery } from "./confirm-delivery"
import { CancellationNotes, DeliveryDetails, FileDetails } from "./file-details"
import { useFileMutation } from "./file-mutation"
import { Timeline } from "./timeline"

/** The Scalexpert file of an order: its state, the actions the server allows now, its timeline. */
export function FileView({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const { language } = useFormat()
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
      <FileDetails file={file} />
      <DeliveryDetails file={file} />
      <CancellationNotes file={file} />
      <FileActions file={file} />
      <Timeline file={file} />
    </Container>
  )
}

function FileActions({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const refresh = useFileMutation<Record<string, never>>(
    file.order_id,
    "refresh",
    t("scalexpert.actions.refreshed"),
    false
  )
  // What may be done now is the server's decision: the widget reads no status.
  return (
    <div className="flex flex-wrap gap-2 px-6 py-4">
      <Button
        size="small"
        variant="secondary"
        isLoading={refresh.isPending}
        onClick={() => refresh.mutate({})}
        data-testid="scalexpert-refresh"
      >
        <ArrowPath />
        {t("scalexpert.actions.refresh")}
      </Button>
      {file.actions.confirm_delivery && <ConfirmDelivery file={file} />}
      {file.actions.cancel && <CancelFinancing file={file} />}
    </div>
  )
}
