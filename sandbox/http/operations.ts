/**
 * The documented operations of one API on a router: each handler first marks the operation it
 * serves (so that its answer can be checked against the contract) and validates the request
 * (query, path and, but for a GET, the body) against the operation's schemas as the gateway does.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from "express"

import { validateRequest, type ApiName } from "./contract"
import { BusinessError } from "./errors"
import { route, serves } from "./reply"

type Handler = (req: Request, res: Response) => Promise<void>

export type MountOperation = (
  method: "get" | "post" | "put",
  path: string,
  operationId: string,
  handle: Handler
) => void

export function operations(router: Router, api: ApiName): MountOperation {
  return (method, path, operationId, handle) => {
    router[method](
      path,
      route(async (req, res) => {
        serves(res, api, operationId)
        validateRequest(api, operationId, {
          query: req.query as Record<string, unknown>,
          pathParams: req.params,
          body: method === "get" ? undefined : req.body,
        })
        await handle(req, res)
      })
    )
  }
}

/** The router of one API: the gateway's bearer check, JSON bodies, then its operations. */
export function apiRouter(
  api: ApiName,
  bearer: RequestHandler,
  routes: (operation: MountOperation) => void
): Router {
  const router = express.Router()
  router.use(bearer)
  router.use(express.json({ limit: "1mb" }))
  routes(operations(router, api))
  return router
}

function pageParameter(value: unknown, fallback: number, what: string): number {
  const n = value === undefined ? fallback : Number(value)
  // Documents silent on page 0 / pageSize 0: refused (the stricter choice).
  if (n < 1)
    throw new BusinessError(400, "INVALID_PAGE_INDEX", `${what} must be greater than or equal to 1`)
  return n
}

/** The page that `page` (from 1) and `pageSize` (20 by default) of the query ask for. */
export function pageOf<T>(items: readonly T[], query: { page?: unknown; pageSize?: unknown }): T[] {
  const page = pageParameter(query.page, 1, "page")
  const size = pageParameter(query.pageSize, 20, "pageSize")
  return items.slice((page - 1) * size, page * size)
}
