/**
 * `medusa-payment-scalexpert/storefront`: the storefront kit of the Scalexpert plugin.
 *
 * - a typed fetch client of the plugin's store routes and of the checkout steps
 *   (`createScalexpertStorefront`, `followRedirect`, `readScalexpertReturn`);
 * - formatting and texts in English, French and German;
 * - results instead of exceptions for server actions (`scalexpertAction`);
 * - React components (React is an optional peer dependency): `ScalexpertBadge` (on-site
 *   messaging), `ScalexpertSimulation` (product page), `ScalexpertSolutionPicker` (checkout),
 *   `ScalexpertLegalText`, `ScalexpertFailureNotice`, `ScalexpertOrderConfirmation`; optional
 *   styles in `medusa-payment-scalexpert/storefront/styles.css`.
 *
 * Nothing here runs on the Medusa server or imports it. Storefronts without React import
 * `medusa-payment-scalexpert/storefront/client` instead (the same, without the components).
 */
export * from "./client"
export * from "./react"
export * from "./badge"
export * from "./insurance"
