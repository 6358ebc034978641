import type { AxiosInstance } from "axios"
import type { MedusaContainer } from "@medusajs/framework/types"
import reconcileJob from "../../src/jobs/reconcile-scalexpert-files"
import type { DemoStore } from "../../scripts/seed-demo"
import { TEST_WEBHOOK_KEY } from "../helpers/constants"
import { backOffice, type BackOffice } from "./back-office"
import { invariantViolations, type World } from "./invariant"
import { ledgerCopyViolations, rowsOf } from "./ledger-copy"
import { lenderControl } from "./lender"
import { shopper, type Answer, type Shopper } from "./shop"
import { describeStep, SOLUTIONS, type ReturnMode, type Scenario, type Step } from "./steps"

export type ModelContext = { api: AxiosInstance; demo: DemoStore; container: MedusaContainer }

const lender = lenderControl()
const WEBHOOK_PATH = "/hooks/payment/scalexpert_scalexpert"

const said = (answer: Answer | "completed") =>
  answer === "completed" ? "cart already completed" : `HTTP ${answer.status}`

/** The reconciliation job, as Medusa's scheduler runs it (a failure is part of the story). */
async function runJob(container: MedusaContainer): Promise<string> {
  try {
    await reconcileJob(container)
    return "job ran"
  } catch (error) {
    return `job failed: ${(error as Error).message}`
  }
}

type Actors = { shop: Shopper; office: BackOffice; context: ModelContext }

/** One step: the shopper's and the lender's here, the merchant's in `merchantStep`. */
async function runStep(step: Step, actors: Actors): Promise<string> {
  const { shop, context } = actors
  const file = "file" in step ? shop.file(step.j, step.file) : undefined
  const journey = "j" in step ? shop.journey(step.j) : undefined
  switch (step.kind) {
    case "checkout": {
      const solutions = SOLUTIONS[step.j]
      return said(await shop.startFinancing(step.j, solutions[step.solution % solutions.length]))
    }
    case "editCart":
      return journey ? said(await shop.editCart(journey)) : "skipped: no cart"
    case "payOtherwise":
      return journey ? said(await shop.payOtherwise(journey)) : "skipped: no cart"
    case "decide": {
      if (!file) return "skipped: no file"
      const decided = await lender.decide(file.fileId, step.decision)
      if (step.back === "none") return String(decided)
      return `${String(decided)}; back: ${await comeBack(file, step.back, actors)}`
    }
    case "return":
      return file ? comeBack(file, step.mode, actors) : "skipped: no file"
    case "job":
      return runJob(context.container)
    case "replay": {
      const events = await lender.events()
      if (!events.length) return "skipped: no event"
      const event = events[step.pick % events.length]
      return `${event.eventCode}: ${String(await lender.resend(event.id))}`
    }
    case "backOfficeCancel":
      return file
        ? String(await lender.backOfficeCancel(file.fileId, step.partial ? 100 : undefined))
        : "skipped: no file"
    case "hanseaticAnswer":
      return file
        ? String(await lender.cancellationOutcome(file.fileId, step.accepted))
        : "skipped: no file"
    case "fault":
      return String(await lender.fault(step.target, step.mode))
    default:
      return merchantStep(step, actors)
  }
}

/** The lender's return; raced with the pending webhooks and a job run in the third mode. */
async function comeBack(
  file: { sessionId: string; fileId: string },
  mode: ReturnMode,
  { shop, context }: Actors
): Promise<string> {
  const back = shop.returnFromLender(file, mode !== "abandonLink")
  if (mode !== "raceWithWebhookAndJob") return landing(await back)
  const [answer, , job] = await Promise.all([
    back,
    lender.flushWebhooks(),
    runJob(context.container),
  ])
  return `${landing(answer)}; ${job}`
}

/** Where the return sent the shopper. */
function landing(answer: Answer): string {
  const location = String(answer.headers.location ?? "")
  const to = location ? new URL(location) : undefined
  return `HTTP ${answer.status} → ${to ? `${to.pathname}${to.search}` : "(no redirect)"}`
}

/** The merchant's steps, in Medusa's admin, on the journey's order. */
async function merchantStep(step: Step, { shop, office }: Actors): Promise<string> {
  if (!("j" in step)) return "skipped"
  const journey = shop.journey(step.j)
  const order = journey ? await office.orderOfCollection(journey.collectionId) : undefined
  if (!order) return "skipped: no order"
  const payment = office.scalexpertPayment(order)
  switch (step.kind) {
    case "cancelOrder":
      return said(await office.cancel(order))
    case "ship":
      return said(await office.ship(order))
    case "refund":
      return payment ? said(await office.refund(payment, 50)) : "skipped: no payment"
    case "capture":
      return payment ? said(await office.capture(payment)) : "skipped: no payment"
    default:
      return "skipped"
  }
}

/** Reads both sides and checks the invariant (and that the plugin's row agrees with Medusa). */
async function observe(
  office: BackOffice,
  container: MedusaContainer
): Promise<{ world: World; violations: string[] }> {
  const [files, orders, attention] = await Promise.all([
    lender.files(),
    office.orders(),
    office.attention(),
  ])
  const views = Object.fromEntries(
    await Promise.all(orders.map(async (o) => [o.id, await office.pluginView(o.id)] as const))
  )
  const world = { files, orders, attention, views }
  const copies = ledgerCopyViolations(orders, await rowsOf(container, orders))
  return { world, violations: [...invariantViolations(world), ...copies] }
}

/**
 * The dust settles: faults end, the lender answers what it still owes (pending cancellations
 * accepted, pre-accepted files decided as the scenario says, unanswered files expire), pending
 * webhooks are delivered and the job runs once. Medusa's subscribers run after their HTTP
 * answers: the invariant is read until it holds, for at most `patienceMs`.
 */
async function settle(scenario: Scenario, actors: Actors, patienceMs: number) {
  await lender.clearFaults()
  for (const file of await lender.files()) {
    const id = file.creditSubscriptionId
    if (file.pendingCancellation) await lender.cancellationOutcome(id, true)
    if (file.consolidatedStatus === "PRE_ACCEPTED" && scenario.preAcceptedOutcome !== "keep")
      await lender.decide(id, scenario.preAcceptedOutcome)
    if (["INITIALIZED", "REQUESTED"].includes(file.consolidatedStatus))
      await lender.decide(id, "expire")
  }
  if (scenario.webhooks) await lender.flushWebhooks()
  const job = await runJob(actors.context.container)
  if (scenario.webhooks) await lender.webhooksProcessed()
  const deadline = Date.now() + patienceMs
  let seen = await observe(actors.office, actors.context.container)
  while (seen.violations.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    seen = await observe(actors.office, actors.context.container)
  }
  return { job, ...seen }
}

export type ScenarioResult = { log: string[]; violations: string[]; world: World }

/** Plays one scenario against a fresh sandbox and the running Medusa, then checks the invariant. */
export async function runScenario(
  context: ModelContext,
  scenario: Scenario,
  { patienceMs = 10_000 } = {}
): Promise<ScenarioResult> {
  await lender.reset()
  // Only this scenario's orders: the previous one's last order may be less than a second old.
  const since = new Date()
  const webhookUrl = `${context.api.defaults.baseURL}${WEBHOOK_PATH}`
  await lender.webhooks(scenario.webhooks ? webhookUrl : null, TEST_WEBHOOK_KEY, {
    chaos: scenario.webhookChaos,
    seed: scenario.lenderSeed,
  })
  const actors: Actors = {
    shop: shopper(context.api, context.demo),
    office: await backOffice(context.api, context.demo, since),
    context,
  }
  const log = [
    `webhooks ${scenario.webhooks ? `on (${scenario.webhookChaos}, seed ${scenario.lenderSeed})` : "off"}`,
  ]
  for (const step of scenario.steps) {
    const outcome = await runStep(step, actors)
    log.push(`${describeStep(step)} → ${outcome}`)
  }
  const settled = await settle(scenario, actors, patienceMs)
  log.push(`settle → ${settled.job}`)
  return { log, violations: settled.violations, world: settled.world }
}
