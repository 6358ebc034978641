import { InlineTip, Input, Label, RadioGroup, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { useFormat } from "../../lib/format"
import type { ScalexpertFile } from "../../lib/types"
import { ActionDrawer, DrawerField } from "./action-drawer"
import { useFileMutation } from "./file-mutation"

type Mode = "whole" | "part"

/** A part to cancel: more than zero, at most what is left, in whole cents. */
function isValidPart(parsed: number, remaining: number): boolean {
  return (
    Number.isFinite(parsed) &&
    parsed > 0 &&
    parsed <= remaining &&
    Math.round(parsed * 100) === parsed * 100
  )
}

/** Cancels the financing, whole or (once per file) in part. */
export function CancelFinancing({ file }: { file: ScalexpertFile }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [mode, setMode] = useState<Mode>("whole")
  const [amount, setAmount] = useState("")
  const remaining = file.financed_amount ?? 0
  const action = useFileMutation<{ amount?: number }>(
    file.order_id,
    "cancel",
    t("scalexpert.cancel.done"),
    true
  )
  const parsed = Number(amount.replace(",", "."))
  const amountValid = mode === "whole" || isValidPart(parsed, remaining)
  const submit = () => {
    action.mutate(mode === "whole" ? {} : { amount: parsed }, {
      onSuccess: () => setOpen(false),
    })
  }
  return (
    <ActionDrawer
      name="cancel"
      open={open}
      onOpenChange={setOpen}
      trigger={{ label: t("scalexpert.actions.cancel"), testId: "scalexpert-cancel" }}
      submit={{
        onClick: submit,
        isLoading: action.isPending,
        variant: "danger",
        disabled: !amountValid || (mode === "part" && !amount),
      }}
    >
      <CancelForm
        file={file}
        mode={mode}
        onMode={setMode}
        amount={amount}
        onAmount={setAmount}
        amountValid={amountValid}
      />
    </ActionDrawer>
  )
}

function CancelForm(props: {
  file: ScalexpertFile
  mode: Mode
  onMode: (mode: Mode) => void
  amount: string
  onAmount: (amount: string) => void
  amountValid: boolean
}) {
  const { t } = useTranslation()
  const { money } = useFormat()
  const { file, mode, amount } = props
  const partialUsed = file.cancellation.partial_cancel_used
  const remaining = file.financed_amount ?? 0
  return (
    <>
      <InlineTip
        label={t("scalexpert.fields.status")}
        variant={partialUsed ? "warning" : "info"}
        data-testid="scalexpert-partial-rule"
      >
        {partialUsed ? t("scalexpert.cancel.ruleUsed") : t("scalexpert.cancel.rule")}
      </InlineTip>
      <RadioGroup value={mode} onValueChange={(v) => props.onMode(v as Mode)}>
        <div className="flex items-center gap-2">
          <RadioGroup.Item value="whole" id="scalexpert-cancel-whole" />
          <Label htmlFor="scalexpert-cancel-whole" size="small">
            {t("scalexpert.cancel.whole", { amount: money(remaining, file.currency_code) })}
          </Label>
        </div>
        <div className="flex items-center gap-2">
          <RadioGroup.Item
            value="part"
            id="scalexpert-cancel-part"
            disabled={partialUsed}
            data-testid="scalexpert-cancel-part"
          />
          <Label htmlFor="scalexpert-cancel-part" size="small">
            {t("scalexpert.cancel.part")}
          </Label>
        </div>
      </RadioGroup>
      {mode === "part" && (
        <DrawerField label={t("scalexpert.cancel.amount")} htmlFor="scalexpert-cancel-amount">
          <Input
            id="scalexpert-cancel-amount"
            data-testid="scalexpert-cancel-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => props.onAmount(e.target.value)}
          />
          {amount && !props.amountValid && (
            <Text size="small" className="text-ui-fg-error">
              {t("scalexpert.cancel.invalidAmount", {
                max: money(remaining, file.currency_code),
              })}
            </Text>
          )}
        </DrawerField>
      )}
    </>
  )
}
