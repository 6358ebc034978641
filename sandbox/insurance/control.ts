/**
 * The sandbox insurer's control API (`/__sandbox/insurance/...`): reset, configuration, the next
 * subscriptions' outcome (fail or reject), quote expiry, policy statuses (with their webhooks).
 */
import express from "express"
import { z } from "zod"

import { ControlError } from "../http/errors"
import { route } from "../http/reply"
import { INSURANCE_SOLUTIONS } from "./catalogue"
import type { InsuranceState } from "./state"

function control<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {})
  if (!result.success) {
    throw new ControlError(
      400,
      result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")
    )
  }
  return result.data
}

const StatusSchema = z.object({
  consolidatedStatus: z.enum([
    "INITIALIZED",
    "SUBSCRIBED",
    "ACTIVATED",
    "CANCELLED",
    "TERMINATED",
    "ABORTED",
    "REJECTED",
  ]),
})

const ConfigSchema = z.object({
  contracted: z.array(z.enum(INSURANCE_SOLUTIONS)).optional(),
  quoteTtlSeconds: z.number().int().min(1).optional(),
})

const NextSchema = z.object({
  outcome: z.enum(["fail", "reject"]),
  status: z.number().int().min(400).max(599).default(503),
  errorCode: z.string().min(1).optional(),
  count: z.number().int().min(1).max(100).default(1),
})

export function controlRouter(state: InsuranceState) {
  const ctl = express.Router()
  ctl.use(express.json())
  ctl.post("/reset", (_req, res) => {
    state.reset()
    res.status(204).end()
  })
  ctl.put(
    "/config",
    route((req, res) => {
      const config = control(ConfigSchema, req.body)
      if (config.contracted) state.contracted = config.contracted
      if (config.quoteTtlSeconds) state.quoteTtlSeconds = config.quoteTtlSeconds
      res.json({ contracted: state.contracted, quoteTtlSeconds: state.quoteTtlSeconds })
    })
  )
  /** The next `count` subscription requests fail with `status` or create a REJECTED policy. */
  ctl.post(
    "/next-subscriptions",
    route((req, res) => {
      const { count, outcome, status, errorCode } = control(NextSchema, req.body)
      for (let i = 0; i < count; i++) {
        state.next.push(outcome === "fail" ? { outcome, status, errorCode } : { outcome })
      }
      res.status(201).json({ queued: state.next.length })
    })
  )
  ctl.get("/quotes", (_req, res) => {
    res.json([...state.quotes.values()])
  })
  ctl.post(
    "/quotes/:id/expire",
    route((req, res) => {
      const quote = state.quotes.get(String(req.params.id))
      if (!quote) throw new ControlError(404, "No such quote")
      quote.expiresAt = new Date(Date.now() - 1000)
      res.json(quote)
    })
  )
  ctl.get("/subscriptions", (_req, res) => {
    res.json([...state.policies.values()])
  })
  ctl.get(
    "/subscriptions/:id",
    route((req, res) => {
      const policy = state.policies.get(String(req.params.id))
      if (!policy) throw new ControlError(404, "No such subscription")
      res.json(policy)
    })
  )
  /** Moves a policy to a status (ACTIVATED after the withdrawal period, TERMINATED...) with its webhook. */
  ctl.post(
    "/subscriptions/:id/status",
    route((req, res) => {
      const { consolidatedStatus } = control(StatusSchema, req.body)
      const policy = state.policies.get(String(req.params.id))
      if (!policy) throw new ControlError(404, "No such subscription")
      state.setStatus(policy, consolidatedStatus)
      res.json(policy)
    })
  )
  return ctl
}
