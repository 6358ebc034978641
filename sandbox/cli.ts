/**
 * `npm run sandbox`: starts the local Scalexpert sandbox.
 *
 * Environment:
 * - SCALEXPERT_SANDBOX_PORT (default 4010), SCALEXPERT_SANDBOX_HOST (default 127.0.0.1)
 * - SCALEXPERT_SANDBOX_PUBLIC_URL: URL browsers use to reach it (default http://HOST:PORT)
 * - SCALEXPERT_SANDBOX_CLIENT_ID / SCALEXPERT_SANDBOX_CLIENT_SECRET (default sandbox-client / sandbox-secret)
 * - SCALEXPERT_SANDBOX_WEBHOOK_URL / SCALEXPERT_SANDBOX_WEBHOOK_KEY: where to deliver events, signing key
 * - SCALEXPERT_SANDBOX_WEBHOOK_REPLAY_MS: replay interval of unacknowledged webhooks (default 600000)
 * - SCALEXPERT_SANDBOX_SOLUTIONS: comma-separated contracted solution codes (default all nine)
 * - SCALEXPERT_SANDBOX_TOKEN_TTL: access-token lifetime in seconds (default 900)
 * - SCALEXPERT_SANDBOX_SEED: seed of the misbehaviour the control API injects (default 1)
 */
import { isSolutionCode, SOLUTION_CODES, type SolutionCode } from "./solutions"
import { startSandbox } from "./server"

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  }
  return n
}

async function main(): Promise<void> {
  const env = process.env
  const solutions = env.SCALEXPERT_SANDBOX_SOLUTIONS
    ? env.SCALEXPERT_SANDBOX_SOLUTIONS.split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [...SOLUTION_CODES]
  const unknown = solutions.filter((s) => !isSolutionCode(s))
  if (unknown.length > 0) {
    throw new Error(`Unknown solution codes in SCALEXPERT_SANDBOX_SOLUTIONS: ${unknown.join(", ")}`)
  }
  const webhookUrl = env.SCALEXPERT_SANDBOX_WEBHOOK_URL
  const sandbox = await startSandbox({
    port: intFromEnv("SCALEXPERT_SANDBOX_PORT", 4010),
    host: env.SCALEXPERT_SANDBOX_HOST || "127.0.0.1",
    publicUrl: env.SCALEXPERT_SANDBOX_PUBLIC_URL || undefined,
    credentials: {
      clientId: env.SCALEXPERT_SANDBOX_CLIENT_ID || "sandbox-client",
      clientSecret: env.SCALEXPERT_SANDBOX_CLIENT_SECRET || "sandbox-secret",
    },
    contractedSolutions: solutions as SolutionCode[],
    webhook: webhookUrl
      ? { url: webhookUrl, signatureKey: env.SCALEXPERT_SANDBOX_WEBHOOK_KEY || undefined }
      : null,
    webhookReplayIntervalMs: intFromEnv("SCALEXPERT_SANDBOX_WEBHOOK_REPLAY_MS", 10 * 60_000),
    tokenTtlSeconds: intFromEnv("SCALEXPERT_SANDBOX_TOKEN_TTL", 900),
    seed: intFromEnv("SCALEXPERT_SANDBOX_SEED", 1),
  })

  const lines = [
    "Scalexpert sandbox running (not the real Scalexpert: nothing here is a real credit)",
    `  URL            ${sandbox.url}`,
    `  API root       ${sandbox.apiRoot}   (client option baseUrl)`,
    `  Client id      ${sandbox.credentials.clientId}`,
    `  Client secret  ${sandbox.credentials.clientSecret}`,
    `  Solutions      ${solutions.join(", ")}`,
    `  Webhook        ${webhookUrl ? `${webhookUrl}${env.SCALEXPERT_SANDBOX_WEBHOOK_KEY ? " (signed)" : " (unsigned)"}` : "none (events only in GET /events)"}`,
    `  Control API    ${sandbox.url}/__sandbox`,
    "Press Ctrl+C to stop.",
  ]
  console.log(lines.join("\n"))

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal} received, stopping the Scalexpert sandbox...`)
    sandbox
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error)
        process.exit(1)
      })
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

main().catch((error: unknown) => {
  console.error(
    `Could not start the Scalexpert sandbox: ${(error as Error)?.message ?? String(error)}`
  )
  process.exit(1)
})
