/**
 * Calls to the plugin's admin routes from the dashboard, authenticated as the dashboard is: its
 * session cookie (the default), or its JWT when the admin is built with `ADMIN_AUTH_TYPE=jwt`.
 * The routes never answer a secret: nothing here holds one.
 */

// Set by the admin's build (Vite `define`); absent when this file is read elsewhere.
declare const __BACKEND_URL__: string | undefined
declare const __AUTH_TYPE__: string | undefined
declare const __JWT_TOKEN_STORAGE_KEY__: string | undefined

const backendUrl = (): string => {
  const url = typeof __BACKEND_URL__ === "string" && __BACKEND_URL__ ? __BACKEND_URL__ : "/"
  return url.replace(/\/+$/, "")
}

const authHeaders = (): Record<string, string> => {
  if (typeof __AUTH_TYPE__ !== "string" || __AUTH_TYPE__ !== "jwt") return {}
  const key =
    typeof __JWT_TOKEN_STORAGE_KEY__ === "string" && __JWT_TOKEN_STORAGE_KEY__
      ? __JWT_TOKEN_STORAGE_KEY__
      : "medusa_auth_token"
  const token = window.localStorage.getItem(key)
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** An answer other than 2xx: Medusa's `{type, message}` and the HTTP status. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type?: string
  ) {
    super(message)
  }
}

export async function adminFetch<T>(
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown } = {}
): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${backendUrl()}${path}`, {
      method: init.method ?? "GET",
      credentials: "include",
      headers: {
        accept: "application/json",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...authHeaders(),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    })
  } catch (error) {
    throw new AdminApiError((error as Error).message || "Network error", 0)
  }
  const text = await response.text()
  let json: unknown = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: the status says enough
  }
  if (!response.ok) {
    const body = (json ?? {}) as { message?: string; type?: string }
    throw new AdminApiError(
      body.message || `${response.status} ${response.statusText}`,
      response.status,
      body.type
    )
  }
  return json as T
}

/** A 404: for a widget, nothing of Scalexpert on this order, so it shows nothing. */
export const isNotFound = (error: unknown): boolean =>
  error instanceof AdminApiError && error.status === 404

/** react-query's `retry` for a widget's read: up to twice, never after a 404. */
export const retryUnlessNotFound = (count: number, error: unknown): boolean =>
  !isNotFound(error) && count < 2
