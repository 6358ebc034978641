/** The webhook signature key shared by the test sandbox and the provider. */
export const TEST_WEBHOOK_KEY = "integration-test-signature-key"

/** The provider's webhook route on the Medusa under test. */
export const WEBHOOK_PATH = "/hooks/payment/scalexpert_scalexpert"
