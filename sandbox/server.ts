/**
 * A local stand-in of the Scalexpert API, independent from the plugin: same paths under an API root
 * such as `/baas/uatc`, requests checked against the OpenAPI documents (`contract/`), the lenders'
 * journey pages, and a control API under `/__sandbox/` to steer and break it on purpose.
 *
 *   const sandbox = await startSandbox({ port: 0 })
 *   // sandbox.apiRoot → http://127.0.0.1:PORT/baas/uatc
 *   await sandbox.close()
 *
 * Extra surfaces (e.g. insurance) are mounted by adding one line to `EXTRA_MOUNTS` (see `SandboxMount`).
 */
import type { Server } from "node:http"
import type { AddressInfo } from "node:net"

import express from "express"

import { baasBody } from "./http/errors"
import { bearer, errorHandler, injectFaults, requestLog } from "./http/middleware"
import { reply, route } from "./http/reply"
import { indexPage } from "./pages"
import { mountInsurance } from "./insurance/router"
import type { RouterContext, SandboxMount } from "./routers/context"
import { controlRouter } from "./routers/control"
import { eFinancingRouter } from "./routers/e-financing"
import { journeyRouter } from "./routers/journey"
import { merchantWebhooksRouter } from "./routers/merchant-webhooks"
import { tokenRouter } from "./routers/token"
import { type SandboxOptions, type SandboxHandle, configFromOptions, makeHandle } from "./handle"
import { SandboxState } from "./state"

export type { SandboxOptions, SandboxHandle } from "./handle"
export type { SandboxSubscription } from "./rules/subscription"
export type { RequestLogEntry, SandboxCredentials } from "./state"
export type { Fault } from "./rules/faults"
export type { StoredEvent, DeliveryRecord } from "./webhooks/events"
export type { RouterContext, SandboxMount } from "./routers/context"

/** Extra surfaces, mounted before the API root's 404 (one line each). */
export const EXTRA_MOUNTS: SandboxMount[] = [mountInsurance]

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? "127.0.0.1"
  const rootPath = (options.rootPath ?? "/baas/uatc").replace(/\/+$/, "")
  const state = new SandboxState(configFromOptions(options), rootPath, options.publicUrl ?? "")
  const context: RouterContext = {
    state,
    rootPath,
    bearer: (scope) => bearer(state, scope),
    emit: (type, code, data) => void state.webhooks.emit(type, code, data),
    publicUrl: () => state.publicUrl,
  }
  const app = express()
  app.disable("x-powered-by")
  app.set("etag", false)
  app.use(requestLog(state, options.validateResponses ?? process.env.JEST_WORKER_ID !== undefined))
  app.use(injectFaults(state))

  app.use(`${rootPath}/auth-server/api/v1/oauth2/token`, tokenRouter(context))
  app.use(`${rootPath}/e-financing/api/v1`, eFinancingRouter(context))
  app.use(`${rootPath}/merchant-webhooks/api/v1`, merchantWebhooksRouter(context))
  for (const mount of [...EXTRA_MOUNTS, ...(options.mounts ?? [])]) mount(app, context)
  app.use(
    rootPath,
    route(async (req, res) => {
      const path = req.originalUrl.split("?")[0]
      await reply(req, res, 404, baasBody(req, 404, undefined, `No endpoint ${req.method} ${path}`))
    })
  )
  app.use(journeyRouter(context))
  app.get("/__sandbox", (_req, res) => {
    res.json(handle.info())
  })
  app.use("/__sandbox", controlRouter(context))
  app.get("/", (_req, res) => {
    const { credentials } = state.config
    const subscriptions = [...state.subscriptions.values()]
    res
      .type("html")
      .send(indexPage({ apiRoot: handle.apiRoot, clientId: credentials.clientId, subscriptions }))
  })
  app.use(errorHandler())

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, () => resolve(s))
    s.once("error", reject)
  })
  const port = (server.address() as AddressInfo).port
  // A wildcard bind is reached through the loopback address.
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host
  const url = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`
  state.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "")
  const handle = makeHandle({ url, rootPath, port, state, server })
  return handle
}
