/**
 * Where the plugin finds Medusa's caching and locking modules: in the containers offered (the
 * application's container through `getScalexpert`, the payment provider's own container),
 * resolved lazily at the first call after boot and looked for again, at most every few seconds,
 * while they are missing. Without a caching module there is no shared state (one instance).
 */
import { Modules } from "@medusajs/framework/utils"
import type { Logger } from "@medusajs/framework/types"
import { MemoryLock, type SharedLock, type SharedState } from "../../scalexpert/shared-store"
import { cachingStore, lockingLock, type CachingLike, type LockingLike } from "./shared-modules"

type ModuleSource = object

const sources: ModuleSource[] = []
const found: { caching?: CachingLike; locking?: LockingLike } = {}
let current: SharedState | undefined
/** When the modules were last looked for in vain (looked for again after a while). */
let missedAt = -Infinity
const RECHECK_MS = 10_000
let logger: Logger | undefined
const processLock = new MemoryLock()
/** When the locking module was last looked for in vain. */
let lockMissedAt = -Infinity
let warnedNoLock = false
let lockingOf: SharedLock | undefined

function lookup<T>(key: string): T | undefined {
  for (const source of sources) {
    try {
      const container = source as { resolve?: (k: string, o: object) => unknown }
      const value =
        "resolve" in source && typeof container.resolve === "function"
          ? container.resolve(key, { allowUnregistered: true })
          : (source as Record<string, unknown>)[key]
      if (value) return value as T
    } catch {
      // Not registered in this container.
    }
  }
  return undefined
}

/**
 * Offers a container (the application's, or a module provider's cradle) where Medusa's caching
 * and locking modules may be resolved. Idempotent.
 */
export function offerSharedModules(source: ModuleSource, log?: Logger): void {
  if (!sources.includes(source)) {
    sources.push(source)
    missedAt = -Infinity
    lockMissedAt = -Infinity
  }
  logger ??= log
}

/** The logger of the first container offered with one (undefined before). */
export function sharedStateLogger(): Logger | undefined {
  return logger
}

/**
 * The locking module, looked for again (at most every few seconds) until found: a provider's
 * own container may not have it, the application's container (offered later) does.
 */
function currentLock(): SharedLock {
  if (!found.locking && Date.now() - lockMissedAt >= RECHECK_MS) {
    found.locking = lookup<LockingLike>(Modules.LOCKING)
    if (!found.locking) lockMissedAt = Date.now()
  }
  if (found.locking) return (lockingOf ??= lockingLock(found.locking))
  const appContainerOffered = sources.some((source) => "resolve" in source)
  if (appContainerOffered && !warnedNoLock) {
    warnedNoLock = true
    logger?.warn(
      "Scalexpert: Medusa's caching module is configured but no locking module was found: the access token and the request budget are shared, but not locked across instances"
    )
  }
  return processLock
}

/** The shared state in use now, or undefined when Medusa has no caching module. */
export function currentSharedState(): SharedState | undefined {
  if (current) return current
  if (Date.now() - missedAt < RECHECK_MS) return undefined
  found.caching ??= lookup<CachingLike>(Modules.CACHING)
  if (!found.caching) {
    missedAt = Date.now()
    return undefined
  }
  current = {
    store: cachingStore(found.caching),
    lock: { run: (key, job) => currentLock().run(key, job) },
  }
  currentLock()
  return current
}

/** Forgets the containers offered and the modules found (tests, through `resetSharedState`). */
export function forgetSharedModules(): void {
  sources.splice(0)
  delete found.caching
  delete found.locking
  current = undefined
  missedAt = -Infinity
  lockMissedAt = -Infinity
  warnedNoLock = false
  lockingOf = undefined
  logger = undefined
}
