/** The token server: `POST {root}/auth-server/api/v1/oauth2/token` (client credentials only). */
import express, { type Request, type Router } from "express"

import { validateRequest } from "../http/contract"
import { HttpAnswer } from "../http/errors"
import { reply, route, serves } from "../http/reply"
import { ALL_SCOPES } from "../state"
import type { RouterContext } from "./context"

function basicCredentials(req: Request): { clientId: string; clientSecret: string } {
  const match = /^Basic\s+(.+)$/i.exec(req.get("authorization") ?? "")
  const decoded = match ? Buffer.from(match[1], "base64").toString("utf8") : ""
  const colon = decoded.indexOf(":")
  if (colon <= 0) return { clientId: "", clientSecret: "" }
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) }
}

function oauthError(status: number, error: string, description: string): HttpAnswer {
  return new HttpAnswer(status, { error, error_description: description })
}

export function tokenRouter({ state }: RouterContext): Router {
  const router = express.Router()
  router.post(
    "/",
    express.urlencoded({ extended: false }),
    route(async (req, res) => {
      serves(res, "baas-as", "POST /oauth2/token")
      const { clientId, clientSecret } = basicCredentials(req)
      const creds = state.config.credentials
      if (clientId !== creds.clientId || clientSecret !== creds.clientSecret) {
        throw new HttpAnswer(
          401,
          { error: "invalid_client", error_description: "Client authentication failed" },
          { "WWW-Authenticate": 'Basic realm="baas-as"' }
        )
      }
      res.locals.clientId = clientId
      // 600 requests per minute "for all APIs together": token calls count too.
      const wait = state.rateLimited(clientId)
      if (wait !== undefined) {
        throw new HttpAnswer(429, { error: "too_many_requests" }, { "Retry-After": String(wait) })
      }
      const form = (req.body ?? {}) as Record<string, unknown>
      try {
        validateRequest("baas-as", "POST /oauth2/token", { form })
      } catch {
        // An OAuth2 server answers RFC 6749 errors, not the API gateway's 422.
        throw oauthError(400, "invalid_request", "grant_type is required")
      }
      if (form.grant_type !== "client_credentials") {
        throw oauthError(
          400,
          "unsupported_grant_type",
          "Only grant_type=client_credentials is supported"
        )
      }
      const requested = String(form.scope ?? "")
        .split(/\s+/)
        .filter(Boolean)
      const unknown = requested.filter((s) => !(ALL_SCOPES as readonly string[]).includes(s))
      if (unknown.length > 0)
        throw oauthError(400, "invalid_scope", `Unknown scope ${unknown.join(" ")}`)
      const scopes = requested.length > 0 ? requested : [...ALL_SCOPES]
      const token = state.issueToken(clientId, scopes)
      const body = {
        access_token: token.accessToken,
        token_type: "Bearer",
        expires_in: state.config.tokenTtlSeconds,
        scope: scopes.join(" "),
      }
      await reply(req, res, 200, body, { "Cache-Control": "no-store" })
    })
  )
  return router
}
