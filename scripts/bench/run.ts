/**
 * `npm run bench [-- --quick] [-- --json]`: starts the integration stack (PostgreSQL, the sandbox,
 * Medusa with the plugin) through Jest, measures issue #13's figures for our plugin and the
 * official plugins' patterns, and prints them as a Markdown table (JSON with `--json`).
 * `npm run bench -- faults` prints the fault matrix. Figures are printed, never asserted.
 */
import { spawn } from "node:child_process"
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { markdownTable, type BenchResult } from "./table"
import { faultTable, type FaultRow } from "./faults-table"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const json = args.includes("--json")
const faults = args.includes("faults")

const dir = mkdtempSync(join(tmpdir(), "scalexpert-bench-"))
const out = join(dir, "result.json")
const logPath = join(dir, "jest.log")
const log = createWriteStream(logPath)

const child = spawn(
  "npx",
  [
    "jest",
    "--runInBand",
    "--forceExit",
    faults ? "scripts/bench/faults.bench.ts" : "scripts/bench/medusa.bench.ts",
  ],
  {
    env: {
      ...process.env,
      TEST_TYPE: "bench",
      NODE_OPTIONS: "--experimental-vm-modules",
      BENCH_QUICK: quick ? "1" : "0",
      BENCH_OUT: out,
    },
    stdio: ["ignore", "pipe", "pipe"],
  }
)
const relay = (chunk: Buffer) => {
  log.write(chunk)
  for (const line of chunk.toString().split("\n")) {
    if (line.startsWith("bench: ")) process.stderr.write(`${line}\n`)
  }
}
child.stdout.on("data", relay)
child.stderr.on("data", relay)
child.on("close", (code) => {
  log.end()
  let text: string
  try {
    text = readFileSync(out, "utf8")
  } catch {
    process.stderr.write(`The bench did not finish (jest exit ${code}); its log: ${logPath}\n`)
    process.exit(1)
  }
  if (json) {
    process.stdout.write(`${text}\n`)
  } else if (faults) {
    process.stdout.write(`${faultTable(JSON.parse(text) as { rows: FaultRow[] })}\n`)
  } else {
    process.stdout.write(`${markdownTable(JSON.parse(text) as BenchResult)}\n`)
  }
  process.exit(code ?? 1)
})
