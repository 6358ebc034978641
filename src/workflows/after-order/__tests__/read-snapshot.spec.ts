import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ScalexpertGateway } from "../../../providers/scalexpert/gateway"
import type { Subscription } from "../../../scalexpert/schemas"
import { readSnapshot } from "../payment-records"
import type { FileRow } from "../load-types"

/** A container with the provider registered as in medusa-config.ts (no Medusa server). */
const container = {
  resolve: (key: string) =>
    key === ContainerRegistrationKeys.CONFIG_MODULE
      ? {
          modules: {
            payment: {
              options: {
                providers: [
                  {
                    resolve: "medusa-payment-scalexpert/providers/scalexpert",
                    id: "scalexpert",
                    options: { clientId: "read-snapshot", clientSecret: "secret" },
                  },
                ],
              },
            },
          },
        }
      : { info: () => undefined, warn: () => undefined, error: () => undefined },
} as unknown as MedusaContainer

describe("readSnapshot (the retry job's and the order-canceled subscriber's read)", () => {
  afterEach(() => jest.restoreAllMocks())

  it("reads in the request budget's background lane: no shopper waits for it", async () => {
    const read = jest.spyOn(ScalexpertGateway.prototype, "readFile").mockResolvedValue({
      consolidatedStatus: "ACCEPTED",
      financedAmount: 1200,
    } as unknown as Subscription)
    const file = { subscription_id: "sub-42" } as FileRow
    const snapshot = await readSnapshot(container, file)
    expect(read).toHaveBeenCalledWith("sub-42", { lane: "background" })
    expect(snapshot).toMatchObject({ status: "ACCEPTED", financed_amount: 1200 })
  })
})
