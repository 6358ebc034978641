import { Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useFormat } from "../../lib/format"
import type { ScalexpertFile } from "../../lib/types"

const OUTCOME_DOT: Record<string, string> = {
  success: "bg-ui-tag-green-icon",
  failure: "bg-ui-tag-red-icon",
  info: "bg-ui-tag-neutral-icon",
}

/** What happened to the file, newest first. */
export function Timeline({ file }: { file: ScalexpertFile }) {
  const { t, i18n } = useTranslation()
  const { date } = useFormat()
  // Newest first, as the order's own activity.
  const entries = [...file.timeline].reverse()
  const trigger = (key: string) =>
    i18n.exists(`scalexpert.timeline.trigger.${key}`)
      ? t(`scalexpert.timeline.trigger.${key}`)
      : key
  return (
    <div className="flex flex-col gap-3 px-6 py-4" data-testid="scalexpert-timeline">
      <Heading level="h3">{t("scalexpert.timeline.title")}</Heading>
      {entries.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          {t("scalexpert.timeline.empty")}
        </Text>
      ) : (
        <ol className="flex flex-col gap-3">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className="grid grid-cols-[12px_1fr] gap-x-2"
              data-testid="scalexpert-timeline-entry"
              data-outcome={entry.outcome}
              data-trigger={entry.trigger}
            >
              <span
                className={`mt-1.5 size-2 rounded-full ${OUTCOME_DOT[entry.outcome] ?? OUTCOME_DOT.info}`}
              />
              <div className="flex min-w-0 flex-col">
                <Text size="small" leading="compact" weight="plus" className="break-words">
                  {entry.from_status || entry.to_status
                    ? entry.kind === "status_change"
                      ? `${entry.from_status ?? "—"} → ${entry.to_status ?? "—"}: ${entry.message}`
                      : entry.message
                    : entry.message}
                </Text>
                <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                  {date(entry.created_at)} · {trigger(entry.trigger)}
                </Text>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
