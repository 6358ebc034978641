import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { MemorySharedStore, type SharedStore } from "../../scalexpert/shared-store"
import { cachingStore, type CachingLike } from "./shared-modules"

const memory = new MemorySharedStore()

/**
 * Where the admin's webhook test is kept between the instance that sends it and the one that
 * receives it: Medusa's caching module when it is configured (Redis in production, so every
 * server and the worker see the same record), else this process's memory (one process).
 */
export function webhookTestStore(container: MedusaContainer): SharedStore {
  // Medusa may register the key of a module it did not load, with no service behind it.
  const caching = container.resolve<CachingLike | undefined>(Modules.CACHING, {
    allowUnregistered: true,
  })
  return caching ? cachingStore(caching) : memory
}
