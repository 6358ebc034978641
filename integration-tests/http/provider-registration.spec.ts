import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore, SCALEXPERT_PROVIDER_ID } from "../../scripts/seed-demo"
import { adminHeaders } from "../helpers/admin"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    describe("the Scalexpert payment provider", () => {
      it("is registered, and enabled in both seeded regions", async () => {
        const demo = await seedDemoStore(getContainer())
        const headers = await adminHeaders(api, demo)

        const { data: providers } = await api.get("/admin/payments/payment-providers", headers)
        expect(providers.payment_providers).toContainEqual(
          expect.objectContaining({ id: SCALEXPERT_PROVIDER_ID, is_enabled: true })
        )

        for (const regionId of [demo.regions.france, demo.regions.germany]) {
          const { data } = await api.get(
            `/store/regions/${regionId}?fields=name,*payment_providers`,
            { headers: { "x-publishable-api-key": demo.publishableKey } }
          )
          expect(data.region.payment_providers.map((p: { id: string }) => p.id)).toContain(
            SCALEXPERT_PROVIDER_ID
          )
        }
      })

      it("seeds only once", async () => {
        const container = getContainer()
        const first = await seedDemoStore(container)
        const second = await seedDemoStore(container)
        expect(second).toEqual(first)
      })
    })
  },
})
