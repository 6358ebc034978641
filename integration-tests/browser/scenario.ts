import type { Browser, Page } from "playwright-core"
import type { Stack } from "./stack"

export type ScenarioContext = {
  stack: Stack
  page: Page
  /** Saves `artifacts/screenshots/<name>.png`. */
  screenshot(name: string): Promise<void>
}

export type Scenario = { name: string; run(context: ScenarioContext): Promise<void> }

/**
 * Runs scenarios one after the other, each in a fresh browser context (no cookies, no storage),
 * with a screenshot of the page when one fails. Returns how many failed.
 */
export async function runScenarios(
  scenarios: Scenario[],
  options: {
    browser: Browser
    stack: Stack
    screenshotDir: string
    viewport: { width: number; height: number }
  },
  report: (name: string, error?: Error) => void
): Promise<number> {
  let failures = 0
  for (const scenario of scenarios) {
    const browserContext = await options.browser.newContext({ viewport: options.viewport })
    const page = await browserContext.newPage()
    page.setDefaultTimeout(30_000)
    const screenshot = async (name: string) => {
      await page.screenshot({ path: `${options.screenshotDir}/${name}.png`, fullPage: true })
    }
    try {
      await scenario.run({ stack: options.stack, page, screenshot })
      report(scenario.name)
    } catch (error) {
      failures++
      const slug = scenario.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)
      await screenshot(`failed-${slug}`).catch(() => undefined)
      report(scenario.name, error as Error)
    } finally {
      await browserContext.close()
    }
  }
  return failures
}
