/**
 * Raw HTTP helpers for the sandbox's own tests: they check the wire exactly, without the client.
 */
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"

import type { SandboxHandle } from "../server"

export interface RawResponse<T = unknown> {
  status: number
  headers: Headers
  text: string
  json: T
}

export async function http<T = unknown>(
  url: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string
    redirect?: RequestRedirect
  } = {}
): Promise<RawResponse<T>> {
  const res = await fetch(url, { redirect: "manual", ...init })
  const text = await res.text()
  let json: unknown = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json: json as T }
}

export async function token(
  sandbox: SandboxHandle,
  scope = "e-financing:rw common-services:rw"
): Promise<string> {
  const basic = Buffer.from(
    `${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`
  ).toString("base64")
  const res = await http<{ access_token: string }>(
    `${sandbox.apiRoot}/auth-server/api/v1/oauth2/token`,
    {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope }).toString(),
    }
  )
  if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`)
  return res.json.access_token
}

/** Calls an API path (relative to the API root) with a bearer token. */
export async function api<T = unknown>(
  sandbox: SandboxHandle,
  bearer: string | undefined,
  method: string,
  path: string,
  body?: unknown
): Promise<RawResponse<T>> {
  return http<T>(`${sandbox.apiRoot}${path}`, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  })
}

export async function control<T = unknown>(
  sandbox: SandboxHandle,
  method: string,
  path: string,
  body?: unknown
): Promise<RawResponse<T>> {
  return http<T>(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingMessage["headers"]
  body: string
}

/** A merchant-side HTTP server that records requests and answers with the next queued status. */
export async function startReceiver(statuses: number[] = []): Promise<{
  url: string
  received: ReceivedRequest[]
  answers: number[]
  close: () => Promise<void>
  server: Server
}> {
  const received: ReceivedRequest[] = []
  const answers = [...statuses]
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      })
      res.statusCode = answers.length > 0 ? (answers.shift() as number) : 200
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answers,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Waits until the predicate holds (polling), or fails after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error("waitFor: timed out")
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Extracts the auto-submitted return form of a journey page as a browser would read it. */
export function parseReturnForm(
  html: string
): { method: string; action: string; fields: Record<string, string> } | undefined {
  const form = /<form id="return-form" method="(\w+)" action="([^"]*)">([\s\S]*?)<\/form>/.exec(
    html
  )
  if (!form) return undefined
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
  const fields: Record<string, string> = {}
  for (const m of form[3].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[decode(m[1])] = decode(m[2])
  }
  return { method: form[1].toUpperCase(), action: decode(form[2]), fields }
}
