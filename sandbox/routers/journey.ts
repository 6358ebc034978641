/** The lender's pages the shopper is sent to (`/journey/{id}`) and the assets of the kits. */
import express, { type Request, type Response, type Router } from "express"

import { kitDocument } from "../kit"
import { ControlError } from "../http/errors"
import { reply, route } from "../http/reply"
import {
  documentPage,
  infoIconSvg,
  journeyPage,
  logoSvg,
  messagePage,
  returnPage,
  tableSvg,
} from "../pages"
import { journeyDecision, offeredDurations, type JourneyDecision } from "../rules/decisions"
import { isInProgress } from "../rules/status"
import type { SandboxSubscription } from "../rules/subscription"
import { isSolutionCode, type SolutionCode } from "../solutions"
import type { RouterContext } from "./context"

const HTML = { "Content-Type": "text/html; charset=utf-8" }
const SVG = { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=3600" }

export function journeyRouter({ state }: RouterContext): Router {
  const router = express.Router()
  assetRoutes(router)

  const file = (req: Request, res: Response): SandboxSubscription | undefined => {
    const sub = state.get(String(req.params.id))
    if (!sub) {
      res
        .status(404)
        .type("html")
        .send(messagePage("Unknown application", "This financing application does not exist."))
    }
    return sub
  }

  router.get(
    "/journey/:id",
    route(async (req, res) => {
      const sub = file(req, res)
      if (sub) await reply(req, res, 200, journeyPage(sub, offeredDurations(sub)), HTML)
    })
  )

  router.post(
    "/journey/:id/decision",
    express.urlencoded({ extended: false }),
    route(async (req, res) => {
      const sub = file(req, res)
      if (!sub) return
      const decision = String(req.body?.decision ?? "")
      if (!["accept", "refuse", "preaccept"].includes(decision)) {
        await reply(
          req,
          res,
          400,
          messagePage("Unknown decision", `Unknown decision "${decision}"`),
          HTML
        )
        return
      }
      const duration = req.body?.duration !== undefined ? Number(req.body.duration) : undefined
      try {
        journeyDecision(state, sub, decision as JourneyDecision, duration)
      } catch (error) {
        if (!(error instanceof ControlError)) throw error
        await reply(req, res, error.status, journeyPage(sub, offeredDurations(sub)), HTML)
        return
      }
      await reply(req, res, 200, returnPage(sub), HTML)
    })
  )

  router.get(
    "/journey/:id/abandon",
    route(async (req, res) => {
      const sub = file(req, res)
      if (!sub) return
      if (isInProgress(sub)) journeyDecision(state, sub, "abandon")
      // The lender's "cancel" link: a plain GET on the confirmation URL, verbatim.
      await reply(req, res, 302, undefined, { Location: sub.confirmationUrl })
    })
  )

  return router
}

/** Logos, plan tables, the info icon and the kits' documents. */
function assetRoutes(router: Router): void {
  const code = (req: Request, res: Response): SolutionCode | undefined => {
    const value = String(req.params.file ?? req.params.code).replace(/\.svg$/, "")
    if (isSolutionCode(value)) return value
    res.status(404).type("text").send("Not found")
    return undefined
  }
  router.get(
    "/assets/logos/:file",
    route(async (req, res) => {
      const c = code(req, res)
      if (c) await reply(req, res, 200, logoSvg(c), SVG)
    })
  )
  router.get(
    "/assets/tables/:file",
    route(async (req, res) => {
      const c = code(req, res)
      if (c) await reply(req, res, 200, tableSvg(c), SVG)
    })
  )
  router.get(
    "/assets/info.svg",
    route(async (req, res) => {
      await reply(req, res, 200, infoIconSvg(), SVG)
    })
  )
  router.get(
    "/assets/documents/:code/:kind",
    route(async (req, res) => {
      const c = code(req, res)
      const kind = String(req.params.kind)
      if (!c) return
      if (kind !== "notice" && kind !== "terms") {
        res.status(404).type("text").send("Not found")
        return
      }
      const doc = kitDocument(c, kind)
      await reply(req, res, 200, documentPage(doc.title, doc.text), HTML)
    })
  )
}
