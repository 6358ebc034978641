/**
 * The insurance endpoints ride on the e-financing client's transport (`ScalexpertTransport.send`):
 * one token cache (a token per scope set), one request budget per lane, the same retries and
 * error parsing.
 */
import { SCOPES } from "../schemas"
import type { ScalexpertTransport } from "../transport"
import { ScalexpertInsuranceClient, type InsuranceTransport } from "./client"
import { INSURANCE_PATH } from "./schemas"

/** The transport of a `ScalexpertClient`, with the `insurance:rw` scope. */
export function insuranceTransport(transport: ScalexpertTransport): InsuranceTransport {
  return {
    send: (request) =>
      transport.send({
        method: request.method,
        path: `${INSURANCE_PATH}${request.path}`,
        query: request.query,
        body: request.body,
        auth: { type: "bearer", scopes: [SCOPES.insurance] },
        idempotent: request.idempotent,
        expectBody: request.expectBody,
        lane: request.lane,
      }),
  }
}

export function insuranceClientOf(transport: ScalexpertTransport): ScalexpertInsuranceClient {
  return new ScalexpertInsuranceClient(insuranceTransport(transport))
}
