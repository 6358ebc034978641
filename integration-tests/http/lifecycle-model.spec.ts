import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore } from "../../scripts/seed-demo"
import { splitCheckoutCalls, type FirstNews } from "../model/call-count"
import { assertScenario, checkModel, modelSettings } from "../model/property"
import type { ModelContext } from "../model/runner"
import { ISSUE_PATHS } from "../model/scenarios"

const settings = modelSettings()
jest.setTimeout(settings.timeLimitMs + 120_000)

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
      for (const first of ["the webhook", "the return"] as FirstNews[]) {
        it(`costs 2 Scalexpert calls besides token and eligibility when ${first} comes first`, () =>
          expectTwoCalls(first))
      }
    })

    describe("the issue's paths keep the invariant", () => {
      it.each(ISSUE_PATHS.map((p) => [p.name, p.scenario] as const))("%s", (_name, scenario) =>
        assertScenario(context, scenario)
      )
    })

    it("keeps every file attached to one order holding its amount, or without money (model)", async () => {
      await checkModel(context)
    })
  },
})
