/** The merchant-webhooks API: `{root}/merchant-webhooks/api/v1` (scope `common-services:rw`). */
import express, { type Request, type Router } from "express"

import { validateRequest } from "../http/contract"
import { BusinessError } from "../http/errors"
import { reply, route, serves } from "../http/reply"
import type { Json } from "../rules/subscription"
import { configFromRequest, configJson, defaultConfig, EVENT_CODES } from "../webhooks/config"
import { eventJson, type StoredEvent } from "../webhooks/events"
import type { SandboxState } from "../state"
import type { RouterContext } from "./context"

const API = "merchant-webhooks"

function check(operationId: string, req: Request, withBody = false): void {
  const body = withBody ? req.body : undefined
  validateRequest(API, operationId, { query: req.query as Json, pathParams: req.params, body })
}

function positive(value: unknown, fallback: number, what: string): number {
  const n = value === undefined ? fallback : Number(value)
  if (n < 1)
    throw new BusinessError(400, "INVALID_PAGE_INDEX", `${what} must be greater than or equal to 1`)
  return n
}

/** `GET /events` filters: status, eventTypeCode (`ANY` = all), eventCode, from/to (exclusive). */
function matches(e: StoredEvent, q: Json): boolean {
  const from = q.fromTimestamp ? Date.parse(String(q.fromTimestamp)) : undefined
  const to = q.toTimestamp ? Date.parse(String(q.toTimestamp)) : undefined
  const at = Date.parse(e.timestamp)
  return (
    (!q.status || e.status === q.status) &&
    (!q.eventTypeCode || q.eventTypeCode === "ANY" || e.eventTypeCode === q.eventTypeCode) &&
    (!q.eventCode || e.eventCode === q.eventCode) &&
    (from === undefined || at > from) &&
    (to === undefined || at < to)
  )
}

export function merchantWebhooksRouter({ state, bearer }: RouterContext): Router {
  const router = express.Router()
  router.use(bearer("common-services:rw"))
  router.use(express.json({ limit: "1mb" }))
  configurationRoutes(router, state)
  eventRoutes(router, state)
  return router
}

function configurationRoutes(router: Router, state: SandboxState): void {
  router.get(
    "/webhooks",
    route(async (req, res) => {
      serves(res, API, "findMerchantWebhookConfig")
      check("findMerchantWebhookConfig", req)
      const type = String(req.query.eventTypeCode)
      // Nothing configured yet: the documented defaults (inactive, null URL).
      await reply(req, res, 200, configJson(state.webhookConfigs.get(type) ?? defaultConfig(type)))
    })
  )

  router.put(
    "/webhooks",
    route(async (req, res) => {
      serves(res, API, "setMerchantWebConfig")
      check("setMerchantWebConfig", req, true)
      const config = configFromRequest(req.body as Json)
      state.webhookConfigs.set(config.eventTypeCode, config)
      await reply(req, res, 200, configJson(config))
    })
  )

  router.get(
    "/event-types",
    route(async (req, res) => {
      serves(res, API, "findWebhooksEventTypes")
      const eventTypes = Object.entries(EVENT_CODES)
        .filter(([, codes]) => codes.length > 0)
        .map(([eventTypeCode, codes]) => ({
          eventTypeCode,
          eventCodes: codes.map((eventCode) => ({ eventCode })),
        }))
      await reply(req, res, 200, { eventTypes })
    })
  )
}

function eventRoutes(router: Router, state: SandboxState): void {
  router.get(
    "/events",
    route(async (req, res) => {
      serves(res, API, "findWebhookEventsForMerchant")
      check("findWebhookEventsForMerchant", req)
      const q = req.query as Json
      const p = positive(q.page, 1, "page")
      const size = positive(q.pageSize, 20, "pageSize")
      // "Sort. Default is -timestamp."
      const ascending = q.sort === "timestamp" || q.sort === "+timestamp"
      const events = state.webhooks.events
        .map((e, index) => ({ e, index }))
        .filter(({ e }) => matches(e, q))
        .sort((a, b) => (ascending ? a.index - b.index : b.index - a.index))
        .map(({ e }) => e)
      await reply(req, res, 200, {
        totalEventCount: events.length,
        events: events.slice((p - 1) * size, p * size).map(eventJson),
      })
    })
  )

  router.get(
    "/events/:eventId",
    route(async (req, res) => {
      serves(res, API, "findWebhookEventForMerchant")
      check("findWebhookEventForMerchant", req)
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

  router.post(
    "/events/tests/_trigger",
    route(async (req, res) => {
      serves(res, API, "triggerEventHelloWorldForMerchant")
      const event = state.webhooks.emit("HELLO_WORLD", "HELLO_WORLD", {
        helloWorldMessage: "Hello World !",
      })
      await reply(req, res, 200, { eventId: event.id })
    })
  )
}
