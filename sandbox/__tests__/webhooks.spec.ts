/**
 * Webhook delivery: envelope, signature, replays, configuration.
 */
import { sampleSubscriptionRequest } from "../fixtures"
import { hasValidSignature } from "../signer"
import { type SandboxHandle } from "../server"
import { api, control, startReceiver, waitFor } from "./http"
import { EF, useSandbox } from "./setup"

let sandbox: SandboxHandle, bearer: string
const create = useSandbox((s, b) => ([sandbox, bearer] = [s, b]))
const cancelFile = <T>(id: string) =>
  api<T>(sandbox, bearer, "POST", `${EF}/subscriptions/${id}/_cancel`, {})

describe("webhooks", () => {
  it("delivers each status change signed, with the documented envelope and no subscription id", async () => {
    const receiver = await startReceiver()
    try {
      const key = "merchant-signature-key"
      await control(sandbox, "PUT", "/config", {
        webhook: { url: `${receiver.url}/hooks/scalexpert`, signatureKey: key },
      })
      const request = sampleSubscriptionRequest({
        solutionCode: "SCFRSP-3XTS",
        financedAmount: 321.5,
      })
      const res = await api<{ id: string }>(
        sandbox,
        bearer,
        "POST",
        `${EF}/subscriptions?language=fr-FR`,
        request
      )
      const id = res.json.id
      await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
      await sandbox.webhooksIdle()
      expect(receiver.received).toHaveLength(2)
      for (const delivery of receiver.received) {
        expect(delivery.method).toBe("POST")
        expect(delivery.url).toBe("/hooks/scalexpert")
        expect(delivery.headers["content-type"]).toBe("application/json")
        expect(hasValidSignature(key, delivery.body, delivery.headers)).toBe(true)
        expect(delivery.body).not.toContain(id)
      }
      const envelope = JSON.parse(receiver.received[1].body)
      expect(Object.keys(envelope)).toEqual([
        "timestamp",
        "id",
        "correlationId",
        "eventTypeCode",
        "eventCode",
        "data",
        "replayCount",
      ])
      expect(envelope).toMatchObject({
        eventTypeCode: "SC_SUBSCRIPTION",
        eventCode: "SC_SUBSCRIPTION_ACCEPTED",
        replayCount: null,
        data: {
          eventTypeCode: "SC_SUBSCRIPTION",
          eventCode: "SC_SUBSCRIPTION_ACCEPTED",
          merchantGlobalOrderId: request.merchantGlobalOrderId,
          financedAmount: 321.5,
          consolidatedStatus: "ACCEPTED",
        },
      })
      const events = await api<{
        events: Array<{ status: string; httpStatusCodeOfLastDeliveryAttempt: number }>
      }>(sandbox, bearer, "GET", "/merchant-webhooks/api/v1/events?status=OK")
      expect(events.json.events).toHaveLength(2)
      expect(events.json.events[0].httpStatusCodeOfLastDeliveryAttempt).toBe(200)
    } finally {
      await receiver.close()
    }
  })
})

describe("webhook replays", () => {
  it("replays after a non-2xx answer (204 included, as Scalexpert wants 200/201), with replayCount", async () => {
    const receiver = await startReceiver([500, 204, 201])
    try {
      await control(sandbox, "PUT", "/config", {
        webhook: { url: receiver.url, signatureKey: "k" },
        webhookReplayIntervalMs: 30,
      })
      await create()
      await waitFor(() => receiver.received.length >= 3)
      await new Promise((r) => setTimeout(r, 100))
      expect(receiver.received).toHaveLength(3)
      expect(receiver.received.map((r) => JSON.parse(r.body).replayCount)).toEqual([null, 1, 2])
      const ids = new Set(receiver.received.map((r) => JSON.parse(r.body).id))
      expect(ids.size).toBe(1)
      const timestamps = new Set(
        receiver.received.map((r) => r.headers["x-baas-signature-timestamp"])
      )
      expect(timestamps.size).toBe(3)
      const [event] = sandbox.events()
      expect(event).toMatchObject({
        status: "OK",
        replayCount: 2,
        httpStatusCodeOfLastDeliveryAttempt: 201,
      })
      expect(sandbox.deliveries().map((d) => d.responseStatus)).toEqual([500, 204, 201])
    } finally {
      await receiver.close()
    }
  })

  it("gives up after webhookMaxReplays and records the event as ERROR; an unreachable URL too", async () => {
    const receiver = await startReceiver([503, 503, 503, 503])
    try {
      await control(sandbox, "PUT", "/config", {
        webhook: { url: receiver.url },
        webhookReplayIntervalMs: 20,
        webhookMaxReplays: 2,
      })
      await create()
      await waitFor(() => receiver.received.length >= 3)
      await new Promise((r) => setTimeout(r, 120))
      expect(receiver.received).toHaveLength(3)
      expect(receiver.received[0].headers["x-baas-signature"]).toBeUndefined()
      expect(sandbox.events()[0]).toMatchObject({ status: "ERROR", replayCount: 2 })
    } finally {
      await receiver.close()
    }
    await control(sandbox, "PUT", "/config", {
      webhook: { url: "http://127.0.0.1:9/unreachable" },
      webhookMaxReplays: 0,
    })
    await create()
    await sandbox.webhooksIdle()
    const last = sandbox.deliveries()[sandbox.deliveries().length - 1]
    expect(last.ok).toBe(false)
    expect(last.error).toBeTruthy()
  })
})

describe("webhook events on demand and their records", () => {
  it("resends an event on demand (a replay) and lists deliveries", async () => {
    const receiver = await startReceiver()
    try {
      await control(sandbox, "PUT", "/config", {
        webhook: { url: receiver.url, signatureKey: "k" },
      })
      await create()
      await sandbox.webhooksIdle()
      const [event] = sandbox.events()
      const resent = await control<{ replayCount: number; ok: boolean; requestBody: string }>(
        sandbox,
        "POST",
        `/webhooks/events/${event.id}/resend`
      )
      expect(resent.json).toMatchObject({ replayCount: 1, ok: true })
      expect(JSON.parse(resent.json.requestBody).replayCount).toBe(1)
      expect(receiver.received).toHaveLength(2)
      const deliveries = await control<{ deliveries: unknown[] }>(
        sandbox,
        "GET",
        `/webhooks/deliveries?eventId=${event.id}`
      )
      expect(deliveries.json.deliveries).toHaveLength(2)
    } finally {
      await receiver.close()
    }
  })

  it("records events as NO_CONFIG or INACTIVE when nothing is delivered", async () => {
    await create()
    expect(sandbox.events()[0].status).toBe("NO_CONFIG")
    await control(sandbox, "PUT", "/config", {
      webhook: { url: "http://127.0.0.1:9/x", active: false },
    })
    await create()
    expect(sandbox.events()[1].status).toBe("INACTIVE")
    await sandbox.webhooksIdle()
    expect(sandbox.deliveries()).toHaveLength(0)
  })

  it("German cancellation outcomes arrive as SC_CANCEL_REQUEST events", async () => {
    const { id } = await create({ solutionCode: "SCDELT-DXCO", financedAmount: 2000 })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    const req = await cancelFile<{ status: string }>(id)
    expect(req.json.status).toBe("REQUESTED")
    const twice = await cancelFile<{ errorCode: string }>(id)
    expect(twice.json.errorCode).toBe("INVALID_STATUS")
    await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, { accepted: true })
    const cancel = sandbox.events().find((e) => e.eventTypeCode === "SC_CANCEL_REQUEST")
    expect(cancel).toMatchObject({
      eventCode: "SC_CANCEL_REQUEST_CANCELLATION_ACCEPTED",
      data: {
        cancelledAmount: 2000,
        financedAmount: 0,
        cancellationStatus: "CANCELLATION_ACCEPTED",
      },
    })
    expect(sandbox.subscription(id)?.consolidatedStatus).toBe("CANCELLED")
    expect(
      (
        await control(sandbox, "POST", `/subscriptions/${id}/cancellation-outcome`, {
          accepted: true,
        })
      ).status
    ).toBe(409)
  })
})
