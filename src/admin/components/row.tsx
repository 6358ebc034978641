import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/**
 * A label and its value side by side, as the dashboard's own sections show them: two equal columns
 * padded as a section's row unless `columns` or `padding` (Tailwind classes) say otherwise.
 */
export function Row({
  label,
  children,
  testId,
  columns = "grid-cols-2",
  padding = "px-6 py-3",
}: {
  label: string
  children: ReactNode
  testId?: string
  columns?: string
  padding?: string
}) {
  return (
    <div className={`text-ui-fg-subtle grid ${columns} items-start gap-x-4 ${padding}`.trim()}>
      <Text size="small" weight="plus" leading="compact">
        {label}
      </Text>
      <div className="text-ui-fg-base min-w-0 break-words txt-compact-small" data-testid={testId}>
        {children}
      </div>
    </div>
  )
}
