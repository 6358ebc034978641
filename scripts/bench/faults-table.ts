/** The fault matrix's rows and their Markdown table. */

export type FaultRow = {
  fault: string
  orders_lost: number
  duplicate_orders: number
  duplicate_files: number
  /** Scalexpert requests the checkout, its return and one reconciliation run spent. */
  calls: number
}

/** Faults of issue #13 the bench does not run, and why. */
export const NOT_RUN: Record<string, string> = {
  "token timeout":
    "not run: the provider's 30 s request timeout would make the row take minutes (token 500 covers the path)",
  "amount mismatch":
    "not run: the sandbox has no control that changes a file's financed amount after creation",
}

export function faultTable(result: { rows: FaultRow[]; machine?: string }): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`
  const header = ["fault", "orders lost", "duplicate orders", "duplicate files", "calls spent"]
  return [
    line(header),
    line(header.map(() => "---")),
    ...result.rows.map((r) =>
      line([r.fault, r.orders_lost, r.duplicate_orders, r.duplicate_files, r.calls])
    ),
    ...Object.entries(NOT_RUN).map(([fault, why]) => line([fault, why, "", "", ""])),
    "",
    result.machine ? `Machine: ${result.machine}.` : "",
  ].join("\n")
}
