/**
 * The production topology of README.md's "Production" section, for real: PostgreSQL, redis-server,
 * the sandbox, two `medusa start` servers and one worker on Medusa's Redis modules. Skipped, with
 * its reason, where redis-server is not installed (`.ci/run` installs it).
 */
import axios, { type AxiosInstance } from "axios"
import { Client } from "pg"
import { cartReadyForPayment, startFinancing, storeHeaders } from "../helpers/checkout"
import { redisUnavailable } from "./redis"
import { startTopology, type Topology } from "./stack"
import { waitUntil, windowPeak } from "./wait"

const BUDGET = 150
const BURST = 200
/** The reconciliation job on the worker: every minute, at second 0. */
const RECONCILE_SCHEDULE = "* * * * *"

const skipReason = redisUnavailable()
if (skipReason) console.warn(`Topology test skipped: ${skipReason}`)
const suite = skipReason ? describe.skip : describe

jest.setTimeout(600_000)

suite("production topology: two servers and a worker on Redis", () => {
  let topology: Topology
  let apis: [AxiosInstance, AxiosInstance]
  let db: Client
  const started = Date.now()
  const step = (message: string) =>
    console.log(`[topology ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`)

  beforeAll(async () => {
    topology = await startTopology(
      { maxRequestsPerMinute: BUDGET, reconcileSchedule: RECONCILE_SCHEDULE },
      step
    )
    apis = [
      axios.create({ baseURL: topology.servers[0].url }),
      axios.create({ baseURL: topology.servers[1].url }),
    ]
    db = new Client({ connectionString: topology.databaseUrl })
    await db.connect()
    // The checkout helpers drive the sandbox's lender through its control API.
    process.env.SCALEXPERT_SANDBOX_URL = topology.sandbox.url
  })

  afterAll(async () => {
    await db?.end()
    await topology?.stop()
  })

  const requests = (kind?: "token" | "api") =>
    topology.sandbox
      .requests(kind ? { kind } : {})
      .filter((r) => r.kind === "token" || r.kind === "api")
  const eligibilityCalls = (amount: number) =>
    topology.sandbox
      .requests({ kind: "api" })
      .filter(
        (r) => r.path.endsWith("/eligible-solutions") && Number(r.query.financedAmount) === amount
      )
  const productPage = (api: AxiosInstance, amount: number) =>
    api.get(`/store/scalexpert/eligibility?amount=${amount}&country=FR`, {
      ...storeHeaders(topology.demo),
      validateStatus: () => true,
    })

  it("boots the README's production config as servers and a worker, warning about the test environment", () => {
    for (const instance of [...topology.servers, topology.worker]) {
      // Medusa logs JSON in production: the warning's quotes are escaped there.
      expect(instance.log()).toContain("medusa-payment-scalexpert: NODE_ENV is")
    }
  })

  it(`${BURST} concurrent calls over both servers: one token for the deployment, never more than the budget in any 60 s window`, async () => {
    const tokensBefore = requests("token").length
    step(`burst of ${BURST} product pages (${tokensBefore} token request(s) before it)`)
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => productPage(apis[i % 2], 100 + i))
    )
    step(`burst answered: ${answers.filter((a) => a.status === 200).length} × 200`)
    // One token per credential and scope for the whole deployment: the burst's e-financing token,
    // and the worker's merchant-webhooks token when its job read the event log meanwhile.
    const issued = [...topology.sandbox.state.tokens.values()].map((t) =>
      [...t.scopes].sort().join(" ")
    )
    expect(issued.filter((scopes) => scopes.includes("e-financing"))).toHaveLength(1)
    expect(new Set(issued).size).toBe(issued.length)
    expect(requests("token")).toHaveLength(issued.length)
    const sent = requests()
    expect(sent.filter((r) => r.status === 429)).toEqual([])
    // The burst asked for more than the budget (BURST > BUDGET): whatever went out, in any 60 s
    // window of the lender's log, stayed within it.
    expect(
      windowPeak(
        sent.map((r) => Date.parse(r.at)),
        60_000
      )
    ).toBeLessThanOrEqual(BUDGET)
  })

  it("a product page asked on both servers costs one eligibility call", async () => {
    const amount = 1290
    expect((await productPage(apis[0], amount)).status).toBe(200)
    expect((await productPage(apis[1], amount)).status).toBe(200)
    expect(eligibilityCalls(amount)).toHaveLength(1)
  })

  it("the return on server 1, the webhook on server 2 and the job on the worker make one order", async () => {
    const { demo, sandbox } = topology
    const { paymentCollectionId } = await cartReadyForPayment(apis[0], demo)
    const session = await startFinancing(apis[0], demo, paymentCollectionId, {
      solution_code: "SCFRSP-3XTS",
    })
    const fileId = String(session.data.subscription_id)
    // The lender decides just before the minute, when the worker's job runs: its webhook goes to
    // server 2 (handed to the worker's subscriber), the shopper comes back on server 1, and the
    // job reads the lender's event log: all three for the same file at once.
    await waitUntil(() => new Date().getSeconds() >= 59, 65_000, 100)
    const decidedAt = Date.now()
    const [, back] = await Promise.all([
      axios.post(`${sandbox.url}/__sandbox/subscriptions/${fileId}/decision`, {
        decision: "accept",
      }),
      apis[0].post(`/scalexpert/return/${session.id}`, `id=${fileId}`, {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        maxRedirects: 0,
        validateStatus: () => true,
      }),
    ])
    expect(back.status).toBe(303)

    const ordersNow = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM "order" WHERE deleted_at IS NULL`)).rows[0]
        .n as number
    const timeline = async (trigger: string) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM scalexpert_file_event e JOIN scalexpert_file f ON f.id = e.file_id
           WHERE f.payment_session_id = $1 AND e.trigger = $2`,
          [session.id, trigger]
        )
      ).rows[0].n as number
    const delivered = () =>
      sandbox
        .deliveries()
        .some(
          (d) =>
            d.url.startsWith(topology.servers[1].url) &&
            d.eventCode === "SC_SUBSCRIPTION_ACCEPTED" &&
            d.ok
        )
    const jobPolled = () =>
      sandbox
        .requests({ kind: "api" })
        .some((r) => r.path.endsWith("/events") && Date.parse(r.at) > decidedAt)

    await waitUntil(delivered, 30_000)
    await waitUntil(async () => (await timeline("webhook")) > 0, 60_000)
    await waitUntil(jobPolled, 90_000)
    // The job reads and applies what the event log names under the file's lock; its run ends
    // with the file's record updated after its poll.
    const polledAt = Math.max(
      ...sandbox
        .requests({ kind: "api" })
        .filter((r) => r.path.endsWith("/events"))
        .map((r) => Date.parse(r.at))
    )
    await waitUntil(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM scalexpert_file WHERE payment_session_id = $1 AND updated_at >= $2`,
            [session.id, new Date(polledAt)]
          )
        ).rowCount === 1,
      30_000
    ).catch(() => step("the job's run left no trace on the file (nothing to change)"))

    expect(await ordersNow()).toBe(1)
    const location = new URL(String(back.headers.location))
    expect(location.searchParams.get("order_id")).toMatch(/^order_/)
  })

  it("the webhook registered from server 1's admin, its test event applied by the worker, shown on server 2", async () => {
    const { data } = await apis[0].post("/auth/user/emailpass", {
      email: topology.demo.adminEmail,
      password: topology.demo.adminPassword,
    })
    const auth = { headers: { authorization: `Bearer ${data.token}` } }
    const path = "/admin/scalexpert/settings/webhook"
    const registered = await apis[0].post(`${path}/register`, {}, auth)
    expect(registered.data.webhook).toMatchObject({ ok: true, problems: [] })
    const sent = await apis[0].post(`${path}/test`, {}, auth)
    let seen: { event_id: string; arrived_at: string | null; signature_valid: boolean | null }
    await waitUntil(async () => {
      seen = (await apis[1].get(path, auth)).data.webhook.test
      return !!seen?.arrived_at
    }, 60_000)
    expect(seen!).toMatchObject({ event_id: sent.data.test.event_id, signature_valid: true })
  })
})
