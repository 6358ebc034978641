import { useMutation, useQueryClient } from "@tanstack/react-query"
import { toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { adminFetch } from "../../lib/api"
import type { ScalexpertFileResponse } from "../../lib/types"

/** The react-query key of an order's Scalexpert file. */
export const fileKey = (orderId: string) => ["scalexpert", "order", orderId]

/**
 * A POST to `/admin/scalexpert/orders/:id/<path>` that answers the file again: the answer replaces
 * the cached file and a toast says `done`. `touchesOrder` for the actions that may change the
 * order's payment (capture, refund): the dashboard then reads the order again.
 */
export function useFileMutation<T>(
  orderId: string,
  path: string,
  done: string,
  touchesOrder: boolean
) {
  const { t } = useTranslation()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: T) =>
      adminFetch<ScalexpertFileResponse>(`/admin/scalexpert/orders/${orderId}/${path}`, {
        method: "POST",
        body,
      }),
    onSuccess: (answer) => {
      client.setQueryData(fileKey(orderId), answer.scalexpert_file)
      if (touchesOrder) {
        client.invalidateQueries({ queryKey: ["orders"] })
        client.invalidateQueries({ queryKey: ["order"] })
      }
      toast.success(done)
    },
    onError: (error) =>
      toast.error(t("scalexpert.actions.failed", { message: (error as Error).message })),
  })
}
