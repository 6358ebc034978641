/**
 * The control API (`/__sandbox/...`, not part of the real API, no authentication): configuration,
 * seed, request log, faults and latency, tokens, webhook events and their misbehaviour.
 * Files are in `control-files.ts`. Every endpoint has a curl line in the README's sandbox section.
 */
import express, { type Router } from "express"
import { z } from "zod"

import { ControlError } from "../http/errors"
import { route } from "../http/reply"
import { SOLUTION_CODES } from "../solutions"
import type { RequestKind, SandboxState } from "../state"
import { pathMatches } from "../rules/faults"
import type { RouterContext } from "./context"
import { controlFilesRouter, input } from "./control-files"

const probability = z.number().min(0).max(1)
const WebhookChaos = z.object({
  dropProbability: probability.optional(),
  duplicateProbability: probability.optional(),
  maxDelayMs: z.number().int().min(0).optional(),
  outOfOrder: z.boolean().optional(),
  holdMs: z.number().int().min(1).optional(),
})
const ms = z.number().int().min(0)
const ConfigUpdate = z.object({
  credentials: z
    .object({ clientId: z.string().min(1), clientSecret: z.string().min(1) })
    .optional(),
  contractedSolutions: z.array(z.enum(SOLUTION_CODES)).optional(),
  webhook: z
    .object({
      url: z.string().url(),
      signatureKey: z.string().min(1).optional(),
      secret: z.string().min(1).optional(),
      active: z.boolean().optional(),
      activeEventCodes: z.array(z.string()).optional(),
    })
    .nullable()
    .optional(),
  webhookReplayIntervalMs: z.number().int().min(1).optional(),
  webhookMaxReplays: ms.optional(),
  webhookTimeoutMs: z.number().int().min(1).optional(),
  webhookChaos: WebhookChaos.optional(),
  tokenTtlSeconds: z.number().int().min(1).optional(),
  rateLimitPerMinute: ms.optional(),
  seed: z.number().int().optional(),
  initializedTtlMs: ms.optional(),
  preAcceptedTtlMs: ms.optional(),
  preAcceptedDecision: z
    .object({ decision: z.enum(["accept", "refuse"]), afterMs: ms })
    .nullable()
    .optional(),
  hanseaticCancellation: z.object({ accepted: z.boolean(), afterMs: ms }).nullable().optional(),
})
const FaultInput = z.object({
  method: z.string().default("*"),
  path: z.string().min(1),
  status: z.number().int().min(100).max(599).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  timeout: z.boolean().optional(),
  malformedBody: z.boolean().optional(),
  afterCreate: z.boolean().optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  body: z.unknown().optional(),
  nth: z.number().int().min(1).optional(),
  probability: probability.optional(),
  count: z.number().int().min(0).default(1),
})
const LatencyInput = z.object({
  method: z.string().default("*"),
  path: z.string().min(1),
  ms: z.number().int().min(0).max(120_000),
  jitterMs: z.number().int().min(0).optional(),
})

export function controlRouter(context: RouterContext): Router {
  const { state } = context
  const router = express.Router()
  router.use(express.json({ limit: "1mb" }))
  configRoutes(router, state)
  faultRoutes(router, state)
  webhookRoutes(router, state)
  router.use("/subscriptions", controlFilesRouter(context))
  return router
}

function configRoutes(router: Router, state: SandboxState): void {
  router.get("/config", (_req, res) => {
    res.json(state.config)
  })
  router.put("/config", (req, res) => {
    const { webhook, seed, ...rest } = input(ConfigUpdate, req.body)
    if (rest.credentials) state.tokens.clear()
    Object.assign(
      state.config,
      Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
    )
    if (webhook !== undefined) state.setWebhookShortcut(webhook)
    if (seed !== undefined) state.reseed(seed)
    res.json(state.config)
  })
  router.post("/reset", (_req, res) => {
    state.reset()
    res.json({ reset: true })
  })
  router.post("/seed", (req, res) => {
    state.reseed(input(z.object({ seed: z.number().int() }), req.body).seed)
    res.json({ seed: state.config.seed })
  })

  router.get("/requests", (req, res) => {
    const q = req.query as { path?: string; method?: string; kind?: RequestKind }
    res.json({
      requests: state.requestLog.filter(
        (r) =>
          (!q.method || r.method === q.method.toUpperCase()) &&
          (!q.kind || r.kind === q.kind) &&
          (!q.path || pathMatches(q.path, r.path, state.rootPath))
      ),
    })
  })
  router.delete("/requests", (_req, res) => {
    state.requestLog = []
    res.status(204).end()
  })
  router.get("/contract-violations", (_req, res) => {
    res.json({ violations: state.contractViolations })
  })
}

function faultRoutes(router: Router, state: SandboxState): void {
  router.get("/faults", (_req, res) => {
    res.json({ faults: state.faults.faults })
  })
  router.post("/faults", (req, res) => {
    const fault = input(FaultInput, req.body)
    const acts = [
      fault.status,
      fault.delayMs,
      fault.timeout,
      fault.malformedBody,
      fault.afterCreate,
      fault.body,
    ]
    if (acts.every((a) => a === undefined || a === false || a === 0)) {
      throw new ControlError(
        400,
        "A fault needs status, delayMs, timeout, malformedBody, afterCreate or body"
      )
    }
    res.status(201).json(state.faults.add(fault))
  })
  router.delete("/faults", (_req, res) => {
    state.faults.faults = []
    res.status(204).end()
  })
  router.delete("/faults/:id", (req, res) => {
    const before = state.faults.faults.length
    state.faults.faults = state.faults.faults.filter((f) => f.id !== req.params.id)
    if (state.faults.faults.length === before) throw new ControlError(404, "No such fault")
    res.status(204).end()
  })
  router.get("/latency", (_req, res) => {
    res.json({ latency: state.faults.latencies })
  })
  router.post("/latency", (req, res) => {
    const rule = input(LatencyInput, req.body)
    state.faults.latencies.push({ ...rule, method: rule.method.toUpperCase() })
    res.status(201).json(rule)
  })
  router.delete("/latency", (_req, res) => {
    state.faults.latencies = []
    res.status(204).end()
  })

  const Token = z.object({ accessToken: z.string().optional() })
  router.post("/tokens/expire", (req, res) => {
    res.json({ expired: state.endTokens("expire", input(Token, req.body).accessToken) })
  })
  router.post("/tokens/revoke", (req, res) => {
    res.json({ revoked: state.endTokens("revoke", input(Token, req.body).accessToken) })
  })
}

function webhookRoutes(router: Router, state: SandboxState): void {
  router.get("/events", (_req, res) => {
    res.json({ events: state.webhooks.events })
  })
  router.get("/webhooks", (_req, res) => {
    res.json({ configs: [...state.webhookConfigs.values()], chaos: state.config.webhookChaos })
  })
  router.put("/webhooks/chaos", (req, res) => {
    state.config.webhookChaos = input(WebhookChaos, req.body)
    res.json(state.config.webhookChaos)
  })
  router.get("/webhooks/deliveries", (req, res) => {
    const eventId = typeof req.query.eventId === "string" ? req.query.eventId : undefined
    res.json({
      deliveries: state.webhooks.deliveries.filter((d) => !eventId || d.eventId === eventId),
    })
  })
  router.post(
    "/webhooks/events/:id/resend",
    route(async (req, res) => {
      if (!state.webhooks.getEvent(String(req.params.id)))
        throw new ControlError(404, "No such event")
      const record = await state.webhooks.resend(String(req.params.id))
      if (!record) throw new ControlError(409, "No webhook URL is configured")
      res.json(record)
    })
  )
  router.post(
    "/webhooks/flush",
    route(async (_req, res) => {
      await state.webhooks.idle()
      res.json({
        events: state.webhooks.events.length,
        deliveries: state.webhooks.deliveries.length,
      })
    })
  )
}
