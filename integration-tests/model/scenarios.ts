import type { Scenario, Step } from "./steps"

const scenario = (webhooks: boolean, steps: Step[]): Scenario => ({
  webhooks,
  webhookChaos: "none",
  lenderSeed: 1,
  preAcceptedOutcome: "keep",
  steps,
})

/** The French shopper (journey 0): 0 = split 3x, 2 = long credit; the German one (1): long credit. */
const SPLIT_3X = 0
const LONG_FR = 2

/**
 * The paths of issue #10 that the model reaches through HTTP, written as scenarios: the model's
 * invariant must hold after each. (Paths it cannot reach: a cart without shipping method, the
 * 90-day rule, the admin widget's history; those have their own tests.)
 */
export const ISSUE_PATHS: { name: string; scenario: Scenario }[] = [
  {
    name: "#1 the cart changes during the journey, then the first file is accepted",
    scenario: scenario(true, [
      { kind: "checkout", j: 0, solution: SPLIT_3X },
      { kind: "editCart", j: 0 },
      { kind: "decide", j: 0, file: "first", decision: "accept", back: "form" },
    ]),
  },
  {
    name: "#1 another solution is chosen, then the first file is accepted (no webhook)",
    scenario: scenario(false, [
      { kind: "checkout", j: 0, solution: SPLIT_3X },
      { kind: "checkout", j: 0, solution: LONG_FR },
      { kind: "decide", j: 0, file: "first", decision: "accept", back: "none" },
    ]),
  },
  {
    name: "#3 a pre-accepted credit ends ABORTED",
    scenario: scenario(true, [
      { kind: "checkout", j: 0, solution: LONG_FR },
      { kind: "decide", j: 0, file: "latest", decision: "preaccept", back: "form" },
      { kind: "decide", j: 0, file: "latest", decision: "abort", back: "none" },
    ]),
  },
  {
    name: "#4 a pre-accepted credit refused after the order was shipped",
    scenario: scenario(false, [
      { kind: "checkout", j: 0, solution: LONG_FR },
      { kind: "decide", j: 0, file: "latest", decision: "preaccept", back: "form" },
      { kind: "ship", j: 0 },
      { kind: "decide", j: 0, file: "latest", decision: "refuse", back: "none" },
      { kind: "job" },
    ]),
  },
  {
    name: "#5 a German cancellation requested, then refused by Hanseatic Bank",
    scenario: scenario(true, [
      { kind: "checkout", j: 1, solution: 0 },
      { kind: "decide", j: 1, file: "latest", decision: "accept", back: "form" },
      { kind: "cancelOrder", j: 1 },
      { kind: "hanseaticAnswer", j: 1, file: "latest", accepted: false },
    ]),
  },
  {
    name: "#6 the financed amount differs from the cart when the shopper returns",
    scenario: scenario(false, [
      { kind: "checkout", j: 0, solution: SPLIT_3X },
      { kind: "decide", j: 0, file: "latest", decision: "accept", back: "none" },
      { kind: "backOfficeCancel", j: 0, file: "latest", partial: true },
      { kind: "return", j: 0, file: "latest", mode: "form" },
    ]),
  },
  {
    name: "#7 Medusa's capture button on an unshipped long credit",
    scenario: scenario(false, [
      { kind: "checkout", j: 0, solution: LONG_FR },
      { kind: "decide", j: 0, file: "latest", decision: "accept", back: "form" },
      { kind: "capture", j: 0 },
    ]),
  },
  {
    name: "#9 the return, the webhooks and the job at once, with replays",
    scenario: scenario(true, [
      { kind: "checkout", j: 0, solution: SPLIT_3X },
      { kind: "decide", j: 0, file: "latest", decision: "accept", back: "raceWithWebhookAndJob" },
      { kind: "replay", pick: 0 },
      { kind: "replay", pick: 1 },
      { kind: "refund", j: 0 },
    ]),
  },
  {
    name: "a partial cancellation in the lender's back office of an unshipped long credit",
    scenario: scenario(true, [
      { kind: "checkout", j: 1, solution: 0 },
      { kind: "decide", j: 1, file: "latest", decision: "accept", back: "form" },
      { kind: "backOfficeCancel", j: 1, file: "latest", partial: true },
    ]),
  },
  {
    name: "a full cancellation in the lender's back office of a captured split payment",
    scenario: scenario(true, [
      { kind: "checkout", j: 0, solution: SPLIT_3X },
      { kind: "decide", j: 0, file: "latest", decision: "accept", back: "form" },
      { kind: "backOfficeCancel", j: 0, file: "latest", partial: false },
    ]),
  },
  {
    name: "#11 an ambiguous creation (the lender made the file but answered 500)",
    scenario: scenario(true, [
      { kind: "fault", target: "create", mode: "afterCreate" },
      { kind: "checkout", j: 0, solution: SPLIT_3X },
      { kind: "decide", j: 0, file: "latest", decision: "accept", back: "form" },
    ]),
  },
]
