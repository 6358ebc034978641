import fc from "fast-check"
import type { FaultMode, FaultTarget, WebhookChaos } from "./lender"

/** Two shoppers: journey 0 shops in France (split payment and long credit), journey 1 in Germany. */
export type JourneyIndex = 0 | 1
/** Which of the journey's files a step acts on: the newest, or the first (another tab). */
export type FileRef = "latest" | "first"
export type Decision = "accept" | "refuse" | "preaccept" | "abandon" | "expire" | "abort"
export type ReturnMode = "form" | "abandonLink" | "raceWithWebhookAndJob"

export type Step =
  /** Start the financing, or switch solution: Medusa replaces the journey's payment session. */
  | { kind: "checkout"; j: JourneyIndex; solution: number }
  /** Change the cart's quantity: Medusa deletes the payment session. */
  | { kind: "editCart"; j: JourneyIndex }
  /** Pick Medusa's system provider instead, and complete the cart. */
  | { kind: "payOtherwise"; j: JourneyIndex }
  /**
   * The shopper's decision at the lender (or the lender's later one on a pre-accepted file), and
   * how the shopper comes back right after: `none` is a shopper who never returns.
   */
  | {
      kind: "decide"
      j: JourneyIndex
      file: FileRef
      decision: Decision
      back: ReturnMode | "none"
    }
  | { kind: "return"; j: JourneyIndex; file: FileRef; mode: ReturnMode }
  | { kind: "job" }
  /** Deliver an event again: a replay, out of order when it is not the last one. */
  | { kind: "replay"; pick: number }
  | { kind: "backOfficeCancel"; j: JourneyIndex; file: FileRef; partial: boolean }
  | { kind: "hanseaticAnswer"; j: JourneyIndex; file: FileRef; accepted: boolean }
  | { kind: "cancelOrder"; j: JourneyIndex }
  | { kind: "ship"; j: JourneyIndex }
  | { kind: "refund"; j: JourneyIndex }
  | { kind: "capture"; j: JourneyIndex }
  | { kind: "fault"; target: FaultTarget; mode: FaultMode }

export type Scenario = {
  /** Signed webhooks configured at the lender (otherwise only the return and the job). */
  webhooks: boolean
  /** How the sandbox mistreats deliveries (out of order, duplicated, dropped), with this seed. */
  webhookChaos: WebhookChaos
  lenderSeed: number
  /** What the lender finally decides on a file still pre-accepted when the sequence ends. */
  preAcceptedOutcome: "accept" | "refuse" | "keep"
  steps: Step[]
}

export type StepKind = Step["kind"]

export const SOLUTIONS: Record<JourneyIndex, string[]> = {
  0: ["SCFRSP-3XTS", "SCFRSP-4XTS", "SCFRLT-TXNO"],
  1: ["SCDELT-DXTS", "SCDELT-DXCO"],
}

const file = fc.constantFrom<FileRef>("latest", "latest", "first")
const returnMode = fc.constantFrom<ReturnMode>(
  "form",
  "form",
  "abandonLink",
  "raceWithWebhookAndJob"
)

/** The shopper's (or the lender's later) decision, and how the shopper comes back. */
const decideArbitrary = (
  j: fc.Arbitrary<JourneyIndex>,
  ref: fc.Arbitrary<FileRef>,
  decisions: Decision[] = [
    "accept",
    "accept",
    "refuse",
    "preaccept",
    "preaccept",
    "abandon",
    "expire",
    "abort",
  ]
) =>
  fc.record({
    kind: fc.constant("decide" as const),
    j,
    file: ref,
    decision: fc.constantFrom(...decisions),
    back: fc.oneof(returnMode, fc.constant("none" as const)),
  })

/** Each kind of step with its weight, for the journeys `j` draws from. */
const stepArbitraries = (
  j: fc.Arbitrary<JourneyIndex>
): Record<StepKind, [number, fc.Arbitrary<Step>]> => ({
  checkout: [4, fc.record({ kind: fc.constant("checkout"), j, solution: fc.nat(5) })],
  editCart: [1, fc.record({ kind: fc.constant("editCart"), j })],
  payOtherwise: [1, fc.record({ kind: fc.constant("payOtherwise"), j })],
  decide: [6, decideArbitrary(j, file)],
  return: [2, fc.record({ kind: fc.constant("return"), j, file, mode: returnMode })],
  job: [2, fc.constant({ kind: "job" as const })],
  replay: [2, fc.record({ kind: fc.constant("replay"), pick: fc.nat(20) })],
  backOfficeCancel: [
    1,
    fc.record({ kind: fc.constant("backOfficeCancel"), j, file, partial: fc.boolean() }),
  ],
  hanseaticAnswer: [
    1,
    fc.record({ kind: fc.constant("hanseaticAnswer"), j, file, accepted: fc.boolean() }),
  ],
  cancelOrder: [2, fc.record({ kind: fc.constant("cancelOrder"), j })],
  ship: [2, fc.record({ kind: fc.constant("ship"), j })],
  refund: [1, fc.record({ kind: fc.constant("refund"), j })],
  capture: [1, fc.record({ kind: fc.constant("capture"), j })],
  fault: [
    2,
    fc.record({
      kind: fc.constant("fault"),
      target: fc.constantFrom<FaultTarget>("create", "read", "read", "cancel", "confirmDelivery"),
      mode: fc.constantFrom<FaultMode>("500", "503", "429", "slow", "timeout", "afterCreate"),
    }),
  ],
})

/**
 * Random scenarios: one or two shoppers (France, Germany) start their financing and decide, then up to `maxSteps` steps of any kind (a step that makes
 * no sense at that point, e.g. shipping an order that does not exist, is skipped by the runner).
 */
export function scenarioArbitrary({ maxSteps = 10 } = {}): fc.Arbitrary<Scenario> {
  const journeys = fc.constantFrom<JourneyIndex[]>([0], [0], [1], [0, 1])
  return journeys.chain((active) => {
    const j = fc.constantFrom(...active)
    const arbitraries = stepArbitraries(j)
    const kinds = Object.keys(arbitraries) as StepKind[]
    const step = fc.oneof(
      ...kinds.map((kind) => ({ weight: arbitraries[kind][0], arbitrary: arbitraries[kind][1] }))
    )
    // Each shopper starts a financing and decides at the lender (both may be undone later).
    const firsts = fc.tuple(
      ...active.map((index) =>
        fc.tuple(
          fc.record({
            kind: fc.constant("checkout" as const),
            j: fc.constant(index),
            solution: fc.nat(5),
          }),
          decideArbitrary(fc.constant(index), fc.constant("latest" as const), [
            "accept",
            "accept",
            "accept",
            "preaccept",
            "refuse",
            "abandon",
          ])
        )
      )
    )
    return fc.record({
      webhooks: fc.boolean(),
      webhookChaos: fc.constantFrom<WebhookChaos>(
        "none",
        "none",
        "outOfOrder",
        "duplicates",
        "drops"
      ),
      lenderSeed: fc.nat(1000),
      preAcceptedOutcome: fc.constantFrom<Scenario["preAcceptedOutcome"]>(
        "accept",
        "refuse",
        "keep"
      ),
      steps: fc
        .tuple(firsts, fc.array(step, { minLength: 2, maxLength: maxSteps }))
        .map(([heads, tail]) => [...(heads.flat() as Step[]), ...tail]),
    })
  })
}

/** One line per step, for the failure report. */
export function describeStep(step: Step): string {
  const { kind, ...rest } = step
  const args = Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`)
  return `${kind}(${args.join(", ")})`
}
