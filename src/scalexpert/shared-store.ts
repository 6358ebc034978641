/**
 * What the client needs from state shared by several processes (several Medusa instances on one
 * credential): a key-value store with expiry and a lock. The Medusa layer adapts Medusa's caching
 * and locking modules to these interfaces (`src/providers/scalexpert/shared-state.ts`); the memory
 * implementations below serve one process and the tests.
 *
 * Values must survive a JSON round trip (the Redis caching provider stores JSON).
 */

export interface SharedStore {
  /** The value of `key`, or undefined when absent or expired. */
  get<T>(key: string): Promise<T | undefined>
  /** Stores `value` under `key` for `ttlMs` (rounded up to whole seconds by Redis stores). */
  set<T>(key: string, value: T, ttlMs: number): Promise<void>
  delete(key: string): Promise<void>
}

export interface SharedLock {
  /** Runs `job` while holding `key`, excluding every other holder of `key` (in every process). */
  run<T>(key: string, job: () => Promise<T>): Promise<T>
}

export interface SharedState {
  store: SharedStore
  lock: SharedLock
}

/** The shared state in use now, or undefined to keep everything in this process. */
export type SharedStateSource = () => SharedState | undefined

/** A process-local store (JSON copies, so that it behaves like a remote one). */
export class MemorySharedStore implements SharedStore {
  private readonly entries_ = new Map<string, { json: string; expiresAt: number }>()

  constructor(private readonly now_: () => number = Date.now) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries_.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.now_()) {
      this.entries_.delete(key)
      return undefined
    }
    return JSON.parse(entry.json) as T
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.entries_.set(key, { json: JSON.stringify(value), expiresAt: this.now_() + ttlMs })
  }

  async delete(key: string): Promise<void> {
    this.entries_.delete(key)
  }

  get size(): number {
    return this.entries_.size
  }
}

/** A process-local lock: jobs on one key run one after the other, in call order. */
export class MemoryLock implements SharedLock {
  private readonly tails_ = new Map<string, Promise<unknown>>()

  async run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails_.get(key) ?? Promise.resolve()
    const result = previous.then(job, job)
    const tail = result.catch(() => undefined)
    this.tails_.set(key, tail)
    try {
      return await result
    } finally {
      if (this.tails_.get(key) === tail) this.tails_.delete(key)
    }
  }
}

/**
 * A value produced once for every process: what `read` finds, or else, under the shared lock,
 * what `read` finds now (another process was first) or what `produce` makes, then `write`s for
 * the others. A failure of `produce` is thrown; if the lock itself fails (shared state down), the
 * value is produced without it.
 */
export async function produceOnce<T>(
  state: SharedState,
  lockKey: string,
  steps: {
    read: () => Promise<T | undefined>
    produce: () => Promise<T>
    write: (value: T) => Promise<void>
  }
): Promise<T> {
  const early = await steps.read().catch(() => undefined)
  if (early !== undefined) return early
  let produceFailure: { error: unknown } | undefined
  try {
    return await state.lock.run(lockKey, async () => {
      const theirs = await steps.read().catch(() => undefined)
      if (theirs !== undefined) return theirs
      let ours: T
      try {
        ours = await steps.produce()
      } catch (error) {
        produceFailure = { error }
        throw error
      }
      await steps.write(ours).catch(() => undefined)
      return ours
    })
  } catch {
    if (produceFailure) throw produceFailure.error
    return steps.produce()
  }
}
