import { MedusaError } from "@medusajs/framework/utils"
import { toSnapshot, type FileSnapshot, type ScalexpertGateway } from "./gateway"

/** `data` of a Scalexpert payment session and payment. Shown to the storefront: nothing secret. */
export type ScalexpertSessionData = {
  session_id: string
  solution_code: string
  subscription_id: string
  /** The lender's journey: send the shopper there. */
  redirect_url: string
  /** The amount financed when the file was created (decimal euros). */
  amount: number
  file?: FileSnapshot
  delivery_confirmed_at?: string
  /** When the lender accepted the file, as the authorization first saw it. */
  accepted_at?: string
  /** The order has a shipped fulfillment (set by the plugin's shipment workflow). */
  shipped_at?: string
  /** The lender accepted another amount than the payment's: never authorized. */
  amount_mismatch?: boolean
}

/** How long a file read by the plugin's own workflow (under the file's lock) stays good to act on. */
const SNAPSHOT_TRUST_MS = 60_000

/** The payment's data, or an error when it carries no Scalexpert file. */
export function sessionData(data: Record<string, unknown> | undefined): ScalexpertSessionData {
  if (!data?.subscription_id || !data.solution_code) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "This payment has no Scalexpert file: start the financing again"
    )
  }
  return data as unknown as ScalexpertSessionData
}

/** The file as the plugin's workflow just read it, or a fresh read. */
export async function currentFile(
  gateway: ScalexpertGateway,
  data: ScalexpertSessionData
): Promise<FileSnapshot> {
  const snapshot = data.file
  if (snapshot && Date.now() - Date.parse(snapshot.read_at) < SNAPSHOT_TRUST_MS) return snapshot
  return toSnapshot(await gateway.readFile(data.subscription_id))
}
