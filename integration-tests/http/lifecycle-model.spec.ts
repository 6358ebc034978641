import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore } from "../../scripts/seed-demo"
import { splitCheckoutCalls, type FirstNews } from "../model/call-count"
import { assertScenario, checkModel, modelSettings } from "../model/property"
import type { ModelContext } from "../model/runner"
import { ISSUE_PATHS } from "../model/scenarios"
import type { Scenario, StepKind } from "../model/steps"

const settings = modelSettings()
jest.setTimeout(settings.timeLimitMs + 120_000)

/**
 * Kinds of steps left out of the random scenarios while a known failure makes them fail (see
 * KNOWN_FAILING below); empty when every path passes.
 */
const EXCLUDED_STEPS: StepKind[] = []

/**
 * Scenarios that violate the invariant with today's plugin: issue paths (by name) and random
 * scenarios found by the model (shrunk by fast-check). They run only with MODEL_KNOWN_FAILING=1;
 * once one passes, take it out of here (an issue path then runs with the others).
 */
const KNOWN_FAILING_PATHS: string[] = []
const KNOWN_FAILING: { name: string; scenario: Scenario }[] = [
  ...ISSUE_PATHS.filter((p) => KNOWN_FAILING_PATHS.includes(p.name)),
]
const PASSING_PATHS = ISSUE_PATHS.filter((p) => !KNOWN_FAILING_PATHS.includes(p.name))
/** The call-count test's orderings that cost more than 2 calls today. */
const KNOWN_FAILING_COUNTS: FirstNews[] = []
const COUNTS = (["the webhook", "the return"] as FirstNews[]).filter(
  (first) => !KNOWN_FAILING_COUNTS.includes(first)
)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbUtils }) => {
    let context: ModelContext

    beforeAll(async () => {
      context = { api, demo: await seedDemoStore(getContainer()), container: getContainer() }
      // Each test starts from the seeded store (the runner restores this snapshot).
      await dbUtils.snapshot()
    })

    /** 2 calls besides token and eligibility: the creation and one read. */
    const expectTwoCalls = async (first: FirstNews) => {
      const checkout = await splitCheckoutCalls(context, first)
      expect(checkout.landing).toBe("/scalexpert/success")
      expect(checkout.paymentStatus).toBe("captured")
      expect(checkout.calls).toEqual([
        "POST subscriptions 201",
        `GET subscriptions/${checkout.fileId} 200`,
      ])
    }

    describe("a completed split 3x checkout with webhooks on", () => {
      for (const first of COUNTS) {
        it(`costs 2 Scalexpert calls besides token and eligibility when ${first} comes first`, () =>
          expectTwoCalls(first))
      }
    })

    describe("the issue's paths keep the invariant", () => {
      it.each(PASSING_PATHS.map((p) => [p.name, p.scenario] as const))("%s", (_name, scenario) =>
        assertScenario(context, scenario)
      )
    })

    it("keeps every file attached to one order holding its amount, or without money (model)", async () => {
      await checkModel(context, EXCLUDED_STEPS)
    })

    describe("known failing scenarios (MODEL_KNOWN_FAILING=1)", () => {
      const run = process.env.MODEL_KNOWN_FAILING === "1" ? it : it.skip
      if (!KNOWN_FAILING.length && !KNOWN_FAILING_COUNTS.length) it.skip("none", () => undefined)
      for (const { name, scenario } of KNOWN_FAILING) {
        run(name, () => assertScenario(context, scenario))
      }
      for (const first of KNOWN_FAILING_COUNTS) {
        run(`a split 3x checkout costs 2 Scalexpert calls when ${first} comes first`, () =>
          expectTwoCalls(first)
        )
      }
    })
  },
})
