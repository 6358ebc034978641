/**
 * How handlers answer: `route()` wraps async handlers, `reply()` is the only way to send, so that
 * injected faults (delay, malformed JSON, "created then 500") can rewrite any answer and responses
 * can be checked against the contract.
 */
import type { NextFunction, Request, Response } from "express"

import { baasBody } from "./errors"
import type { ApiName } from "./contract"

export interface ReplyFault {
  id: string
  status?: number
  delayMs?: number
  malformedBody?: boolean
  afterCreate?: boolean
  body?: unknown
}

/** Set by a handler so that `reply()` can check the answer against the documented schema. */
export interface OperationRef {
  api: ApiName
  operationId: string
}

export type ResponseObserver = (op: OperationRef, status: number, body: unknown) => void

export const MALFORMED_BODY = '{"id": "3f1c2a7e-'

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    t.unref?.()
  })
}

/** Marks the contract operation a handler serves. */
export function serves(res: Response, api: ApiName, operationId: string): void {
  res.locals.operation = { api, operationId } satisfies OperationRef
}

export async function reply(
  req: Request,
  res: Response,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<void> {
  const fault = res.locals.fault as ReplyFault | undefined
  if (fault) {
    if (fault.delayMs) await sleep(fault.delayMs)
    if (fault.afterCreate) {
      status = fault.status ?? 500
      body = fault.body ?? baasBody(req, status, undefined, "Une erreur est survenue")
    } else if (fault.body !== undefined && fault.status === undefined) {
      body = fault.body
    }
    if (fault.malformedBody) {
      if (!res.headersSent && !res.writableEnded) {
        res.status(status).set(headers).type("application/json").send(MALFORMED_BODY)
      }
      return
    }
  } else {
    const op = res.locals.operation as OperationRef | undefined
    const observe = res.locals.observeResponse as ResponseObserver | undefined
    // A 204 has no body by definition, whatever schema the document attaches to it.
    if (op && observe && typeof body !== "string" && status !== 204) observe(op, status, body)
  }
  if (res.headersSent || res.writableEnded) return
  res.status(status).set(headers)
  if (status === 204 || body === undefined) res.end()
  else if (typeof body === "string") res.send(body)
  else res.json(body)
}

/** Returned by a middleware-style handler to pass on to the next route. */
export const nextRoute = Symbol("next")

type Handler = (req: Request, res: Response) => Promise<unknown> | unknown

/** Wraps an async handler: errors go to the error handler, `nextRoute` passes on. */
export function route(handler: Handler) {
  return (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(() => handler(req, res))
      .then((result) => {
        if (result === nextRoute) next()
      })
      .catch(next)
  }
}
