import { StatusBadge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

type Color = "green" | "red" | "orange" | "blue" | "grey" | "purple"

const STATUS_COLORS: Record<string, Color> = {
  ACCEPTED: "green",
  PRE_ACCEPTED: "orange",
  INITIALIZED: "blue",
  REQUESTED: "blue",
  REJECTED: "red",
  ABORTED: "grey",
  CANCELLED: "grey",
}

const KNOWN = Object.keys(STATUS_COLORS)

/** Scalexpert's consolidated status as a badge, in the admin's language. */
export function FileStatusBadge({ status }: { status: string | null }) {
  const { t } = useTranslation()
  const known = status && KNOWN.includes(status) ? status : null
  return (
    <StatusBadge
      color={known ? STATUS_COLORS[known] : "grey"}
      data-testid="scalexpert-status"
      data-status={status ?? ""}
    >
      {known ? t(`scalexpert.status.${known}`) : (status ?? t("scalexpert.status.unknown"))}
    </StatusBadge>
  )
}

const DELIVERY_COLORS: Record<string, Color> = {
  not_required: "grey",
  awaiting_shipment: "blue",
  pending: "orange",
  confirmed: "green",
  failed: "red",
}

export function DeliveryBadge({ status }: { status: string }) {
  const { t } = useTranslation()
  return (
    <StatusBadge
      color={DELIVERY_COLORS[status] ?? "grey"}
      data-testid="scalexpert-delivery-status"
      data-status={status}
    >
      {DELIVERY_COLORS[status] ? t(`scalexpert.delivery.${status}`) : status}
    </StatusBadge>
  )
}
