import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Row as LabelledRow } from "../../../components/row"

/** The building blocks of the Scalexpert settings page: a titled card and a label/value row. */

export function Section({
  title,
  description,
  action,
  children,
  testId,
}: {
  title: string
  description?: string
  action?: ReactNode
  children: ReactNode
  testId?: string
}) {
  return (
    <Container className="divide-y p-0" data-testid={testId}>
      <div className="flex items-center justify-between gap-4 px-6 py-4">
        <div className="flex flex-col">
          <Heading level="h2">{title}</Heading>
          {description && (
            <Text size="small" className="text-ui-fg-subtle">
              {description}
            </Text>
          )}
        </div>
        {action}
      </div>
      {children}
    </Container>
  )
}

export function Row(props: { label: string; children: ReactNode; testId?: string }) {
  return <LabelledRow columns="grid-cols-[1fr_2fr]" {...props} />
}
