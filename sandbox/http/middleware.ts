/**
 * Cross-cutting middleware: request id and log, injected latency and faults, bearer tokens (401 /
 * 403 / 429 as the gateway answers them), contract checks of responses, and the error handler.
 */
import { randomUUID } from "node:crypto"

import type { NextFunction, Request, RequestHandler, Response } from "express"

import type { RequestKind, SandboxState } from "../state"
import { responseIssues } from "./contract"
import { baasBody, BusinessError, ControlError, HttpAnswer, STATUS_TEXT } from "./errors"
import { MALFORMED_BODY, nextRoute, reply, route, sleep, type ResponseObserver } from "./reply"

const isControl = (path: string) => path === "/__sandbox" || path.startsWith("/__sandbox/")

function kindOf(path: string, rootPath: string): RequestKind {
  if (path === `${rootPath}/auth-server/api/v1/oauth2/token`) return "token"
  if (path.startsWith(`${rootPath}/`)) return "api"
  if (path.startsWith("/journey/")) return "journey"
  if (path.startsWith("/assets/")) return "asset"
  return "other"
}

/** Request id, request log (control calls are not logged) and, in tests, response checks. */
export function requestLog(state: SandboxState, validateResponses: boolean): RequestHandler {
  const observe: ResponseObserver = (op, status, body) => {
    const issues = responseIssues(op.api, op.operationId, status, body)
    if (issues.length > 0)
      state.contractViolations.push({ operationId: op.operationId, status, issues })
  }
  return (req, res, next) => {
    res.setHeader("x-request-id", randomUUID())
    if (validateResponses) res.locals.observeResponse = observe
    const path = req.path
    if (isControl(path)) return next()
    const started = Date.now()
    let logged = false
    const log = () => {
      if (logged) return
      logged = true
      state.logRequest({
        at: new Date(started).toISOString(),
        method: req.method,
        path,
        query: { ...req.query },
        // 0: no answer was completed (the client gave up, or a timeout fault cut the connection).
        status: res.writableFinished ? res.statusCode : 0,
        durationMs: Date.now() - started,
        kind: kindOf(path, state.rootPath),
        clientId: res.locals.clientId as string | undefined,
        faultId: (res.locals.fault as { id?: string } | undefined)?.id,
      })
    }
    res.on("finish", log)
    res.on("close", log)
    next()
  }
}

/** Latency per endpoint, then the first fault that fires (see `rules/faults.ts`). */
export function injectFaults(state: SandboxState): RequestHandler {
  return route(async (req, res) => {
    if (isControl(req.path)) return nextRoute
    const latency = state.faults.latency(req.method, req.path)
    if (latency > 0) await sleep(latency)
    const fault = state.faults.take(req.method, req.path)
    if (!fault) return nextRoute
    res.locals.fault = fault
    if (fault.timeout) {
      // No answer at all: the connection is cut after `delayMs` (default 60 s).
      await sleep(fault.delayMs ?? 60_000)
      res.destroy()
      return undefined
    }
    if (fault.afterCreate || fault.status === undefined) return nextRoute
    if (fault.delayMs) await sleep(fault.delayMs)
    const status = fault.status
    const headers: Record<string, string> = {}
    if (status === 429 || fault.retryAfterSeconds !== undefined) {
      headers["Retry-After"] = String(fault.retryAfterSeconds ?? 1)
    }
    if (fault.malformedBody) {
      res.status(status).set(headers).type("application/json").send(MALFORMED_BODY)
      return undefined
    }
    const text = status >= 500 ? "Une erreur est survenue" : (STATUS_TEXT[status] ?? "Error")
    const body = fault.body ?? baasBody(req, status, undefined, text)
    res.locals.fault = undefined
    await reply(req, res, status, body, headers)
    return undefined
  })
}

/** The gateway's bearer check for a scope, then the per-credential rate limit. */
export function bearer(state: SandboxState, scope: string): RequestHandler {
  return route(async (req, res) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")
    const token = match ? state.validToken(match[1]) : undefined
    if (!token) {
      const message = "Unauthorized. You must first authenticate to get a valid token."
      throw new HttpAnswer(401, baasBody(req, 401, undefined, message))
    }
    res.locals.clientId = token.clientId
    if (!token.scopes.includes(scope)) {
      const message = `Missing scope ${scope} or insufficient permissions`
      throw new HttpAnswer(403, baasBody(req, 403, undefined, message))
    }
    const wait = state.rateLimited(token.clientId)
    if (wait !== undefined) {
      throw new HttpAnswer(429, baasBody(req, 429, undefined, "Too many requests"), {
        "Retry-After": String(wait),
      })
    }
    return nextRoute
  })
}

export function errorHandler() {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    void (async () => {
      if (error instanceof HttpAnswer) {
        await reply(req, res, error.status, error.body, error.headers)
      } else if (error instanceof BusinessError) {
        await reply(
          req,
          res,
          error.status,
          baasBody(req, error.status, error.errorCode, error.message)
        )
      } else if (error instanceof ControlError) {
        if (!res.headersSent) res.status(error.status).json({ error: error.message })
      } else if ((error as { type?: string })?.type === "entity.parse.failed") {
        const body = baasBody(req, 400, "REQUEST_VALIDATION_ERROR", "Malformed JSON request body")
        await reply(req, res, 400, body)
      } else {
        const message = error instanceof Error ? error.message : String(error)
        if (!res.headersSent)
          res.status(500).json(baasBody(req, 500, undefined, `Sandbox error: ${message}`))
      }
    })()
  }
}
