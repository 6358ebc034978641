/**
 * The kit's components always keep their stable `scalexpert-*` class name (the stylesheet
 * `medusa-payment-scalexpert/storefront/styles.css` and the shop's CSS target it) and add the
 * shop's `className` (Tailwind utilities, CSS modules...).
 */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ")
}
