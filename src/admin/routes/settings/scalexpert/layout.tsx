import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

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

export function Row({
  label,
  children,
  testId,
}: {
  label: string
  children: ReactNode
  testId?: string
}) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-[1fr_2fr] items-start gap-x-4 px-6 py-3">
      <Text size="small" weight="plus" leading="compact">
        {label}
      </Text>
      <div className="text-ui-fg-base txt-compact-small min-w-0 break-words" data-testid={testId}>
        {children}
      </div>
    </div>
  )
}
