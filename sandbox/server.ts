/**
 * A local stand-in of the Scalexpert API: same paths under an API root such as `/baas/uatc`, as
 * strict as the real one, plus the lender's journey pages and a control API under `/__sandbox/`.
 *
 * It imports only the contract (`src/scalexpert/schemas.ts`, `solutions.ts`,
 * `webhook-signature.ts`): requests are validated with the very schemas the client uses.
 *
 *   const sandbox = await startSandbox({ port: 0 })
 *   // sandbox.apiRoot → http://127.0.0.1:PORT/baas/uatc
 *   await sandbox.close()
 */
import { randomBytes, randomUUID } from "node:crypto"
import type { AddressInfo } from "node:net"
import type { Server } from "node:http"

import express, { type NextFunction, type Request, type Response } from "express"
import { z } from "zod"

import {
  amountToCents,
  CancelSubscriptionRequestSchema,
  centsToAmount,
  ConfirmDeliveryRequestSchema,
  ConfirmReturnRequestSchema,
  CreateSubscriptionQuerySchema,
  CreateSubscriptionRequestSchema,
  describeIssues,
  EligibleSolutionsQuerySchema,
  formatGatewayMessage,
  ListEventsQuerySchema,
  ListSubscriptionsQuerySchema,
  SCOPES,
  SimulateSolutionsRequestSchema,
  TokenRequestSchema,
  type FieldIssue,
} from "../src/scalexpert/schemas"
import {
  isSolutionCode,
  SOLUTION_CODES,
  SOLUTIONS,
  type SolutionCode,
} from "../src/scalexpert/solutions"
import { communicationKit, isEligible, kitDocument, simulate } from "./catalogue"
import {
  documentPage,
  indexPage,
  infoIconSvg,
  journeyPage,
  logoSvg,
  messagePage,
  returnPage,
  tableSvg,
} from "./pages"
import {
  ALL_SCOPES,
  BusinessError,
  ControlError,
  DEFAULT_CREDENTIALS,
  pathMatches,
  SandboxState,
  type Fault,
  type RequestKind,
  type RequestLogEntry,
  type SandboxConfig,
  type SandboxCredentials,
  type SandboxSubscription,
} from "./state"
import type { DeliveryRecord, StoredEvent, WebhookConfig } from "./webhooks"

export type { SandboxSubscription, RequestLogEntry, Fault, StoredEvent, DeliveryRecord }

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to bind (default 127.0.0.1). */
  host?: string
  /** API root path (default `/baas/uatc`, as UATC). */
  rootPath?: string
  /** Base URL shoppers' browsers use for the journey and logos (default `http://HOST:PORT`). */
  publicUrl?: string
  /** Accepted client credentials (default `sandbox-client` / `sandbox-secret`). */
  credentials?: SandboxCredentials
  /** Contracted solution codes (default: all nine). */
  contractedSolutions?: SolutionCode[]
  /** Webhook endpoint and signature key (default none: events are only logged, `NO_CONFIG`). */
  webhook?: WebhookConfig | null
  /** Delay between replays of an unacknowledged webhook (default 10 minutes, as the real service). */
  webhookReplayIntervalMs?: number
  /** Replays before giving up (default 720: 5 days every 10 minutes). */
  webhookMaxReplays?: number
  /** Timeout of one webhook delivery (default 10 s). */
  webhookTimeoutMs?: number
  /** Lifetime of access tokens (default 900 s, as the real token server's example). */
  tokenTtlSeconds?: number
  /** Requests per minute per client id before 429 (default 600; 0 disables). */
  rateLimitPerMinute?: number
}

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** `url` + root path: what the client's `baseUrl` takes. */
  apiRoot: string
  port: number
  credentials: SandboxCredentials
  /** Direct access to the in-memory state (tests). */
  state: SandboxState
  /** Request log (API, token, journey and asset calls; never control calls). */
  requests(filter?: { path?: string; method?: string; kind?: RequestKind }): RequestLogEntry[]
  subscriptions(): SandboxSubscription[]
  subscription(id: string): SandboxSubscription | undefined
  events(): readonly StoredEvent[]
  deliveries(): readonly DeliveryRecord[]
  /** Resolves when every queued webhook delivery has been attempted. */
  webhooksIdle(): Promise<void>
  reset(): void
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Error bodies
// ---------------------------------------------------------------------------------------------

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
}

/** Service-relative URI as the real error bodies give it (`/v1/subscriptions`). */
function serviceUri(req: Request): string {
  const m = /\/api(\/v1\/.*)$/.exec(req.originalUrl.split("?")[0])
  return m ? m[1] : req.originalUrl.split("?")[0]
}

function baasBody(
  req: Request,
  status: number,
  errorCode: string | undefined,
  errorMessage: string
): Record<string, unknown> {
  return {
    timestamp: new Date().toISOString(),
    httpStatusCode: status,
    httpStatusMessage: STATUS_TEXT[status] ?? "Error",
    ...(errorCode ? { errorCode } : {}),
    errorMessage,
    ...(errorCode ? { errors: [{ code: errorCode, message: errorMessage }] } : {}),
    requestMethod: req.method,
    requestURI: serviceUri(req),
  }
}

function gatewayBody(issues: FieldIssue[]): Record<string, unknown> {
  return {
    message: formatGatewayMessage(issues),
    requestId: randomUUID(),
    traceId: randomBytes(16).toString("hex"),
  }
}

class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {}
  ) {
    super(`HTTP ${status}`)
  }
}

function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new HttpAnswer(422, gatewayBody(describeIssues(result.error, input)))
  }
  return result.data
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// ---------------------------------------------------------------------------------------------
// Replies (the only way handlers answer, so that faults can rewrite them)
// ---------------------------------------------------------------------------------------------

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    t.unref?.()
  })
}

const MALFORMED_BODY = '{"id": "3f1c2a7e-'

async function reply(
  req: Request,
  res: Response,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<void> {
  const fault = res.locals.fault as Fault | undefined
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
  }
  if (res.headersSent || res.writableEnded) return
  res.status(status).set(headers)
  if (status === 204 || body === undefined) {
    res.end()
  } else if (typeof body === "string") {
    res.send(body)
  } else {
    res.json(body)
  }
}

/** Returned by a middleware-style handler to pass on to the next route. */
const nextRoute = Symbol("next")

type Handler = (req: Request, res: Response) => Promise<unknown> | unknown

/** Wraps an async handler: errors go to the error handler, `nextRoute` passes on. */
function route(handler: Handler) {
  return (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(() => handler(req, res))
      .then((result) => {
        if (result === nextRoute) next()
      })
      .catch(next)
  }
}

// ---------------------------------------------------------------------------------------------
// Control API payloads
// ---------------------------------------------------------------------------------------------

const WebhookConfigSchema = z.object({
  url: z.string().url(),
  signatureKey: z.string().min(1).optional(),
  secret: z.string().min(1).optional(),
  active: z.boolean().optional(),
  activeEventCodes: z.array(z.string()).optional(),
})

const ConfigUpdateSchema = z.object({
  credentials: z
    .object({ clientId: z.string().min(1), clientSecret: z.string().min(1) })
    .optional(),
  contractedSolutions: z.array(z.enum(SOLUTION_CODES)).optional(),
  webhook: WebhookConfigSchema.nullable().optional(),
  webhookReplayIntervalMs: z.number().int().min(1).optional(),
  webhookMaxReplays: z.number().int().min(0).optional(),
  webhookTimeoutMs: z.number().int().min(1).optional(),
  tokenTtlSeconds: z.number().int().min(1).optional(),
  rateLimitPerMinute: z.number().int().min(0).optional(),
})

const FaultSchema = z.object({
  method: z.string().default("*"),
  path: z.string().min(1),
  status: z.number().int().min(100).max(599).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  malformedBody: z.boolean().optional(),
  afterCreate: z.boolean().optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  body: z.unknown().optional(),
  count: z.number().int().min(1).default(1),
})

const StatusChangeSchema = z.object({
  consolidatedStatus: z.string().min(1),
  consolidatedSubstatus: z.string().optional(),
  force: z.boolean().optional(),
})

const DecisionSchema = z.object({
  decision: z.enum(["accept", "refuse", "preaccept", "abandon", "expire", "fund"]),
  duration: z.number().int().optional(),
})

function controlInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {})
  if (!result.success) {
    throw new ControlError(
      400,
      describeIssues(result.error, input)
        .map((i) => `${i.field || "body"}: ${i.reason}`)
        .join("; ")
    )
  }
  return result.data
}

// ---------------------------------------------------------------------------------------------
// The app
// ---------------------------------------------------------------------------------------------

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? "127.0.0.1"
  const rootPath = (options.rootPath ?? "/baas/uatc").replace(/\/+$/, "")
  const config: SandboxConfig = {
    credentials: options.credentials ?? { ...DEFAULT_CREDENTIALS },
    contractedSolutions: options.contractedSolutions ?? [...SOLUTION_CODES],
    webhook: options.webhook ?? null,
    webhookReplayIntervalMs: options.webhookReplayIntervalMs ?? 10 * 60_000,
    webhookMaxReplays: options.webhookMaxReplays ?? 720,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 900,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
  }
  const state = new SandboxState(config, rootPath, options.publicUrl ?? "")
  const app = express()
  app.disable("x-powered-by")
  app.set("etag", false)

  const kindOf = (path: string): RequestKind => {
    if (path === `${rootPath}/auth-server/api/v1/oauth2/token`) return "token"
    if (path.startsWith(`${rootPath}/`)) return "api"
    if (path.startsWith("/journey/")) return "journey"
    if (path.startsWith("/assets/")) return "asset"
    return "other"
  }

  // Request id and request log (control calls are not logged).
  app.use((req, res, next) => {
    const requestId = randomUUID()
    res.locals.requestId = requestId
    res.setHeader("x-request-id", requestId)
    const path = req.path
    if (path === "/__sandbox" || path.startsWith("/__sandbox/")) {
      next()
      return
    }
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
        status: res.statusCode,
        durationMs: Date.now() - started,
        kind: kindOf(path),
        clientId: res.locals.clientId as string | undefined,
        faultId: (res.locals.fault as Fault | undefined)?.id,
      })
    }
    res.on("finish", log)
    res.on("close", log)
    next()
  })

  // Injected faults.
  app.use(
    route(async (req, res) => {
      if (req.path.startsWith("/__sandbox")) {
        return nextRoute
      }
      const fault = state.takeFault(req.method, req.path)
      if (!fault) return nextRoute
      res.locals.fault = fault
      const passThrough = fault.afterCreate || fault.status === undefined
      if (passThrough) return nextRoute
      if (fault.delayMs) await sleep(fault.delayMs)
      const status = fault.status as number
      const headers: Record<string, string> = {}
      if (status === 429 || fault.retryAfterSeconds !== undefined) {
        headers["Retry-After"] = String(fault.retryAfterSeconds ?? 1)
      }
      if (fault.malformedBody) {
        res.status(status).set(headers).type("application/json").send(MALFORMED_BODY)
        return
      }
      const body =
        fault.body ??
        (status === 422
          ? gatewayBody([{ field: "", reason: "injected validation failure" }])
          : baasBody(
              req,
              status,
              undefined,
              status >= 500 ? "Une erreur est survenue" : (STATUS_TEXT[status] ?? "Error")
            ))
      res.locals.fault = undefined
      await reply(req, res, status, body, headers)
    })
  )

  // ---- token server ------------------------------------------------------------------------

  app.post(
    `${rootPath}/auth-server/api/v1/oauth2/token`,
    express.urlencoded({ extended: false }),
    route(async (req, res) => {
      const header = req.get("authorization") ?? ""
      const match = /^Basic\s+(.+)$/i.exec(header)
      let clientId = ""
      let clientSecret = ""
      if (match) {
        const decoded = Buffer.from(match[1], "base64").toString("utf8")
        const colon = decoded.indexOf(":")
        if (colon > 0) {
          clientId = decoded.slice(0, colon)
          clientSecret = decoded.slice(colon + 1)
        }
      }
      const creds = state.config.credentials
      if (clientId !== creds.clientId || clientSecret !== creds.clientSecret) {
        await reply(
          req,
          res,
          401,
          { error: "invalid_client", error_description: "Client authentication failed" },
          { "WWW-Authenticate": 'Basic realm="baas-as"' }
        )
        return
      }
      res.locals.clientId = clientId
      const wait = state.rateLimited(clientId)
      if (wait !== undefined) {
        await reply(req, res, 429, baasBody(req, 429, undefined, "Too many requests"), {
          "Retry-After": String(wait),
        })
        return
      }
      const form = TokenRequestSchema.safeParse(req.body ?? {})
      if (!form.success || form.data.grant_type !== "client_credentials") {
        await reply(req, res, 400, {
          error: "unsupported_grant_type",
          error_description: "Only grant_type=client_credentials is supported",
        })
        return
      }
      const requested = (form.data.scope ?? "").split(/\s+/).filter(Boolean)
      const unknown = requested.filter((s) => !(ALL_SCOPES as readonly string[]).includes(s))
      if (unknown.length > 0) {
        await reply(req, res, 400, {
          error: "invalid_scope",
          error_description: `Unknown scope ${unknown.join(" ")}`,
        })
        return
      }
      const scopes = requested.length > 0 ? requested : [...ALL_SCOPES]
      const token = state.issueToken(clientId, scopes)
      await reply(
        req,
        res,
        200,
        {
          access_token: token.accessToken,
          token_type: "Bearer",
          expires_in: state.config.tokenTtlSeconds,
          scope: scopes.join(" "),
        },
        { "Cache-Control": "no-store" }
      )
    })
  )

  // ---- bearer authentication -----------------------------------------------------------------

  const bearer = (scope: string) =>
    route(async (req, res) => {
      const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")
      const token = match ? state.validToken(match[1]) : undefined
      if (!token) {
        throw new HttpAnswer(
          401,
          baasBody(
            req,
            401,
            undefined,
            "Unauthorized. You must first authenticate to get a valid token."
          )
        )
      }
      res.locals.clientId = token.clientId
      if (!token.scopes.includes(scope)) {
        throw new HttpAnswer(
          403,
          baasBody(req, 403, undefined, `Missing scope ${scope} or insufficient permissions`)
        )
      }
      const wait = state.rateLimited(token.clientId)
      if (wait !== undefined) {
        throw new HttpAnswer(429, baasBody(req, 429, undefined, "Too many requests"), {
          "Retry-After": String(wait),
        })
      }
      return nextRoute
    })

  const json = express.json({ limit: "1mb" })

  const findSubscription = (req: Request): SandboxSubscription => {
    const id = String(req.params.id)
    if (!UUID_RE.test(id)) {
      throw new BusinessError(400, "INVALID_UUID", `creditSubscriptionId ${id} is not a valid uuid`)
    }
    const sub = state.get(id)
    if (!sub) {
      throw new BusinessError(404, "ENTITY_NOT_FOUND", `No credit subscription found with id ${id}`)
    }
    return sub
  }

  // ---- e-financing ---------------------------------------------------------------------------

  const ef = express.Router()
  ef.use(bearer(SCOPES.eFinancing))
  ef.use(json)

  ef.get(
    "/eligible-solutions",
    route(async (req, res) => {
      const query = validate(EligibleSolutionsQuerySchema, req.query)
      if (!/^[A-Z]{2}$/.test(query.buyerBillingCountry)) {
        throw new BusinessError(
          400,
          "INVALID_COUNTRY_CODE",
          `buyerBillingCountry ${query.buyerBillingCountry} is not an ISO 3166-1 alpha-2 code`
        )
      }
      const cents = amountToCents(query.financedAmount)
      const solutions = state.config.contractedSolutions
        .filter((code) => isEligible(code, query.buyerBillingCountry, cents))
        .map((code) => ({
          solutionCode: code,
          marketCode: SOLUTIONS[code].market,
          familyCode: "SC",
          conditions: SOLUTIONS[code].conditions,
          communicationKit: communicationKit(code, state.publicUrl),
        }))
      // "An empty json object is returned if not eligible."
      await reply(req, res, 200, solutions.length > 0 ? { solutions } : {})
    })
  )

  ef.post(
    "/_simulate-solutions",
    route(async (req, res) => {
      const body = validate(SimulateSolutionsRequestSchema, req.body)
      const cents = amountToCents(body.financedAmount)
      const requested = body.solutionCodes ?? state.config.contractedSolutions
      const codes = [...new Set(requested)].filter(
        (code): code is SolutionCode =>
          isSolutionCode(code) &&
          state.config.contractedSolutions.includes(code) &&
          isEligible(code, body.buyerBillingCountry, cents)
      )
      await reply(req, res, 200, {
        financedAmount: centsToAmount(cents),
        buyerBillingCountry: body.buyerBillingCountry,
        solutionSimulations: codes.map((code) => ({
          solutionCode: code,
          simulations: simulate(code, cents),
        })),
      })
    })
  )

  ef.post(
    "/subscriptions",
    route(async (req, res) => {
      const query = validate(CreateSubscriptionQuerySchema, req.query)
      const body = validate(CreateSubscriptionRequestSchema, req.body)
      const sub = state.createSubscription(body, query.language)
      await reply(req, res, 201, {
        id: sub.id,
        redirect: { type: "url", value: state.journeyUrl(sub.id) },
      })
    })
  )

  ef.get(
    "/subscriptions",
    route(async (req, res) => {
      const query = validate(ListSubscriptionsQuerySchema, req.query)
      const page = query.page ?? 1
      const pageSize = query.pageSize ?? 20
      if (page < 1) {
        throw new BusinessError(
          400,
          "INVALID_PAGE_INDEX",
          "The page must be greater than or equal to 1"
        )
      }
      if (pageSize < 1) {
        throw new BusinessError(
          400,
          "REQUEST_VALIDATION_ERROR",
          "pageSize must be greater than or equal to 1"
        )
      }
      const all = [...state.subscriptions.values()]
        .filter(
          (s) =>
            (query.merchantGlobalOrderId === undefined ||
              s.merchantGlobalOrderId === query.merchantGlobalOrderId) &&
            (query.merchantBasketId === undefined || s.merchantBasketId === query.merchantBasketId)
        )
        .sort((a, b) => b.registrationTimestamp.localeCompare(a.registrationTimestamp))
      const items = all.slice((page - 1) * pageSize, page * pageSize)
      await reply(req, res, 200, {
        totalItemCount: all.length,
        subscriptions: items.map((s) => state.listView(s)),
      })
    })
  )

  ef.get(
    "/subscriptions/:id",
    route(async (req, res) => {
      await reply(req, res, 200, state.detailView(findSubscription(req)))
    })
  )

  ef.post(
    "/subscriptions/:id/_confirmDelivery",
    route(async (req, res) => {
      const sub = findSubscription(req)
      const body = validate(ConfirmDeliveryRequestSchema, req.body)
      state.confirmDelivery(sub, body)
      await reply(req, res, 204)
    })
  )

  ef.post(
    "/subscriptions/:id/_confirmReturn",
    route(async (req, res) => {
      const sub = findSubscription(req)
      const body = validate(ConfirmReturnRequestSchema, req.body)
      state.confirmReturn(sub, body)
      await reply(req, res, 204)
    })
  )

  ef.post(
    "/subscriptions/:id/_cancel",
    route(async (req, res) => {
      const sub = findSubscription(req)
      const body = validate(CancelSubscriptionRequestSchema, req.body ?? {})
      const result = state.cancel(sub, body)
      await reply(req, res, 200, result)
    })
  )

  app.use(`${rootPath}/e-financing/api/v1`, ef)

  // ---- merchant-webhooks ---------------------------------------------------------------------

  const wh = express.Router()
  wh.use(bearer(SCOPES.webhooks))
  wh.use(json)

  const eventJson = (e: StoredEvent) => ({
    timestamp: e.timestamp,
    id: e.id,
    correlationId: e.correlationId,
    eventTypeCode: e.eventTypeCode,
    eventCode: e.eventCode,
    data: e.data,
    replayCount: e.replayCount,
    status: e.status,
    timestampOfLastDeliveryAttempt: e.timestampOfLastDeliveryAttempt,
    httpStatusCodeOfLastDeliveryAttempt: e.httpStatusCodeOfLastDeliveryAttempt,
  })

  wh.get(
    "/events",
    route(async (req, res) => {
      const query = validate(ListEventsQuerySchema, req.query)
      const page = query.page ?? 1
      const pageSize = query.pageSize ?? 20
      if (page < 1) {
        throw new BusinessError(
          400,
          "INVALID_PAGE_INDEX",
          "The page must be greater than or equal to 1"
        )
      }
      const from = query.fromTimestamp ? Date.parse(query.fromTimestamp) : undefined
      const to = query.toTimestamp ? Date.parse(query.toTimestamp) : undefined
      const ascending = query.sort === "timestamp" || query.sort === "+timestamp"
      const events = state.webhooks.events
        .map((e, index) => ({ e, index }))
        .filter(
          ({ e }) =>
            (!query.status || e.status === query.status) &&
            (!query.eventTypeCode ||
              query.eventTypeCode === "ANY" ||
              e.eventTypeCode === query.eventTypeCode) &&
            (!query.eventCode || e.eventCode === query.eventCode) &&
            (from === undefined || Date.parse(e.timestamp) > from) &&
            (to === undefined || Date.parse(e.timestamp) < to)
        )
        .sort((a, b) => (ascending ? a.index - b.index : b.index - a.index))
        .map(({ e }) => e)
      await reply(req, res, 200, {
        totalEventCount: events.length,
        events: events.slice((page - 1) * pageSize, page * pageSize).map(eventJson),
      })
    })
  )

  wh.get(
    "/events/:eventId",
    route(async (req, res) => {
      const event = state.webhooks.getEvent(String(req.params.eventId))
      if (!event) {
        throw new BusinessError(
          404,
          "ENTITY_NOT_FOUND",
          `No event found with id ${String(req.params.eventId)}`
        )
      }
      await reply(req, res, 200, eventJson(event))
    })
  )

  wh.post(
    "/events/tests/_trigger",
    route(async (req, res) => {
      const event = state.webhooks.emit("HELLO_WORLD", "HELLO_WORLD", {
        helloWorldMessage: "Hello World !",
      })
      await reply(req, res, 200, { eventId: event.id })
    })
  )

  app.use(`${rootPath}/merchant-webhooks/api/v1`, wh)

  app.use(
    rootPath,
    route(async (req, res) => {
      await reply(
        req,
        res,
        404,
        baasBody(req, 404, undefined, `No endpoint ${req.method} ${req.originalUrl.split("?")[0]}`)
      )
    })
  )

  // ---- the lender's journey ------------------------------------------------------------------

  const journeySubscription = (req: Request, res: Response): SandboxSubscription | undefined => {
    const sub = state.get(String(req.params.id))
    if (!sub) {
      res
        .status(404)
        .type("html")
        .send(messagePage("Unknown application", "This financing application does not exist."))
    }
    return sub
  }

  app.get(
    "/journey/:id",
    route(async (req, res) => {
      const sub = journeySubscription(req, res)
      if (!sub) return
      await reply(req, res, 200, journeyPage(sub, state.offeredDurations(sub)), {
        "Content-Type": "text/html; charset=utf-8",
      })
    })
  )

  app.post(
    "/journey/:id/decision",
    express.urlencoded({ extended: false }),
    route(async (req, res) => {
      const sub = journeySubscription(req, res)
      if (!sub) return
      const decision = String(req.body?.decision ?? "")
      if (!["accept", "refuse", "preaccept"].includes(decision)) {
        await reply(
          req,
          res,
          400,
          messagePage("Unknown decision", `Unknown decision "${decision}"`),
          {
            "Content-Type": "text/html; charset=utf-8",
          }
        )
        return
      }
      const duration = req.body?.duration !== undefined ? Number(req.body.duration) : undefined
      try {
        state.journeyDecision(sub, decision as "accept" | "refuse" | "preaccept", duration)
      } catch (error) {
        if (error instanceof ControlError) {
          await reply(req, res, error.status, journeyPage(sub, state.offeredDurations(sub)), {
            "Content-Type": "text/html; charset=utf-8",
          })
          return
        }
        throw error
      }
      await reply(req, res, 200, returnPage(sub), { "Content-Type": "text/html; charset=utf-8" })
    })
  )

  app.get(
    "/journey/:id/abandon",
    route(async (req, res) => {
      const sub = journeySubscription(req, res)
      if (!sub) return
      if (sub.consolidatedStatus === "INITIALIZED" || sub.consolidatedStatus === "REQUESTED") {
        state.journeyDecision(sub, "abandon")
      }
      // The lender's "cancel" link: a plain GET on the confirmation URL, verbatim.
      await reply(req, res, 302, undefined, { Location: sub.confirmationUrl })
    })
  )

  // ---- assets --------------------------------------------------------------------------------

  const svg = { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=3600" }
  const assetCode = (req: Request, res: Response): SolutionCode | undefined => {
    const code = String(req.params.file ?? req.params.code).replace(/\.svg$/, "")
    if (!isSolutionCode(code)) {
      res.status(404).type("text").send("Not found")
      return undefined
    }
    return code
  }
  app.get(
    "/assets/logos/:file",
    route(async (req, res) => {
      const code = assetCode(req, res)
      if (code) await reply(req, res, 200, logoSvg(code), svg)
    })
  )
  app.get(
    "/assets/tables/:file",
    route(async (req, res) => {
      const code = assetCode(req, res)
      if (code) await reply(req, res, 200, tableSvg(code), svg)
    })
  )
  app.get(
    "/assets/info.svg",
    route(async (req, res) => {
      await reply(req, res, 200, infoIconSvg(), svg)
    })
  )
  app.get(
    "/assets/documents/:code/:kind",
    route(async (req, res) => {
      const code = assetCode(req, res)
      const kind = String(req.params.kind)
      if (!code) return
      if (kind !== "notice" && kind !== "terms") {
        res.status(404).type("text").send("Not found")
        return
      }
      const doc = kitDocument(code, kind)
      await reply(req, res, 200, documentPage(doc.title, doc.text), {
        "Content-Type": "text/html; charset=utf-8",
      })
    })
  )

  // ---- control API ---------------------------------------------------------------------------

  const control = express.Router()
  control.use(express.json({ limit: "1mb" }))

  const controlSubscription = (req: Request): SandboxSubscription => {
    const sub = state.get(String(req.params.id))
    if (!sub) throw new ControlError(404, `No subscription ${String(req.params.id)}`)
    return sub
  }

  const info = () => ({
    url: handle.url,
    apiRoot: handle.apiRoot,
    publicUrl: state.publicUrl,
    credentials: { clientId: state.config.credentials.clientId },
    contractedSolutions: state.config.contractedSolutions,
    webhook: state.config.webhook
      ? {
          url: state.config.webhook.url,
          active: state.config.webhook.active !== false,
          signed: Boolean(state.config.webhook.signatureKey),
        }
      : null,
    subscriptions: state.subscriptions.size,
  })

  control.get("/", (_req, res) => {
    res.json(info())
  })
  control.get("/config", (_req, res) => {
    res.json(state.config)
  })
  control.put("/config", (req, res) => {
    const update = controlInput(ConfigUpdateSchema, req.body)
    if (update.credentials) {
      state.config.credentials = update.credentials
      state.tokens.clear()
    }
    if (update.contractedSolutions) state.config.contractedSolutions = update.contractedSolutions
    if (update.webhook !== undefined) state.config.webhook = update.webhook
    if (update.webhookReplayIntervalMs !== undefined)
      state.config.webhookReplayIntervalMs = update.webhookReplayIntervalMs
    if (update.webhookMaxReplays !== undefined)
      state.config.webhookMaxReplays = update.webhookMaxReplays
    if (update.webhookTimeoutMs !== undefined)
      state.config.webhookTimeoutMs = update.webhookTimeoutMs
    if (update.tokenTtlSeconds !== undefined) state.config.tokenTtlSeconds = update.tokenTtlSeconds
    if (update.rateLimitPerMinute !== undefined)
      state.config.rateLimitPerMinute = update.rateLimitPerMinute
    res.json(state.config)
  })
  control.post("/reset", (_req, res) => {
    state.reset()
    res.json({ reset: true })
  })

  control.get("/requests", (req, res) => {
    res.json({
      requests: handle.requests(
        req.query as { path?: string; method?: string; kind?: RequestKind }
      ),
    })
  })
  control.delete("/requests", (_req, res) => {
    state.requestLog = []
    res.status(204).end()
  })

  control.get("/faults", (_req, res) => {
    res.json({ faults: state.faults })
  })
  control.post("/faults", (req, res) => {
    const input = controlInput(FaultSchema, req.body)
    if (
      input.status === undefined &&
      !input.delayMs &&
      !input.malformedBody &&
      !input.afterCreate &&
      input.body === undefined
    ) {
      throw new ControlError(
        400,
        "A fault needs status, delayMs, malformedBody, afterCreate or body"
      )
    }
    res.status(201).json(state.addFault(input))
  })
  control.delete("/faults", (_req, res) => {
    state.faults = []
    res.status(204).end()
  })
  control.delete("/faults/:id", (req, res) => {
    const before = state.faults.length
    state.faults = state.faults.filter((f) => f.id !== req.params.id)
    if (state.faults.length === before) throw new ControlError(404, "No such fault")
    res.status(204).end()
  })

  control.post("/tokens/expire", (req, res) => {
    const accessToken = typeof req.body?.accessToken === "string" ? req.body.accessToken : undefined
    res.json({ expired: state.expireTokens(accessToken) })
  })

  control.get("/subscriptions", (_req, res) => {
    res.json({ subscriptions: [...state.subscriptions.values()].map((s) => state.internalView(s)) })
  })
  control.get("/subscriptions/:id", (req, res) => {
    res.json(state.internalView(controlSubscription(req)))
  })
  control.post("/subscriptions/:id/status", (req, res) => {
    const sub = controlSubscription(req)
    const input = controlInput(StatusChangeSchema, req.body)
    state.setStatus(
      sub,
      input.consolidatedStatus,
      input.consolidatedSubstatus,
      "control",
      input.force ?? false
    )
    res.json(state.internalView(sub))
  })
  control.post("/subscriptions/:id/decision", (req, res) => {
    const sub = controlSubscription(req)
    const input = controlInput(DecisionSchema, req.body)
    state.controlDecision(sub, input.decision, input.duration)
    res.json(state.internalView(sub))
  })
  control.post("/subscriptions/:id/cancellation-outcome", (req, res) => {
    const sub = controlSubscription(req)
    const input = controlInput(z.object({ accepted: z.boolean() }), req.body)
    state.cancellationOutcome(sub, input.accepted)
    res.json(state.internalView(sub))
  })
  control.post("/subscriptions/:id/back-office-cancel", (req, res) => {
    const sub = controlSubscription(req)
    const input = controlInput(
      z.object({ cancelledAmount: z.number().positive().optional() }),
      req.body
    )
    state.backOfficeCancel(
      sub,
      input.cancelledAmount === undefined ? undefined : amountToCents(input.cancelledAmount)
    )
    res.json(state.internalView(sub))
  })

  control.get("/events", (_req, res) => {
    res.json({ events: state.webhooks.events })
  })
  control.get("/webhooks/deliveries", (req, res) => {
    const eventId = typeof req.query.eventId === "string" ? req.query.eventId : undefined
    res.json({
      deliveries: state.webhooks.deliveries.filter((d) => !eventId || d.eventId === eventId),
    })
  })
  control.post(
    "/webhooks/events/:id/resend",
    route(async (req, res) => {
      if (!state.webhooks.getEvent(String(req.params.id)))
        throw new ControlError(404, "No such event")
      const record = await state.webhooks.resend(String(req.params.id))
      if (!record) throw new ControlError(409, "No webhook URL is configured")
      res.json(record)
    })
  )
  control.post(
    "/webhooks/flush",
    route(async (_req, res) => {
      await state.webhooks.idle()
      res.json({
        events: state.webhooks.events.length,
        deliveries: state.webhooks.deliveries.length,
      })
    })
  )

  app.use("/__sandbox", control)

  app.get("/", (_req, res) => {
    res.type("html").send(
      indexPage({
        apiRoot: handle.apiRoot,
        clientId: state.config.credentials.clientId,
        subscriptions: [...state.subscriptions.values()],
      })
    )
  })

  // ---- errors --------------------------------------------------------------------------------

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
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
        await reply(
          req,
          res,
          400,
          baasBody(req, 400, "REQUEST_VALIDATION_ERROR", "Malformed JSON request body")
        )
      } else {
        const message = error instanceof Error ? error.message : String(error)
        if (!res.headersSent)
          res.status(500).json(baasBody(req, 500, undefined, `Sandbox error: ${message}`))
      }
    })()
  })

  // ---- listen --------------------------------------------------------------------------------

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, () => resolve(s))
    s.once("error", reject)
  })
  const port = (server.address() as AddressInfo).port
  // A wildcard bind is reached through the loopback address.
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host
  const url = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`
  state.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "")

  let closed = false
  const handle: SandboxHandle = {
    url,
    apiRoot: `${url}${rootPath}`,
    port,
    get credentials() {
      return { ...state.config.credentials }
    },
    state,
    requests(filter = {}) {
      return state.requestLog.filter(
        (r) =>
          (!filter.method || r.method === filter.method.toUpperCase()) &&
          (!filter.kind || r.kind === filter.kind) &&
          (!filter.path || pathMatches(filter.path, r.path, rootPath))
      )
    },
    subscriptions: () => [...state.subscriptions.values()],
    subscription: (id) => state.get(id),
    events: () => state.webhooks.events,
    deliveries: () => state.webhooks.deliveries,
    webhooksIdle: () => state.webhooks.idle(),
    reset: () => state.reset(),
    close: async () => {
      if (closed) return
      closed = true
      state.webhooks.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
  return handle
}
