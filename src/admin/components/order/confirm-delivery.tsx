import { Input, Select, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { DELIVERY_OPERATORS } from "../../lib/format"
import type { ScalexpertFile } from "../../lib/types"
import { ActionDrawer, DrawerField } from "./action-drawer"
import { useFileMutation } from "./file-mutation"

/** Confirms the delivery to Scalexpert, with the tracking number and the carrier if known. */
export function ConfirmDelivery({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [tracking, setTracking] = useState(file.delivery.tracking_number ?? "")
  const [operator, setOperator] = useState(file.delivery.operator ?? "")
  const action = useFileMutation<{ tracking_number?: string; operator?: string }>(
    file.order_id,
    "confirm-delivery",
    t("scalexpert.confirm.done"),
    true
  )
  const submit = () => {
    const body = {
      ...(tracking.trim() ? { tracking_number: tracking.trim() } : {}),
      ...(operator ? { operator } : {}),
    }
    action.mutate(body, {
      onSuccess: (answer) => {
        const delivery = answer.scalexpert_file.delivery
        if (delivery.status === "confirmed") setOpen(false)
        else toast.error(t("scalexpert.confirm.notDone", { message: delivery.error ?? "" }))
      },
    })
  }
  return (
    <ActionDrawer
      name="confirm"
      open={open}
      onOpenChange={setOpen}
      trigger={{
        label: t("scalexpert.actions.confirmDelivery"),
        testId: "scalexpert-confirm-delivery",
      }}
      submit={{
        onClick: submit,
        isLoading: action.isPending,
      }}
    >
      <Text size="small" className="text-ui-fg-subtle">
        {t("scalexpert.confirm.description")}
      </Text>
      <DrawerField label={t("scalexpert.confirm.tracking")} htmlFor="scalexpert-tracking">
        <Input
          id="scalexpert-tracking"
          data-testid="scalexpert-tracking-input"
          value={tracking}
          maxLength={100}
          placeholder={t("scalexpert.confirm.trackingPlaceholder")}
          onChange={(e) => setTracking(e.target.value)}
        />
      </DrawerField>
      <DrawerField label={t("scalexpert.confirm.operator")}>
        <Select value={operator} onValueChange={setOperator}>
          <Select.Trigger data-testid="scalexpert-operator-select">
            <Select.Value placeholder={t("scalexpert.confirm.operatorPlaceholder")} />
          </Select.Trigger>
          <Select.Content>
            {DELIVERY_OPERATORS.map((code) => (
              <Select.Item key={code} value={code} data-testid={`scalexpert-operator-${code}`}>
                {code.replace(/_/g, " ")}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </DrawerField>
    </ActionDrawer>
  )
}
