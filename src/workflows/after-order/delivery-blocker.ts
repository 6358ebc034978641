import { isLongCredit } from "../../scalexpert/solutions"
import type { OrderFinancing } from "./load"

/** Why the delivery of this financing cannot be confirmed (nothing is called then), if so. */
export function deliveryBlocker(financing: OrderFinancing): string | undefined {
  const { file, order } = financing
  if (!isLongCredit(file.solution_code)) {
    return "Split payment has nothing to confirm: the lender pays once the file is accepted"
  }
  if (!order) return "The financing has no order yet"
  if (order.canceled) return "The order is canceled"
  if (file.status !== "ACCEPTED") {
    return file.status === "PRE_ACCEPTED"
      ? "The lender has not accepted the credit yet (pre-accepted): its delivery can be confirmed once it is accepted"
      : `The financing is ${file.status ?? "not accepted"}: there is no delivery to confirm`
  }
  return undefined
}
