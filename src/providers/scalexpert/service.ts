import { ScalexpertBase } from "./scalexpert-base"

export type { ScalexpertSessionData } from "./session-data"

/**
 * Scalexpert consumer financing (split payment in 3 or 4 instalments, long-term credit) as a
 * Medusa payment provider. It builds nothing from what the browser sends: the payment session
 * route's middleware hands it a snapshot of the cart read on the server.
 */
class ScalexpertProviderService extends ScalexpertBase {
  static identifier = "scalexpert"
}

export default ScalexpertProviderService
