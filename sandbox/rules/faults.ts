/**
 * Injected misbehaviour of the API (control API `/__sandbox/faults` and `/__sandbox/latency`):
 * errors, timeouts, malformed JSON and "created then 500" per endpoint, for the next `count` calls,
 * every `nth` call or with a `probability` drawn from the sandbox's seeded generator.
 */
import { randomUUID } from "node:crypto"

import type { SeededRandom } from "./random"

export interface Fault {
  id: string
  /** HTTP method or `*`. */
  method: string
  /** Exact path (full or relative to the API root), or a glob: `*` = one segment, `**` = anything. */
  path: string
  /** Answer this status at once, without running the endpoint (unless `afterCreate`). */
  status?: number
  /** Wait this long before answering. */
  delayMs?: number
  /** Never answer: the connection is dropped after `delayMs` (default 60 s) or when the client gives up. */
  timeout?: boolean
  /** Answer a truncated JSON body (after running the endpoint when no `status` is set). */
  malformedBody?: boolean
  /** Run the endpoint (the file is created), then answer `status` (default 500). */
  afterCreate?: boolean
  /** `Retry-After` header of a 429/503 (default 1 for 429). */
  retryAfterSeconds?: number
  /** JSON body to answer instead of the default error body. */
  body?: unknown
  /** Fire on every nth matching call only (n, 2n, ...). */
  nth?: number
  /** Fire with this probability (seeded). */
  probability?: number
  /** Firings left; -1 = unlimited (`count: 0` in the control API). */
  remaining: number
  /** Matching calls seen. */
  seen: number
  /** Times it fired. */
  hits: number
}

export type FaultInput = Omit<Fault, "id" | "remaining" | "seen" | "hits"> & { count?: number }

export interface Latency {
  method: string
  path: string
  ms: number
  /** Extra 0..jitterMs, seeded. */
  jitterMs?: number
}

function globToRegExp(glob: string): RegExp {
  let re = ""
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*"
      i++
    } else if (c === "*") {
      re += "[^/]*"
    } else {
      re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    }
  }
  return new RegExp(`^${re}$`)
}

export function pathMatches(pattern: string, fullPath: string, rootPath: string): boolean {
  const relative = fullPath.startsWith(rootPath) ? fullPath.slice(rootPath.length) : fullPath
  const candidates = [fullPath, relative]
  if (pattern.includes("*")) {
    const re = globToRegExp(pattern)
    return candidates.some((c) => re.test(c))
  }
  return candidates.includes(pattern)
}

function methodMatches(rule: { method: string }, method: string): boolean {
  return rule.method === "*" || rule.method === method.toUpperCase()
}

export class FaultBook {
  faults: Fault[] = []
  latencies: Latency[] = []

  constructor(
    private readonly rootPath_: string,
    private readonly random_: () => SeededRandom
  ) {}

  add(input: FaultInput): Fault {
    const { count, ...rest } = input
    const fault: Fault = {
      ...rest,
      method: (rest.method ?? "*").toUpperCase(),
      id: randomUUID(),
      remaining: count === 0 ? -1 : (count ?? 1),
      seen: 0,
      hits: 0,
    }
    this.faults.push(fault)
    return fault
  }

  /** The first armed fault that fires for this request (each matching fault counts the call). */
  take(method: string, fullPath: string): Fault | undefined {
    let fired: Fault | undefined
    for (const f of this.faults) {
      if (f.remaining === 0 || !methodMatches(f, method)) continue
      if (!pathMatches(f.path, fullPath, this.rootPath_)) continue
      f.seen++
      if (fired) continue
      if (f.nth && f.seen % f.nth !== 0) continue
      if (f.probability !== undefined && !this.random_().chance(f.probability)) continue
      if (f.remaining > 0) f.remaining--
      f.hits++
      fired = f
    }
    return fired
  }

  /** Added latency for this request, in ms. */
  latency(method: string, fullPath: string): number {
    const rule = this.latencies.find(
      (l) => methodMatches(l, method) && pathMatches(l.path, fullPath, this.rootPath_)
    )
    if (!rule) return 0
    return rule.ms + (rule.jitterMs ? this.random_().upTo(rule.jitterMs) : 0)
  }

  clear(): void {
    this.faults = []
    this.latencies = []
  }
}
