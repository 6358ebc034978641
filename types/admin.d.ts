/**
 * `medusa-payment-scalexpert/admin`: the plugin's admin extensions (widgets, the Settings →
 * Scalexpert page, translations), loaded by Medusa's admin bundler; nothing to import by hand.
 */
declare const plugin: Record<string, unknown>
export default plugin
