import { Button, Drawer, Label } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"

/**
 * The drawer of a file action: a trigger button, a title, the form, and a footer with a close
 * button and the submit button. `name` picks the texts (`scalexpert.<name>.title|close|submit`)
 * and the test ids (`scalexpert-<name>-drawer|submit`).
 */
export function ActionDrawer(props: {
  name: "confirm" | "cancel"
  open: boolean
  onOpenChange: (open: boolean) => void
  trigger: { label: string; testId: string }
  submit: {
    onClick: () => void
    isLoading: boolean
    variant?: "danger"
    disabled?: boolean
  }
  children: ReactNode
}) {
  const { t } = useTranslation()
  const { name, submit } = props
  return (
    <Drawer open={props.open} onOpenChange={props.onOpenChange}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid={props.trigger.testId}>
          {props.trigger.label}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content data-testid={`scalexpert-${name}-drawer`}>
        <Drawer.Header>
          <Drawer.Title>{t(`scalexpert.${name}.title`)}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4">{props.children}</Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              {t(`scalexpert.${name}.close`)}
            </Button>
          </Drawer.Close>
          <Button
            size="small"
            variant={submit.variant}
            disabled={submit.disabled}
            isLoading={submit.isLoading}
            onClick={submit.onClick}
            data-testid={`scalexpert-${name}-submit`}
          >
            {t(`scalexpert.${name}.submit`)}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** A labelled field of a drawer's form (the input, and what is said of it, as children). */
export function DrawerField(props: { label: string; htmlFor?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={props.htmlFor} size="small" weight="plus">
        {props.label}
      </Label>
      {props.children}
    </div>
  )
}
