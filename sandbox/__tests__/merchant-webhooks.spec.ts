/**
 * The merchant-webhooks API: `PUT/GET /webhooks`, `GET /events` (paging, filters), `HELLO_WORLD`,
 * and deliveries that honour the configuration.
 */
import type { SandboxHandle } from "../server"
import { hasValidSignature } from "../signer"
import { api, control, startReceiver, waitFor } from "./http"
import { WH, useSandbox } from "./setup"

let sandbox: SandboxHandle, bearer: string
const create = useSandbox((s, b) => ([sandbox, bearer] = [s, b]))

const put = (body: Record<string, unknown>) =>
  api<Record<string, unknown>>(sandbox, bearer, "PUT", `${WH}/webhooks`, body)

describe("webhook configuration", () => {
  it("GET answers the documented defaults until a PUT; PUT stores url, key, e-mail, codes", async () => {
    const empty = await api(sandbox, bearer, "GET", `${WH}/webhooks?eventTypeCode=SC_SUBSCRIPTION`)
    expect(empty.json).toMatchObject({ eventTypeCode: "SC_SUBSCRIPTION", active: false, url: null })
    const config = {
      eventTypeCode: "SC_SUBSCRIPTION",
      active: true,
      url: "https://shop.example.com/hooks/scalexpert",
      keyForSignature: "k",
      emailForAlerts: "ops@example.com",
      activeEventCodes: ["SC_SUBSCRIPTION_ACCEPTED"],
    }
    expect((await put(config)).status).toBe(200)
    const read = await api(sandbox, bearer, "GET", `${WH}/webhooks?eventTypeCode=SC_SUBSCRIPTION`)
    expect(read.json).toMatchObject(config)
  })

  it("refuses a missing eventTypeCode (422), an unknown one or foreign event codes (400)", async () => {
    expect((await put({ url: "https://x.example.com" })).status).toBe(422)
    expect((await put({ eventTypeCode: "NOPE" })).json).toMatchObject({ errorCode: "BAD_REQUEST" })
    const foreign = await put({
      eventTypeCode: "SC_SUBSCRIPTION",
      activeEventCodes: ["SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED"],
    })
    expect(foreign.status).toBe(400)
    const noUrl = await put({ eventTypeCode: "ANY", active: true })
    expect(noUrl.status).toBe(400)
  })

  it("delivers only the active event codes; the others are INACTIVE", async () => {
    const receiver = await startReceiver()
    try {
      await put({
        eventTypeCode: "SC_SUBSCRIPTION",
        active: true,
        url: receiver.url,
        keyForSignature: "key",
        activeEventCodes: ["SC_SUBSCRIPTION_ACCEPTED"],
      })
      const { id } = await create()
      await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
      await sandbox.webhooksIdle()
      expect(receiver.received.map((r) => JSON.parse(r.body).eventCode)).toEqual([
        "SC_SUBSCRIPTION_ACCEPTED",
      ])
      expect(
        hasValidSignature("key", receiver.received[0].body, receiver.received[0].headers)
      ).toBe(true)
      expect(sandbox.events().map((e) => e.status)).toEqual(["INACTIVE", "OK"])
    } finally {
      await receiver.close()
    }
  })

  it("replays every webhookReplayIntervalMs until a 200/201", async () => {
    const receiver = await startReceiver([500, 503])
    try {
      await control(sandbox, "PUT", "/config", { webhookReplayIntervalMs: 20 })
      await put({ eventTypeCode: "HELLO_WORLD", active: true, url: receiver.url })
      const hello = await api<{ eventId: string }>(
        sandbox,
        bearer,
        "POST",
        `${WH}/events/tests/_trigger`
      )
      expect(hello.status).toBe(200)
      await waitFor(() => receiver.received.length >= 3)
      const bodies = receiver.received.map((r) => JSON.parse(r.body))
      expect(bodies.map((b) => b.replayCount)).toEqual([null, 1, 2])
      expect(bodies[0]).toMatchObject({ id: hello.json.eventId, eventCode: "HELLO_WORLD" })
      await waitFor(() => sandbox.events()[0].status === "OK")
    } finally {
      await receiver.close()
    }
  })
})

describe("GET /events", () => {
  it("pages, sorts (newest first by default) and filters", async () => {
    for (let i = 0; i < 3; i++) await create()
    await api(sandbox, bearer, "POST", `${WH}/events/tests/_trigger`)
    type Page = { totalEventCount: number; events: Array<{ eventCode: string; status: string }> }
    const page = (q: string) => api<Page>(sandbox, bearer, "GET", `${WH}/events?${q}`)
    const first = await page("page=1&pageSize=2")
    expect(first.json.totalEventCount).toBe(4)
    expect(first.json.events.map((e) => e.eventCode)).toEqual([
      "HELLO_WORLD",
      "SC_SUBSCRIPTION_INITIALIZED",
    ])
    expect((await page("page=2&pageSize=2")).json.events).toHaveLength(2)
    expect((await page("eventTypeCode=SC_SUBSCRIPTION")).json.totalEventCount).toBe(3)
    expect((await page("eventCode=HELLO_WORLD&status=NO_CONFIG")).json.totalEventCount).toBe(1)
    const future = new Date(Date.now() + 60_000).toISOString()
    expect((await page(`fromTimestamp=${future}`)).json.totalEventCount).toBe(0)
    expect((await page("status=SOMETHING")).status).toBe(422)
    expect((await page("page=0")).status).toBe(400)
  })
})
