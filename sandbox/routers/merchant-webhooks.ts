/** The merchant-webhooks API: `{root}/merchant-webhooks/api/v1` (scope `common-services:rw`). */
import type { Router } from "express"

import { BusinessError } from "../http/errors"
import { apiRouter, pageOf, type MountOperation } from "../http/operations"
import { reply } from "../http/reply"
import type { Json } from "../rules/subscription"
import { configFromRequest, configJson, defaultConfig, EVENT_CODES } from "../webhooks/config"
import { eventJson, type StoredEvent } from "../webhooks/events"
import type { SandboxState } from "../state"
import type { RouterContext } from "./context"

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
  return apiRouter("merchant-webhooks", bearer("common-services:rw"), (operation) => {
    configurationRoutes(operation, state)
    eventRoutes(operation, state)
  })
}

function configurationRoutes(operation: MountOperation, state: SandboxState): void {
  operation("get", "/webhooks", "findMerchantWebhookConfig", async (req, res) => {
    const type = String(req.query.eventTypeCode)
    // Nothing configured yet: the documented defaults (inactive, null URL).
    await reply(req, res, 200, configJson(state.webhookConfigs.get(type) ?? defaultConfig(type)))
  })

  operation("put", "/webhooks", "setMerchantWebConfig", async (req, res) => {
    const config = configFromRequest(req.body as Json)
    state.webhookConfigs.set(config.eventTypeCode, config)
    await reply(req, res, 200, configJson(config))
  })

  operation("get", "/event-types", "findWebhooksEventTypes", async (req, res) => {
    const eventTypes = Object.entries(EVENT_CODES)
      .filter(([, codes]) => codes.length > 0)
      .map(([eventTypeCode, codes]) => ({
        eventTypeCode,
        eventCodes: codes.map((eventCode) => ({ eventCode })),
      }))
    await reply(req, res, 200, { eventTypes })
  })
}

function eventRoutes(operation: MountOperation, state: SandboxState): void {
  operation("get", "/events", "findWebhookEventsForMerchant", async (req, res) => {
    const q = req.query as Json
    // "Sort. Default is -timestamp."
    const ascending = q.sort === "timestamp" || q.sort === "+timestamp"
    const events = state.webhooks.events
      .map((e, index) => ({ e, index }))
      .filter(({ e }) => matches(e, q))
      .sort((a, b) => (ascending ? a.index - b.index : b.index - a.index))
      .map(({ e }) => e)
    await reply(req, res, 200, {
      totalEventCount: events.length,
      events: pageOf(events, q).map(eventJson),
    })
  })

  operation("get", "/events/:eventId", "findWebhookEventForMerchant", async (req, res) => {
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

  operation(
    "post",
    "/events/tests/_trigger",
    "triggerEventHelloWorldForMerchant",
    async (req, res) => {
      const event = state.webhooks.emit("HELLO_WORLD", "HELLO_WORLD", {
        helloWorldMessage: "Hello World !",
      })
      await reply(req, res, 200, { eventId: event.id })
    }
  )
}
