/**
 * Money on the Scalexpert wire.
 *
 * Scalexpert amounts are decimal euros (the currency's main unit) carried as JSON numbers with at
 * most two fractional digits (`119.9`, `1199.99`), never cents. JavaScript numbers are binary
 * floats, so arithmetic on them drifts (`0.1 + 0.2 !== 0.3`); these helpers do every computation
 * in integer cents and only turn the result back into a wire number at the edge.
 */

const MAX_SAFE_CENTS = Number.MAX_SAFE_INTEGER

/** Anything an amount can arrive as: a number, a decimal string, or an object such as a BigNumber. */
export type AmountLike = number | string | { toString(): string }

function decimalString(value: AmountLike): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Amount is not a finite number: ${value}`)
    }
    const text = String(value)
    // String() switches to exponent notation below 1e-6 and from 1e21.
    return /e/i.test(text) ? value.toFixed(20) : text
  }
  const text = String(value).trim()
  if (/e/i.test(text)) {
    const n = Number(text)
    if (!Number.isFinite(n)) {
      throw new RangeError(`Amount is not a finite number: ${text}`)
    }
    return n.toFixed(20)
  }
  return text
}

/**
 * Converts an amount in euros to integer cents, rounding half away from zero on the decimal
 * representation (so `1.005` gives `101`, not the `100` that `Math.round(1.005 * 100)` gives).
 */
export function amountToCents(value: AmountLike): number {
  const text = decimalString(value)
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text)
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) {
    throw new RangeError(`Not a decimal amount: ${JSON.stringify(text)}`)
  }
  const negative = match[1] === "-"
  const whole = match[2] === "" ? "0" : match[2]
  const fraction = (match[3] ?? "").padEnd(3, "0")
  let cents = Number(whole) * 100 + Number(fraction.slice(0, 2))
  if (Number(fraction[2]) >= 5) {
    cents += 1
  }
  if (!Number.isSafeInteger(cents) || cents > MAX_SAFE_CENTS) {
    throw new RangeError(`Amount out of range: ${text}`)
  }
  return negative && cents !== 0 ? -cents : cents
}

/** Converts integer cents back to a wire amount in euros (`119990` → `1199.9`). */
export function centsToAmount(cents: number): number {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`Cents must be a safe integer, got ${cents}`)
  }
  // Division of an integer by 100 yields the double nearest to the 2-decimal value, which
  // JSON.stringify prints with at most two fractional digits.
  return cents / 100
}

/**
 * Formats any amount to what Scalexpert accepts: a number with at most 2 decimals, rounded half
 * away from zero, free of float drift (`toWireAmount(0.1 + 0.2)` is `0.3`).
 */
export function toWireAmount(value: AmountLike): number {
  return centsToAmount(amountToCents(value))
}

/** True when the number has at most two fractional digits once printed (`12.5`, `3`, `0.07`). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && /^-?\d+(\.\d{1,2})?$/.test(String(value))
}

/** Adds amounts exactly (in cents). */
export function addAmounts(...values: AmountLike[]): number {
  return centsToAmount(values.reduce<number>((sum, v) => sum + amountToCents(v), 0))
}

/** Subtracts `b` from `a` exactly (in cents). */
export function subtractAmounts(a: AmountLike, b: AmountLike): number {
  return centsToAmount(amountToCents(a) - amountToCents(b))
}
