/**
 * The Scalexpert contract in code: zod schemas of every request and response the plugin exchanges
 * with Scalexpert, written from the OpenAPI files (e-financing 1.7.1, baas-as 1.0.2 for the token,
 * merchant-webhooks 1.0.6 for `GET /events` and the webhook envelope).
 *
 * - Request schemas are as strict as the OpenAPI file (required fields, enums, max lengths, the
 *   patterns written in the field descriptions). The client validates with them before sending and
 *   the local sandbox validates with the very same schemas, answering 422 like the gateway.
 * - Response schemas are tolerant: extra fields are accepted (and dropped), numbers that arrive as
 *   decimal strings are accepted, cosmetic fields may be null or absent, `consolidatedSubstatus` is
 *   free text. Only `consolidatedStatus` is closed: the client turns an unknown value into a
 *   `ScalexpertUnknownStatusError`.
 *
 * One file a part: `enums`, `requests`, `wire` + `responses`, `webhooks`, `errors` (with the gateway's
 * wording of validation failures). No Medusa import here.
 */
export {
  amountToCents,
  centsToAmount,
  toWireAmount,
  hasAtMostTwoDecimals,
  addAmounts,
  subtractAmounts,
  type AmountLike,
} from "../money"
export * from "./enums"
export * from "./requests"
export { WireNumberSchema } from "./wire"
export * from "./responses"
export * from "./webhooks"
export * from "./errors"
