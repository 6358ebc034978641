/**
 * The errors of calls on an existing file, through the client, against the sandbox: unknown or
 * malformed ids, a second delivery confirmation, cancellations the lender refuses.
 */
import type { SandboxHandle } from "../../../sandbox/server"
import type { ScalexpertClient } from "../client"
import { isConflict, isNotFound, type ScalexpertError } from "../errors"
import { acceptedFile, clientPerTest } from "./fixtures"
import { caught, control, sampleSubscriptionRequest } from "./helpers"

let sandbox: SandboxHandle
let client: ScalexpertClient
clientPerTest((s, c) => ([sandbox, client] = [s, c]))

describe("errors on an existing file", () => {
  it("404 ENTITY_NOT_FOUND for an unknown id, the gateway's 422 for a malformed one", async () => {
    const notFound = await caught<ScalexpertError>(() =>
      client.getSubscription("3f1c2a7e-1d0b-4c56-9a55-0f4f3b1f9a10")
    )
    expect(notFound).toMatchObject({ status: 404, errorCode: "ENTITY_NOT_FOUND" })
    expect(isNotFound(notFound)).toBe(true)
    expect(sandbox.requests({ path: "/e-financing/api/v1/subscriptions/*" })).toHaveLength(1)

    const malformed = await caught<ScalexpertError>(() => client.getSubscription("not-a-uuid"))
    // The id breaks the contract's uuid format: refused by the gateway, not by the API.
    expect(malformed).toMatchObject({ status: 422, errorCode: "1028" })
    expect(malformed.isValidationError).toBe(true)

    const cancel = await caught<ScalexpertError>(() =>
      client.cancelSubscription("3f1c2a7e-1d0b-4c56-9a55-0f4f3b1f9a10")
    )
    expect(cancel.isNotFound).toBe(true)
  })

  it("409 on a second delivery confirmation, INVALID_STATUS before acceptance", async () => {
    const { id } = await client.createSubscription(
      sampleSubscriptionRequest({ solutionCode: "SCFRLT-TXTS", financedAmount: 1500 })
    )
    const early = await caught<ScalexpertError>(() =>
      client.confirmDelivery(id, { isDelivered: true })
    )
    expect(early).toMatchObject({ status: 400, errorCode: "INVALID_STATUS" })

    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "accept" })
    await client.confirmDelivery(id, { isDelivered: true })
    const second = await caught<ScalexpertError>(() =>
      client.confirmDelivery(id, { isDelivered: true })
    )
    expect(second.status).toBe(409)
    expect(isConflict(second)).toBe(true)
  })

  it("cancelledAmount above the financed amount", async () => {
    const id = await acceptedFile(client, sandbox, "SCFRSP-3XTS", 600)
    const error = await caught<ScalexpertError>(() =>
      client.cancelSubscription(id, { cancelledAmount: 600.01 })
    )
    expect(error).toMatchObject({ status: 400, errorCode: "REQUEST_VALIDATION_ERROR" })
    expect((await client.getSubscription(id)).financedAmount).toBe(600)
  })

  it("a second partial cancellation", async () => {
    const id = await acceptedFile(client, sandbox, "SCFRSP-4XPS", 800)
    await client.cancelSubscription(id, { cancelledAmount: 100 })
    const error = await caught<ScalexpertError>(() =>
      client.cancelSubscription(id, { cancelledAmount: 100 })
    )
    expect(error).toMatchObject({ status: 400, errorCode: "INVALID_STATUS" })
    expect((await client.getSubscription(id)).financedAmount).toBe(700)
  })

  it("cancelling a file that is not ACCEPTED", async () => {
    const { id } = await client.createSubscription(sampleSubscriptionRequest())
    const error = await caught<ScalexpertError>(() => client.cancelSubscription(id))
    expect(error).toMatchObject({ status: 400, errorCode: "INVALID_STATUS" })
    await control(sandbox, "POST", `/subscriptions/${id}/decision`, { decision: "refuse" })
    const rejected = await caught<ScalexpertError>(() => client.cancelSubscription(id))
    expect(rejected).toMatchObject({ status: 400, errorCode: "INVALID_STATUS" })
  })

  it("cancelling delivered long credit before its return is confirmed", async () => {
    const id = await acceptedFile(client, sandbox, "SCFRLT-TXNO", 2000)
    await client.confirmDelivery(id, { isDelivered: true })
    const error = await caught<ScalexpertError>(() =>
      client.cancelSubscription(id, { cancelledAmount: 500 })
    )
    expect(error).toMatchObject({ status: 400, errorCode: "INVALID_STATUS" })
    expect(error.message).toContain("_confirmReturn")
    await client.confirmReturn(id, { isReturned: true })
    await expect(client.cancelSubscription(id, { cancelledAmount: 500 })).resolves.toEqual({
      financedAmount: 1500,
      status: "ACCEPTED",
    })
  })
})
