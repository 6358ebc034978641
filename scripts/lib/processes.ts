/**
 * The processes of the scripts and of the throwaway test stacks: commands run to their end,
 * Medusa servers in their own process group, health waits, and the clean-ups that stop it all.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { resolve } from "node:path"

const root = resolve(__dirname, "../..")

/** Tells what a stack is starting (e.g. on the console). */
export type Step = (message: string) => void

/** Where a command's output goes: kept in a list of lines, or to this process's own output. */
export type Output = string[] | "inherit"

export type RunOptions = {
  env: NodeJS.ProcessEnv
  output: Output
  /** Default: the repository. */
  cwd?: string
  /** Holds the command while it runs (so that a stop can wait for it). */
  running?: Set<ChildProcess>
}

/** Keeps the lines a piped child prints (the last `maxLines`) in `output`, unless it inherits. */
function keepOutput(child: ChildProcess, output: Output, maxLines = Infinity) {
  if (output === "inherit") return
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean))
    if (output.length > maxLines) output.splice(0, output.length - maxLines)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
}

/** Runs a command to its end; a failure quotes the last kept lines of its output. */
export function run(command: string, args: string[], options: RunOptions): Promise<void> {
  const { env, output, cwd = root, running } = options
  return new Promise<void>((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    })
    running?.add(child)
    keepOutput(child, output)
    child.on("error", fail)
    child.on("exit", (code, signal) => {
      running?.delete(child)
      if (code === 0) return done()
      const lines = output === "inherit" ? "" : `:\n${output.slice(-30).join("\n")}`
      fail(new Error(`${command} ${args.join(" ")} ended with ${signal ?? `code ${code}`}${lines}`))
    })
  })
}

/** Runs a command to its end, synchronously, its output on this process's own; throws if it fails. */
export function sh(command: string, args: string[], cwd: string, env = process.env) {
  console.log(`$ ${command} ${args.join(" ")}   (in ${cwd})`)
  const result = spawnSync(command, args, { cwd, env, stdio: "inherit" })
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`)
}

/** Waits until `url` answers 2xx; throws after `timeoutMs` or as soon as `stopped()` says so. */
export async function waitForHealth(url: string, timeoutMs: number, stopped: () => boolean) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !stopped()) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(stopped() ? "Medusa exited while starting" : `Medusa did not answer ${url}`)
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
 * `npx medusa start` in its own process group (so that `stopChild` stops npx and the Medusa
 * process it starts), its output kept in `output` (the last `maxLines`) or printed.
 */
export function spawnMedusa(
  cwd: string,
  env: NodeJS.ProcessEnv,
  output: Output,
  maxLines = 1000
): ChildProcess {
  const child = spawn("npx", ["medusa", "start"], {
    cwd,
    env,
    stdio: output === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    detached: true,
  })
  keepOutput(child, output, maxLines)
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
