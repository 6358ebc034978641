/**
 * Files the lender created whose creation answer was lost (found again by
 * `merchantGlobalOrderId`, with no journey URL): the payment session fails, Medusa deletes it, and
 * the file would be left at the lender with nothing tracking it. The provider cannot reach the
 * plugin's module, so it leaves them here; the payment-session route hands them to the plugin's
 * table in the same request (same process), which then cancels them if they are ever accepted.
 */
export type UnconfirmedFile = {
  payment_session_id: string
  subscription_id: string
  solution_code: string
  amount: number
}

const pending = new Map<string, UnconfirmedFile>()

export function rememberUnconfirmedFile(file: UnconfirmedFile): void {
  pending.set(file.subscription_id, file)
}

/** Takes every file left so far (each is handed over once). */
export function takeUnconfirmedFiles(): UnconfirmedFile[] {
  const files = [...pending.values()]
  pending.clear()
  return files
}

/** Puts back files that could not be handed over (the next request tries again). */
export function restoreUnconfirmedFiles(files: UnconfirmedFile[]): void {
  for (const file of files) pending.set(file.subscription_id, file)
}
