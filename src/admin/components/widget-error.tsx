import { Alert, Button, Container, Heading } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

/** A widget whose data could not be read: its title, the reason, and a button to read again. */
export function WidgetError(props: {
  title: string
  message: string
  testId: string
  onRetry: () => void
}) {
  const { t } = useTranslation()
  return (
    <Container className="flex flex-col gap-3 px-6 py-4" data-testid={props.testId}>
      <Heading level="h2">{props.title}</Heading>
      <Alert variant="error">{props.message}</Alert>
      <div>
        <Button size="small" variant="secondary" onClick={props.onRetry}>
          {t("scalexpert.retry")}
        </Button>
      </div>
    </Container>
  )
}
