/** Waiting for conditions (never for a fixed time) and reading the sandbox's log. */

/** Polls `condition` every `everyMs` until it holds; rejects after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 250
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

/** The most timestamps found in any window of `windowMs` (a window starts at each timestamp). */
export function windowPeak(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b)
  let peak = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++
    peak = Math.max(peak, end - start + 1)
  }
  return peak
}
