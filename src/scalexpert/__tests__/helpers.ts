/**
 * Test helpers: start the sandbox in-process on a free port and build clients against it.
 */
import { startSandbox, type SandboxHandle, type SandboxOptions } from "../../../sandbox/server"
import { ScalexpertClient, type ScalexpertClientOptions } from "../client"
import { resetRateLimiters } from "../rate-limiter"
import { clearTokenCache } from "../token-cache"

export { sampleSubscriptionRequest } from "../../../sandbox/fixtures"

export async function startTestSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ port: 0, ...options })
}

/**
 * One sandbox for the test file, reset before each test together with the process-wide token
 * cache and rate limiters, so that every test starts cold.
 */
export function sandboxPerTestFile(): { readonly sandbox: SandboxHandle } {
  // Calls through a real HTTP stack on a machine shared with other work: more than Jest's 5 s.
  jest.setTimeout(30_000)
  const shared = {} as { sandbox: SandboxHandle }
  beforeAll(async () => {
    shared.sandbox = await startTestSandbox()
  })
  afterAll(async () => {
    await shared.sandbox.close()
  })
  beforeEach(() => {
    shared.sandbox.reset()
    clearTokenCache()
    resetRateLimiters()
  })
  return shared
}

export function makeClient(
  sandbox: SandboxHandle,
  overrides: Partial<ScalexpertClientOptions> = {}
): ScalexpertClient {
  return new ScalexpertClient({
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    environment: "test",
    baseUrl: sandbox.apiRoot,
    timeoutMs: 5_000,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  })
}

/** Calls the sandbox's control API. */
export async function control<T = unknown>(
  sandbox: SandboxHandle,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T }
}

/** Captures everything a client logs. */
export function recordingLogger() {
  const lines: Array<{ level: "debug" | "warn"; message: string; meta?: object }> = []
  return {
    lines,
    logger: {
      debug: (message: string, meta?: object) => lines.push({ level: "debug", message, meta }),
      warn: (message: string, meta?: object) => lines.push({ level: "warn", message, meta }),
    },
  }
}

/** Rejects with the error thrown by `fn` (fails the test when it resolves). */
export async function caught<E = unknown>(fn: () => Promise<unknown>): Promise<E> {
  try {
    await fn()
  } catch (error) {
    return error as E
  }
  throw new Error("Expected the call to fail, it succeeded")
}
