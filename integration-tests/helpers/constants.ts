/** The webhook signature key shared by the test sandbox and the provider. */
export const TEST_WEBHOOK_KEY = "integration-test-signature-key"
