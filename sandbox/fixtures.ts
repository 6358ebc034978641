/**
 * Sample `POST /subscriptions` bodies that pass the contract, for tests, demos and the README's
 * curl walk-through (`npx tsx sandbox/fixtures.ts SCFRLT-TXNO 1500 ORDER-1` prints one).
 */
import { isSolutionCode, SOLUTIONS } from "./solutions"

/** A `POST /subscriptions` body (InitiateCreditSubscriptionRequest). */
export type SampleSubscriptionRequest = ReturnType<typeof sampleSubscriptionRequest>

export interface SampleOptions {
  solutionCode?: string
  financedAmount?: number
  merchantGlobalOrderId?: string
  confirmationUrl?: string
}

export function sampleSubscriptionRequest(options: SampleOptions = {}) {
  const solutionCode = options.solutionCode ?? "SCFRSP-3XTS"
  const german = isSolutionCode(solutionCode)
    ? SOLUTIONS[solutionCode].market === "DE"
    : solutionCode.startsWith("SCDE")
  const financedAmount = options.financedAmount ?? 1199.99
  const contact = german
    ? {
        firstName: "Erika",
        lastName: "Mustermann",
        commonTitle: "MRS" as const,
        email: "erika.mustermann@example.com",
        mobilePhoneNumber: "+4915123456789",
      }
    : {
        firstName: "Paul",
        lastName: "Dupont",
        commonTitle: "MR" as const,
        email: "paul.dupont@example.com",
        mobilePhoneNumber: "+33612345678",
      }
  const address = german
    ? {
        streetNumber: 12,
        streetName: "Hauptstraße",
        zipCode: "20095",
        cityName: "Hamburg",
        regionName: "Hamburg",
        countryCode: "DE",
      }
    : {
        streetNumber: 147,
        streetName: "Rue de Rivoli",
        zipCode: "75001",
        cityName: "Paris",
        regionName: "Île-de-France",
        countryCode: "FR",
      }
  const merchantGlobalOrderId =
    options.merchantGlobalOrderId ?? `order-${Math.random().toString(36).slice(2, 12)}`
  return {
    solutionCode,
    merchantBasketId: `basket-${merchantGlobalOrderId}`,
    merchantGlobalOrderId,
    merchantBuyerId: "buyer-42",
    financedAmount,
    merchantUrls: {
      confirmation:
        options.confirmationUrl ?? "https://shop.example.com/scalexpert/return?session=ps_123&x=1",
    },
    buyers: [
      {
        birthName: contact.lastName,
        contact: { ...contact },
        contactAddress: { locationType: "MAIN_ADDRESS" as const, ...address },
        billingContact: { ...contact },
        billingAddress: { locationType: "BILLING_ADDRESS" as const, ...address },
        deliveryContact: { ...contact },
        deliveryAddress: { locationType: "DELIVERY_ADDRESS" as const, ...address },
      },
    ],
    basketDetails: {
      basketItems: [
        {
          id: "M12345785513211",
          quantity: 1,
          model: "5KPM5",
          label: "Robot pâtissier 4,8 L",
          price: financedAmount,
          currencyCode: "EUR",
          orderId: merchantGlobalOrderId,
          brandName: "KitchenAid",
          description: "Robot pâtissier à bol relevable",
          specifications: "NC",
          category: "Small appliance",
          sku: "ZG011AQA",
          isFinanced: true,
        },
      ],
    },
  }
}

if (require.main === module) {
  const [code, amount, orderId] = process.argv.slice(2)
  console.log(
    JSON.stringify(
      sampleSubscriptionRequest({
        solutionCode: code,
        financedAmount: amount ? Number(amount) : undefined,
        merchantGlobalOrderId: orderId,
      }),
      null,
      2
    )
  )
}
