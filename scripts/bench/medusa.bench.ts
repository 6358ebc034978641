/**
 * The bench (run by `npm run bench`, see run.ts): one Medusa on PostgreSQL and one sandbox, our
 * plugin and the official plugins' patterns side by side. Writes its figures to BENCH_OUT.
 */
import { writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore } from "../seed-demo"
import {
  burst,
  STRATEGIES,
  tokenRequestsForColdCalls,
  patternEligibilityCalls,
} from "./client-figures"
import type { BurstFigure, Strategy } from "./client-figures"
import {
  checkoutWallTime,
  ourCheckoutCalls,
  ourEligibilityCalls,
  patternCheckoutCalls,
} from "./medusa-figures"
import { patternReconciliationCallsPerHour, sqlTimeOfOneRun } from "./reconciliation-figures"
import { reconciliationHour } from "./reconciliation-hour"
import { benchSandbox } from "./sandbox"
import type { BenchResult } from "./table"

jest.setTimeout(60 * 60_000)

const quick = process.env.BENCH_QUICK === "1"
const SIZES = quick
  ? { tokens: 200, burst: 100, runs: 3, views: 100, sql: [1_000, 10_000] }
  : { tokens: 200, burst: 2_000, runs: 20, views: 1_000, sql: [10_000, 100_000] }

const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("measures", async () => {
      const sandbox = benchSandbox()
      const demo = await seedDemoStore(getContainer())
      const log = (message: string) => process.stderr.write(`bench: ${message}\n`)

      const tokens = {} as Record<Strategy, number>
      const bursts = {} as Record<Strategy, BurstFigure>
      for (const strategy of STRATEGIES) {
        tokens[strategy] = await tokenRequestsForColdCalls(strategy, sandbox, SIZES.tokens)
        log(`${strategy}: ${tokens[strategy]} token requests for ${SIZES.tokens} cold calls`)
        bursts[strategy] = await burst(strategy, sandbox, SIZES.burst)
        log(`${strategy}: burst ${JSON.stringify(bursts[strategy])}`)
      }

      const checkoutCalls = {
        ours: await ourCheckoutCalls(api, demo, sandbox),
        prestashop: await patternCheckoutCalls("prestashop", sandbox),
        woocommerce: await patternCheckoutCalls("woocommerce", sandbox),
      }
      log(`checkout calls ${JSON.stringify(checkoutCalls)}`)
      const wall = await checkoutWallTime(api, demo, sandbox, SIZES.runs)
      log(`checkout wall time ${JSON.stringify(wall)}`)
      const eligibility = {
        views: SIZES.views,
        ours: await ourEligibilityCalls(api, demo, sandbox, SIZES.views),
        prestashop: await patternEligibilityCalls("prestashop", sandbox, SIZES.views),
        woocommerce: await patternEligibilityCalls("woocommerce", sandbox, SIZES.views),
      }
      log(`eligibility ${JSON.stringify(eligibility)}`)
      const hour = {
        event_log: await reconciliationHour(getContainer(), sandbox, true),
        // About 600 reads paced by the background share of the budget: full runs only.
        without_event_log: quick ? null : await reconciliationHour(getContainer(), sandbox, false),
      }
      log(`reconciliation hour ${JSON.stringify(hour)}`)
      const sql = []
      for (const files of SIZES.sql) {
        sql.push(await sqlTimeOfOneRun(getContainer(), sandbox, files))
        log(`sql ${JSON.stringify(sql[sql.length - 1])}`)
      }

      const result: BenchResult = {
        mode: quick ? "quick" : "full",
        machine: machine(),
        ran_at: new Date().toISOString(),
        limiter: "the client's own request budget (src/scalexpert/rate-limiter.ts)",
        checkout_calls: checkoutCalls,
        token_requests: { calls: SIZES.tokens, ...tokens },
        burst: bursts,
        reconciliation_per_hour: {
          events_per_hour: 10,
          ours_event_log: hour.event_log,
          ours_without_event_log: hour.without_event_log,
          prestashop: patternReconciliationCallsPerHour("prestashop"),
          woocommerce: patternReconciliationCallsPerHour("woocommerce"),
        },
        sql,
        checkout_wall_time: wall,
        eligibility,
      }
      writeFileSync(process.env.BENCH_OUT ?? "bench-result.json", JSON.stringify(result, null, 2))
    })
  },
})
