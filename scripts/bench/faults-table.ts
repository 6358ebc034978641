/** The fault matrix's rows and their Markdown table. */

export type FaultRow = {
  fault: string
  orders_lost: number
  duplicate_orders: number
  duplicate_files: number
  /** Scalexpert requests the checkout, its return and one reconciliation run spent. */
  calls: number
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
    "",
    result.machine ? `Machine: ${result.machine}.` : "",
  ].join("\n")
}
