/**
 * Safe production defaults. With `environment: "production"` the provider talks to the real
 * lender with real shoppers, so a boot with options that only make sense on a developer's machine
 * is refused, each problem naming its option:
 *
 * - `backendUrl`, `successUrl`, `failureUrl` on `localhost`/`127.0.0.1` (or any loopback address)
 *   or on plain `http:` (the lender sends shoppers there; their defaults are such URLs);
 * - no `webhookSignatureKey` (every webhook would be refused: orders would wait for the job);
 * - a `baseUrl` override (production is Scalexpert's production API root, nothing else).
 *
 * And a shop that runs with `NODE_ENV=production` against Scalexpert's test environment boots,
 * but is warned at boot and in Settings → Scalexpert.
 */

/** The options the guards read (the resolved provider options hold them). */
export type GuardedOptions = {
  environment: "test" | "production"
  baseUrl?: string
  webhookSignatureKey?: string
  backendUrl: string
  successUrl: string
  failureUrl: string
}

/** A warning shown in Settings (translated by its code) and logged at boot. */
export type ProductionWarning = { code: "test_environment_in_production"; message: string }

const PUBLIC_URL_OPTIONS = ["backendUrl", "successUrl", "failureUrl"] as const

/** `localhost`, `*.localhost`, `127.0.0.0/8`, `0.0.0.0` and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "")
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === "0.0.0.0" ||
    host === "::1" ||
    host === "0:0:0:0:0:0:0:1"
  )
}

/** Why a URL the lender or shoppers are sent to cannot be used in production, if it cannot. */
function publicUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "is not a valid URL"
  }
  if (isLoopbackHost(url.hostname)) {
    return `points at ${url.hostname}, which shoppers and Scalexpert cannot reach: set the shop's public https URL`
  }
  if (url.protocol !== "https:") return `must be an https URL in production (it is ${url.protocol})`
  return undefined
}

/** Every reason why these options cannot run in production (empty outside production). */
export function productionProblems(options: GuardedOptions): string[] {
  if (options.environment !== "production") return []
  const problems: string[] = []
  for (const name of PUBLIC_URL_OPTIONS) {
    const problem = publicUrlProblem(options[name])
    if (problem) problems.push(`\`${name}\` ${problem}`)
  }
  if (!options.webhookSignatureKey) {
    problems.push(
      "`webhookSignatureKey` is required in production: without it every Scalexpert webhook is refused"
    )
  }
  if (options.baseUrl) {
    problems.push(
      "`baseUrl` may not be overridden in production: the plugin talks to Scalexpert's production API root"
    )
  }
  return problems
}

/** Throws an Error naming every unsafe option when `environment` is `production`. */
export function assertProductionSafe(options: GuardedOptions): void {
  const problems = productionProblems(options)
  if (problems.length > 0) {
    throw new Error(
      `medusa-payment-scalexpert: unsafe options for environment "production": ${problems.join("; ")}`
    )
  }
}

/** Warnings for a deployment that boots but looks wrong (`nodeEnv` is `process.env.NODE_ENV`). */
export function productionWarnings(
  options: Pick<GuardedOptions, "environment">,
  nodeEnv: string | undefined = process.env.NODE_ENV
): ProductionWarning[] {
  if (nodeEnv === "production" && options.environment === "test") {
    return [
      {
        code: "test_environment_in_production",
        message:
          'medusa-payment-scalexpert: NODE_ENV is "production" but the provider option `environment` is "test": shoppers are sent to Scalexpert\'s test environment and no real financing is made. Set `environment: "production"` when going live.',
      },
    ]
  }
  return []
}
