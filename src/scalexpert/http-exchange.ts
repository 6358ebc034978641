/**
 * One HTTP exchange with Scalexpert, without any policy: headers (Basic for the token request,
 * Bearer otherwise), the send, one debug log line, and network failures turned into
 * `ScalexpertError`s. Budget, token and retries are the transport's (`transport.ts`).
 */
import axios, {
  type AxiosInstance,
  type AxiosResponseHeaders,
  type RawAxiosResponseHeaders,
} from "axios"

import { TOKEN_PATH } from "./client-options"
import { ScalexpertError } from "./errors"
import type { RawAnswer } from "./http-answers"

export type HttpMethod = "GET" | "POST" | "PUT"

export interface RequestSpec {
  method: HttpMethod
  /** Path relative to the API root, without query. */
  path: string
  query?: Record<string, string | number | undefined>
  /** JSON body, or a pre-encoded form body for the token request. */
  body?: unknown
  auth: { type: "bearer"; scopes: readonly string[] } | { type: "basic" }
  /** Safe to send again after an ambiguous failure (GETs, the token request). */
  idempotent: boolean
  /** A JSON body is expected on 2xx (false for the 204 endpoints). */
  expectBody: boolean
}

export interface SendContext {
  bearer?: string
  clientId: string
  clientSecret: string
  timeoutMs: number
  /** Receives the line logged for the exchange (no body, no header). */
  log: (meta: object) => void
}

/** The OAuth2 client-credentials token request (idempotent: it may be sent again). */
export function tokenRequest(scopes: readonly string[]): RequestSpec {
  const body = new URLSearchParams({ grant_type: "client_credentials", scope: scopes.join(" ") })
  return {
    method: "POST",
    path: TOKEN_PATH,
    body: body.toString(),
    auth: { type: "basic" },
    idempotent: true,
    expectBody: true,
  }
}

/** The axios instance of an API root: text bodies, every status answered, no redirect. */
export function createHttp(apiRoot: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL: apiRoot,
    timeout: timeoutMs,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
  })
}

function normaliseHeaders(
  headers: RawAxiosResponseHeaders | AxiosResponseHeaders
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined || v === null) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v)
  }
  return out
}

function firstHeader(headers: Record<string, string>, names: string[]): string | undefined {
  for (const name of names) {
    const v = headers[name]
    if (v) return v
  }
  return undefined
}

function requestHeaders(spec: RequestSpec, ctx: SendContext) {
  const headers: Record<string, string> = { Accept: "application/json" }
  let data: string | undefined
  if (spec.auth.type === "basic") {
    headers.Authorization = `Basic ${Buffer.from(
      `${ctx.clientId}:${ctx.clientSecret}`,
      "utf8"
    ).toString("base64")}`
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    data = spec.body as string
  } else {
    headers.Authorization = `Bearer ${ctx.bearer ?? ""}`
    if (spec.body !== undefined || spec.method !== "GET") {
      headers["Content-Type"] = "application/json"
      data = spec.body === undefined ? undefined : JSON.stringify(spec.body)
    }
  }
  return { headers, data }
}

/** Sends one request and logs it. Network failures and timeouts throw a `ScalexpertError`. */
export async function sendHttp(
  http: AxiosInstance,
  spec: RequestSpec,
  ctx: SendContext
): Promise<RawAnswer> {
  const { headers, data } = requestHeaders(spec, ctx)
  const query = spec.query
    ? Object.fromEntries(Object.entries(spec.query).filter(([, v]) => v !== undefined && v !== ""))
    : undefined
  const started = Date.now()
  try {
    const res = await http.request<string>({
      method: spec.method,
      url: spec.path,
      params: query,
      headers,
      data,
    })
    const normalised = normaliseHeaders(res.headers)
    const text = typeof res.data === "string" ? res.data : res.data == null ? "" : String(res.data)
    const requestId = firstHeader(normalised, ["x-request-id", "x-correlation-id", "request-id"])
    const traceId = firstHeader(normalised, ["x-trace-id", "x-b3-traceid", "traceparent"])
    ctx.log({
      method: spec.method,
      path: spec.path,
      status: res.status,
      durationMs: Date.now() - started,
      requestId,
    })
    return { status: res.status, text, headers: normalised, requestId, traceId }
  } catch (error) {
    const code = axios.isAxiosError(error) ? error.code : undefined
    const timeout = code === "ECONNABORTED" || code === "ETIMEDOUT"
    ctx.log({
      method: spec.method,
      path: spec.path,
      status: undefined,
      durationMs: Date.now() - started,
      error: code ?? "UNKNOWN",
    })
    // The axios error is not attached: its config holds the Authorization header and the body.
    throw new ScalexpertError({
      kind: timeout ? "timeout" : "network",
      message: timeout
        ? `Scalexpert did not answer ${spec.method} ${spec.path} within ${ctx.timeoutMs} ms`
        : `Could not reach Scalexpert for ${spec.method} ${spec.path}: ${code ?? (error as Error)?.message ?? "network error"}`,
      errorCode: code,
      method: spec.method,
      path: spec.path,
    })
  }
}
