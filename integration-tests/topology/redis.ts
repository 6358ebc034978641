/**
 * A throwaway `redis-server` (the Debian package; `.ci/run` installs it) on a free port, without
 * persistence, stopped with the test. No Redis client library: a PING over TCP says it is ready.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { existsSync } from "node:fs"
import { connect } from "node:net"
import getPort from "get-port"

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server"

export type RedisServer = { url: string; port: number; stop(): Promise<void> }

/** Why the topology test cannot run here, or undefined when it can. */
export function redisUnavailable(): string | undefined {
  if (existsSync(REDIS_SERVER)) return undefined
  return `redis-server not found at ${REDIS_SERVER} (apt-get install redis-server, or set REDIS_SERVER_PATH)`
}

/** Sends PING; resolves true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.on("error", () => done(false))
    socket.on("connect", () => socket.write("PING\r\n"))
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")))
  })
}

export async function startRedis(timeoutMs = 20_000): Promise<RedisServer> {
  const port = await getPort()
  const output: string[] = []
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  const keep = (chunk: Buffer) => output.push(chunk.toString())
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))

  const deadline = Date.now() + timeoutMs
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(
        `redis-server did not start on port ${port}:\n${output.join("").slice(-2000)}`
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
      await exited
    },
  }
}
