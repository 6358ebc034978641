/**
 * The production topology, on free ports, thrown away afterwards: PostgreSQL (embedded), a
 * `redis-server`, the Scalexpert sandbox, and the README's production `medusa-config.ts` booted as
 * two servers (`MEDUSA_WORKER_MODE=server`) and one worker (`MEDUSA_WORKER_MODE=worker`), each a
 * `medusa start` process of its own.
 */
import getPort from "get-port"
import { startSandbox, type SandboxHandle } from "../../sandbox/server"
import { ensureDatabase } from "../../scripts/lib/postgres"
import type { DemoStore } from "../../scripts/seed-demo"
import { migrateAndSeedDemo } from "../../scripts/lib/migrate-and-seed"
import {
  cleanupList,
  type Cleanups,
  spawnMedusa,
  stopChild,
  waitForHealth,
  withLastLines,
  type Step,
} from "../../scripts/lib/processes"
import { createTopologyProject } from "./project"
import { startRedis } from "./redis"

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

function startInstance(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  port: number,
  cleanups: Cleanups
) {
  const lines: string[] = []
  const child = spawnMedusa(cwd, { ...env, PORT: String(port) }, lines, 600)
  cleanups.add(() => stopChild(child))
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
  const cleanups = cleanupList()
  const log: string[] = []
  try {
    const redis = await startRedis()
    cleanups.add(() => redis.stop())
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
    cleanups.add(() => sandbox.close())
    step(`sandbox at ${sandbox.url}`)

    const project = createTopologyProject()
    cleanups.add(() => project.remove())
    const env = storeEnv({
      databaseUrl,
      redisUrl: redis.url,
      publicUrl,
      sandbox,
      options,
    })
    step("migrations and the demo seed (the production config, shared mode)")
    const demo = await migrateAndSeedDemo(env, log, project.dir)

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
    return {
      servers: [first, second],
      worker,
      sandbox,
      demo,
      databaseUrl,
      stop: cleanups.runAll,
    }
  } catch (error) {
    await cleanups.runAll()
    throw withLastLines(error, log, "last lines")
  }
}
