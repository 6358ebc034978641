/** `npm run bench -- faults`: the fault matrix (see faults.ts). Writes its rows to BENCH_OUT. */
import { writeFileSync } from "node:fs"
import { cpus } from "node:os"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore } from "../seed-demo"
import { runScenario, SCENARIOS } from "./faults"
import type { FaultRow } from "./faults-table"
import { benchSandbox } from "./sandbox"

jest.setTimeout(60 * 60_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("runs the fault matrix", async () => {
      const ctx = {
        api,
        demo: await seedDemoStore(getContainer()),
        container: getContainer(),
        sandbox: benchSandbox(),
      }
      const rows: FaultRow[] = []
      for (const scenario of SCENARIOS) {
        const row = await runScenario(ctx, scenario).catch((error): FaultRow => ({
          fault: `${scenario.fault} (bench error: ${(error as Error).message})`,
          orders_lost: NaN,
          duplicate_orders: NaN,
          duplicate_files: NaN,
          calls: NaN,
        }))
        process.stderr.write(`bench: ${JSON.stringify(row)}\n`)
        rows.push(row)
      }
      const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, Node ${process.version}`
      writeFileSync(process.env.BENCH_OUT ?? "bench-faults.json", JSON.stringify({ rows, machine }))
    })
  },
})
