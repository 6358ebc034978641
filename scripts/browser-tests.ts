/**
 * `npx tsx scripts/browser-tests.ts`: the demo shop and the admin's Scalexpert extensions in
 * Debian's chromium (driven by playwright-core) against the whole stack, booted once here on free
 * ports and stopped at the end: PostgreSQL, the Scalexpert sandbox, Medusa with its admin and the
 * demo shop. Screenshots go to `artifacts/screenshots/` (git-ignored).
 *
 * Without /usr/bin/chromium (`apt-get install chromium`) it says so and exits 0.
 * `CHROMIUM_PATH` points at another chromium binary; `BROWSER_TESTS_ONLY=storefront`, `=admin` or
 * `=insurance` runs one group (the storefront alone boots Medusa without its admin).
 */
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { resolve } from "node:path"
import { chromium, type Browser } from "playwright-core"
import { startStack } from "../integration-tests/browser/stack"
import { adminScenarios } from "../integration-tests/browser/admin.browser"
import { insuranceScenarios } from "../integration-tests/browser/insurance.browser"
import { runScenarios } from "../integration-tests/browser/scenario"
import { scenarios } from "../integration-tests/browser/storefront.browser"

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
const screenshotDir = resolve(__dirname, "../artifacts/screenshots")

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.log(`Browser tests skipped: chromium not found (${CHROMIUM}); apt-get install chromium`)
    return 0
  }
  const started = Date.now()
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`
  rmSync(screenshotDir, { recursive: true, force: true })
  mkdirSync(screenshotDir, { recursive: true })

  const only = process.env.BROWSER_TESTS_ONLY
  const storefront = only === "admin" || only === "insurance" ? [] : scenarios
  // Insurance ends in the admin's order widget: it runs with the admin scenarios.
  const admin =
    only === "storefront"
      ? []
      : only === "insurance"
        ? insuranceScenarios
        : [...adminScenarios, ...insuranceScenarios]
  const total = storefront.length + admin.length
  console.log("Browser tests: starting the stack")
  const stack = await startStack((message) => console.log(`  [${elapsed()}] ${message}`), {
    admin: admin.length > 0,
  })
  let failures = total
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    })
    console.log(`Browser tests: ${browser.version()}, shop at ${stack.shopUrl}`)
    const report = (name: string, error?: Error) => {
      if (error) {
        console.log(`  ✕ ${name} [${elapsed()}]\n${indent(error.stack ?? error.message)}`)
      } else {
        console.log(`  ✓ ${name} [${elapsed()}]`)
      }
    }
    const run = { browser, stack, screenshotDir }
    failures =
      (await runScenarios(storefront, { ...run, viewport: { width: 1280, height: 900 } }, report)) +
      (await runScenarios(admin, { ...run, viewport: { width: 1440, height: 1000 } }, report))
    if (failures > 0) console.log(`--- Medusa's last lines ---\n${stack.medusaLog()}`)
  } finally {
    await browser?.close()
    await stack.stop()
  }
  console.log(
    `Browser tests: ${total - failures} passed, ${failures} failed (${elapsed()}); screenshots in ${screenshotDir}`
  )
  return failures === 0 ? 0 : 1
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n")

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Browser tests could not run: ${error instanceof Error ? error.stack : error}`)
    process.exit(1)
  }
)
