/** Control API on files (`/__sandbox/subscriptions/...`): the lender's and the shopper's hands. */
import express, { type Request, type Router } from "express"
import { z } from "zod"

import { ControlError } from "../http/errors"
import { amountToCents } from "../money"
import { backOfficeCancel, cancellationOutcome } from "../rules/cancellation"
import { controlDecision, forceStatus, scheduleDecision } from "../rules/decisions"
import type { SandboxSubscription } from "../rules/subscription"
import { internalView } from "../rules/views"
import type { RouterContext } from "./context"

/** Parses a control payload with zod; a refusal is a 400 `{error}`. */
export function input<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return result.data
  const text = result.error.issues
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ")
  throw new ControlError(400, text)
}

const Decision = z.object({
  decision: z.enum(["accept", "refuse", "preaccept", "abandon", "expire", "fund"]),
  duration: z.number().int().optional(),
})
const Status = z.object({
  consolidatedStatus: z.string().min(1),
  consolidatedSubstatus: z.string().optional(),
  force: z.boolean().optional(),
})
const LenderDecision = z.object({
  decision: z.enum(["accept", "refuse", "expire"]),
  afterMs: z.number().int().min(0),
})
const Age = z.object({ days: z.number().min(0) })

export function controlFilesRouter({ state }: RouterContext): Router {
  const router = express.Router()
  const view = (sub: SandboxSubscription) => internalView(sub, state.journeyUrl(sub.id))
  const file = (req: Request): SandboxSubscription => {
    const sub = state.get(String(req.params.id))
    if (!sub) throw new ControlError(404, `No subscription ${String(req.params.id)}`)
    return sub
  }

  router.get("/", (_req, res) => {
    res.json({ subscriptions: [...state.subscriptions.values()].map(view) })
  })
  router.get("/:id", (req, res) => {
    res.json(view(file(req)))
  })
  router.post("/:id/status", (req, res) => {
    const sub = file(req)
    const body = input(Status, req.body)
    forceStatus(
      state,
      sub,
      body.consolidatedStatus,
      body.consolidatedSubstatus,
      body.force ?? false
    )
    res.json(view(sub))
  })
  router.post("/:id/decision", (req, res) => {
    const sub = file(req)
    const body = input(Decision, req.body)
    controlDecision(state, sub, body.decision, body.duration)
    res.json(view(sub))
  })
  // The lender decides a PRE_ACCEPTED file later, e.g. refuses it after N minutes.
  router.post("/:id/lender-decision", (req, res) => {
    const sub = file(req)
    const body = input(LenderDecision, req.body)
    scheduleDecision(state, sub, body.decision, body.afterMs)
    res.json(view(sub))
  })
  router.post("/:id/cancellation-outcome", (req, res) => {
    const sub = file(req)
    cancellationOutcome(state, sub, input(z.object({ accepted: z.boolean() }), req.body).accepted)
    res.json(view(sub))
  })
  router.post("/:id/back-office-cancel", (req, res) => {
    const sub = file(req)
    const body = input(z.object({ cancelledAmount: z.number().positive().optional() }), req.body)
    const cents =
      body.cancelledAmount === undefined ? undefined : amountToCents(body.cancelledAmount)
    backOfficeCancel(state, sub, cents)
    res.json(view(sub))
  })
  // The lender's file now finances another amount than the one asked (an amount mismatch).
  router.post("/:id/financed-amount", (req, res) => {
    const sub = file(req)
    const body = input(z.object({ financedAmount: z.number().positive() }), req.body)
    sub.financedAmountCents = amountToCents(body.financedAmount)
    res.json(view(sub))
  })
  // Moves the file's dates into the past (e.g. past the 90-day split-payment cancellation window).
  router.post("/:id/age", (req, res) => {
    const sub = file(req)
    const shift = input(Age, req.body).days * 24 * 60 * 60 * 1000
    const back = (iso: string) => new Date(Date.parse(iso) - shift).toISOString()
    sub.registrationTimestamp = back(sub.registrationTimestamp)
    if (sub.acceptedAt) sub.acceptedAt = back(sub.acceptedAt)
    res.json(view(sub))
  })
  return router
}
