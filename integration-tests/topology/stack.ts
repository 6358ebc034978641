/**
 * The production topology, on free ports, thrown away afterwards: PostgreSQL (embedded), a
 * `redis-server`, the Scalexpert sandbox, and the README's production `medusa-config.ts` booted as
 * two servers (`MEDUSA_WORKER_MODE=server`) and one worker (`MEDUSA_WORKER_MODE=worker`), each a
 * `medusa start` process of its own.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import getPort from "get-port"
import { startSandbox, type SandboxHandle } from "../../sandbox/server"
import { ensureDatabase } from "../../scripts/lib/postgres"
import type { DemoStore } from "../../scripts/seed-demo"
import { run, stopChild, waitForHealth } from "../browser/stack"
import { createTopologyProject } from "./project"
import { startRedis } from "./redis"

const root = resolve(__dirname, "../..")
export const TOPOLOGY_WEBHOOK_KEY = "topology-webhook-signature-key"

export type TopologyOptions = {
  /** `maxRequestsPerMinute` of the provider (small, so that a burst outgrows it quickly). */
  maxRequestsPerMinute: number
  /** Cron of the reconciliation job on the worker (six fields: seconds first). */
  reconcileSchedule: string
}

export type MedusaInstance = {
  name: string
  url: string
  /** What it printed (to explain a failure, or to find a warning). */
  log(): string
}

export type Topology = {
  servers: [MedusaInstance, MedusaInstance]
  worker: MedusaInstance
  sandbox: SandboxHandle
  demo: DemoStore
  databaseUrl: string
  stop(): Promise<void>
}

type Step = (message: string) => void

function startInstance(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  port: number,
  cleanups: (() => Promise<void> | void)[]
) {
  const lines: string[] = []
  // Its own process group, so that stopping it stops npx and the Medusa process it starts.
  const child: ChildProcess = spawn("npx", ["medusa", "start"], {
    cwd,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean))
    if (lines.length > 600) lines.splice(0, lines.length - 600)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  cleanups.push(() => stopChild(child))
  const instance: MedusaInstance = {
    name,
    url: `http://localhost:${port}`,
    log: () => lines.join("\n"),
  }
  const ready = waitForHealth(`${instance.url}/health`, 300_000, () => child.exitCode !== null)
    .then(() => instance)
    .catch((error: Error) => {
      throw new Error(`${name}: ${error.message}\n${lines.slice(-40).join("\n")}`)
    })
  return ready
}

/** A database of its own on the PostgreSQL of the tests' global set-up (embedded unless DB_HOST names one). */
async function topologyDatabase(): Promise<string> {
  const { DB_HOST, DB_PORT = "5432", DB_USERNAME, DB_PASSWORD } = process.env
  if (!DB_HOST) throw new Error("DB_HOST is not set: run through npm run test:topology")
  const server = `postgres://${DB_USERNAME}:${DB_PASSWORD}@${DB_HOST}:${DB_PORT}`
  const database = `medusa_topology_${Date.now()}`
  await ensureDatabase(`${server}/postgres`, database)
  return `${server}/${database}`
}

/** What the README's production config reads from the environment, for every instance. */
function storeEnv(input: {
  databaseUrl: string
  redisUrl: string
  publicUrl: string
  sandbox: SandboxHandle
  options: TopologyOptions
}): NodeJS.ProcessEnv {
  const { sandbox, publicUrl, options } = input
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: input.databaseUrl,
    REDIS_URL: input.redisUrl,
    MEDUSA_ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    STORE_CORS: "http://localhost:8000",
    ADMIN_CORS: publicUrl,
    AUTH_CORS: publicUrl,
    JWT_SECRET: "topology-jwt-secret",
    COOKIE_SECRET: "topology-cookie-secret",
    MEDUSA_BACKEND_URL: publicUrl,
    SCALEXPERT_ENVIRONMENT: "test",
    SCALEXPERT_BASE_URL: sandbox.apiRoot,
    SCALEXPERT_CLIENT_ID: sandbox.credentials.clientId,
    SCALEXPERT_CLIENT_SECRET: sandbox.credentials.clientSecret,
    SCALEXPERT_WEBHOOK_SIGNATURE_KEY: TOPOLOGY_WEBHOOK_KEY,
    SCALEXPERT_MAX_REQUESTS_PER_MINUTE: String(options.maxRequestsPerMinute),
    SCALEXPERT_RECONCILE_SCHEDULE: options.reconcileSchedule,
  }
}

export async function startTopology(options: TopologyOptions, step: Step): Promise<Topology> {
  const cleanups: (() => Promise<void> | void)[] = []
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        console.error(`cleanup failed: ${(error as Error).message}`)
      }
    }
  }
  const log: string[] = []
  try {
    const redis = await startRedis()
    cleanups.push(() => redis.stop())
    step(`redis-server at ${redis.url}`)

    const databaseUrl = await topologyDatabase()
    step(`PostgreSQL database at ${databaseUrl.replace(/\/\/[^@]*@/, "//")}`)

    const ports = [await getPort(), await getPort(), await getPort()]
    const publicUrl = `http://localhost:${ports[0]}`
    // The lender's webhooks reach server 2 (the load balancer's choice); returns use server 1.
    const sandbox = await startSandbox({
      port: 0,
      webhook: {
        url: `http://localhost:${ports[1]}/hooks/payment/scalexpert_scalexpert`,
        signatureKey: TOPOLOGY_WEBHOOK_KEY,
      },
    })
    cleanups.push(() => sandbox.close())
    step(`sandbox at ${sandbox.url}`)

    const project = createTopologyProject()
    cleanups.push(() => project.remove())
    const env = storeEnv({
      databaseUrl,
      redisUrl: redis.url,
      publicUrl,
      sandbox,
      options,
    })
    step("migrations and the demo seed (the production config, shared mode)")
    await run("npx", ["medusa", "db:migrate"], env, log, project.dir)
    await run("npx", ["medusa", "exec", join(root, "scripts/seed-demo.ts")], env, log, project.dir)
    const demo = JSON.parse(
      readFileSync(join(project.dir, ".data", "demo-store.json"), "utf8")
    ) as DemoStore

    step(`two servers (ports ${ports[0]}, ${ports[1]}) and a worker (port ${ports[2]})`)
    const serverEnv = { ...env, MEDUSA_WORKER_MODE: "server" }
    const [first, second, worker] = await Promise.all([
      startInstance("server 1", project.dir, serverEnv, ports[0], cleanups),
      startInstance("server 2", project.dir, serverEnv, ports[1], cleanups),
      startInstance(
        "worker",
        project.dir,
        { ...env, MEDUSA_WORKER_MODE: "worker" },
        ports[2],
        cleanups
      ),
    ])
    return { servers: [first, second], worker, sandbox, demo, databaseUrl, stop }
  } catch (error) {
    await stop()
    if (error instanceof Error && log.length > 0 && !error.message.includes("\n")) {
      error.message += `\n--- last lines ---\n${log.slice(-30).join("\n")}`
    }
    throw error
  }
}
