/** Amounts: the API speaks decimal euros (at most 2 decimals); the sandbox computes in integer cents. */
export function amountToCents(amount: number): number {
  return Math.round(amount * 100)
}

export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100
}
