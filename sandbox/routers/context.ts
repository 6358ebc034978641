/** What every router of the sandbox is built from (and what extra routers are mounted with). */
import type { Express, RequestHandler } from "express"

import type { SandboxState } from "../state"

export interface RouterContext {
  state: SandboxState
  /** API root path, e.g. `/baas/uatc`. */
  rootPath: string
  /** The gateway's bearer check for a scope (401 / 403 / 429). */
  bearer: (scope: string) => RequestHandler
  /** Queues a merchant webhook event (delivered per the merchant's configuration). */
  emit: (eventTypeCode: string, eventCode: string, data: Record<string, unknown>) => void
  /** Base URL browsers use to reach the sandbox (journey, logos, documents). */
  publicUrl: () => string
}

/** An extra surface (e.g. insurance): mounted on the app before the API root's 404. */
export type SandboxMount = (app: Express, context: RouterContext) => void
