/**
 * The processes of a throwaway test stack (the browser tests' and the topology test's): commands
 * run to their end, servers in their own process group, health waits, and the clean-ups that
 * throw the stack away.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { resolve } from "node:path"

const root = resolve(__dirname, "../..")

/** Tells what the stack is starting (e.g. on the console). */
export type Step = (message: string) => void

/** Runs a command to its end (in `cwd`, default the repository), keeping its output in `log`. */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string[],
  cwd = root
) {
  return new Promise<void>((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    const keep = (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean))
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    child.on("error", fail)
    child.on("exit", (code, signal) =>
      code === 0
        ? done()
        : fail(
            new Error(
              `${command} ${args.join(" ")} ended with ${signal ?? `code ${code}`}:\n${log.slice(-30).join("\n")}`
            )
          )
    )
  })
}

export async function waitForHealth(url: string, timeoutMs: number, exited: () => boolean) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !exited()) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(exited() ? "Medusa exited while starting" : `Medusa did not answer ${url}`)
}

/** Stops a process started with `detached: true` and everything it started. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const force = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL")
    }, 10_000)
    child.once("exit", () => {
      clearTimeout(force)
      done()
    })
    // The whole process group: npx, the Medusa CLI and what they started.
    if (child.pid) process.kill(-child.pid, "SIGTERM")
  })
}

/**
 * `npx medusa start` in its own process group (so that stopping it stops npx and the Medusa
 * process it starts), its output kept in `lines` (the last `maxLines`).
 */
export function spawnMedusa(
  cwd: string,
  env: NodeJS.ProcessEnv,
  lines: string[],
  maxLines: number
): ChildProcess {
  const child = spawn("npx", ["medusa", "start"], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean))
    if (lines.length > maxLines) lines.splice(0, lines.length - maxLines)
  }
  child.stdout.on("data", keep)
  child.stderr.on("data", keep)
  return child
}

export type Cleanup = () => Promise<void> | void

/** What to undo when the stack stops: last started, first stopped; a failure does not stop the rest. */
export function cleanupList() {
  const cleanups: Cleanup[] = []
  return {
    add(cleanup: Cleanup) {
      cleanups.push(cleanup)
    },
    async runAll() {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup()
        } catch (error) {
          console.error(`cleanup failed: ${(error as Error).message}`)
        }
      }
    },
  }
}

export type Cleanups = ReturnType<typeof cleanupList>

/** Adds the last lines of `log` under `heading` to an error of one line (why a start failed). */
export function withLastLines(error: unknown, log: string[], heading: string): unknown {
  if (error instanceof Error && log.length > 0 && !error.message.includes("\n")) {
    error.message += `\n--- ${heading} ---\n${log.slice(-30).join("\n")}`
  }
  return error
}
