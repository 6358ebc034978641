import fc from "fast-check"
import { runScenario, type ModelContext } from "./runner"
import { scenarioArbitrary, type Scenario } from "./steps"

/**
 * How the model runs: `FC_SEED` replays a seed (with `FC_PATH` to go straight to a shrunk case),
 * `FC_RUNS` runs more scenarios (default 3), `FC_MAX_STEPS` makes them longer (default 10),
 * `FC_SHRINK=1` shrinks a failure to a small scenario (slow: each try replays against Medusa),
 * `FC_VERBOSE=1` prints every scenario's steps and what they answered, `FC_TIME_LIMIT_MS` bounds the whole property (default 90 s; scenarios not started by then are skipped).
 */
export function modelSettings(env = process.env) {
  return {
    seed: env.FC_SEED ? Number(env.FC_SEED) : Math.floor(Math.random() * 2 ** 31),
    path: env.FC_PATH || undefined,
    numRuns: Number(env.FC_RUNS ?? 3),
    maxSteps: Number(env.FC_MAX_STEPS ?? 10),
    shrink: env.FC_SHRINK === "1",
    timeLimitMs: Number(env.FC_TIME_LIMIT_MS ?? 90_000),
  }
}

/** Plays one scenario and throws the invariant's violations with the steps that led there. */
export async function assertScenario(context: ModelContext, scenario: Scenario) {
  const { log, violations } = await runScenario(context, scenario)
  if (process.env.FC_VERBOSE === "1") console.log(log.join("\n"))
  if (violations.length) {
    throw new Error(
      [
        "Invariant violated:",
        ...violations.map((v) => `  - ${v}`),
        "Steps:",
        ...log.map((l) => `  ${l}`),
      ].join("\n")
    )
  }
}

/**
 * The model-based test: random scenarios against the running
 * Medusa and the sandbox; throws fast-check's report (seed, path, counterexample) on a failure.
 */
export async function checkModel(context: ModelContext) {
  const settings = modelSettings()
  // The seed is printed first, so that a run cut short can still be replayed.
  console.log(
    `lifecycle model: FC_SEED=${settings.seed}${settings.path ? ` FC_PATH=${settings.path}` : ""} FC_RUNS=${settings.numRuns}`
  )
  const details = await fc.check(
    fc.asyncProperty(scenarioArbitrary({ maxSteps: settings.maxSteps }), (scenario) =>
      assertScenario(context, scenario)
    ),
    {
      seed: settings.seed,
      path: settings.path,
      numRuns: settings.numRuns,
      endOnFailure: !settings.shrink,
      interruptAfterTimeLimit: settings.timeLimitMs,
      markInterruptAsFailure: false,
    }
  )
  console.log(
    `lifecycle model: ${details.numRuns} scenario(s) played${details.interrupted ? " (time limit reached)" : ""}`
  )
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : ""
    throw new Error(`${fc.defaultReportMessage(details)}\n${cause}`)
  }
}
