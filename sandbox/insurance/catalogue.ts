/**
 * The insurer's catalogue as the sandbox plays it: the two French solutions of insurance API 1.7.1,
 * their communication kits, and price grids by item price, in the range French retailers charge
 * for a warranty extension and for a broken-screen cover.
 */

export const INSURANCE_SOLUTIONS = ["CIFRWE-DXCO", "CIFRBS-DXCO"] as const
export type InsuranceSolutionCode = (typeof INSURANCE_SOLUTIONS)[number]

export type Offer = { id: string; price: number; description: string; years: number }

type Tier = { upTo: number; prices: readonly number[] }

/** Warranty extension (2 and 3 years on top of the legal guarantee), 30 € to 5,000 €. */
const WARRANTY_TIERS: readonly Tier[] = [
  { upTo: 150, prices: [19.99, 29.99] },
  { upTo: 300, prices: [29.99, 44.99] },
  { upTo: 600, prices: [49.99, 69.99] },
  { upTo: 1000, prices: [79.99, 109.99] },
  { upTo: 2000, prices: [119.99, 159.99] },
  { upTo: 5000, prices: [179.99, 239.99] },
]
const WARRANTY_MIN = 30

/** Broken screen (1 and 2 years), phones, tablets and laptops from 100 € to 2,000 €. */
const SCREEN_TIERS: readonly Tier[] = [
  { upTo: 300, prices: [39.99, 69.99] },
  { upTo: 600, prices: [59.99, 99.99] },
  { upTo: 1000, prices: [89.99, 149.99] },
  { upTo: 2000, prices: [129.99, 219.99] },
]
const SCREEN_MIN = 100
const SCREEN_CATEGORIES = /phone|smartphone|t[ée]l[ée]phone|tablet|tablette|laptop|portable/i

export type ItemRecord = {
  id: string
  solutionCode: InsuranceSolutionCode
  sku: string
  merchantItemId: string
  brand: string
  model: string
  title: string
  category: string
  isRefurbished: boolean
}

/** The offers for an item at a price; empty when it is not eligible (the API answers 204). */
export function offersFor(item: ItemRecord, price: number): Offer[] {
  if (item.solutionCode === "CIFRWE-DXCO") {
    if (price < WARRANTY_MIN) return []
    const tier = WARRANTY_TIERS.find((t) => price <= t.upTo)
    if (!tier) return []
    return [2, 3].map((years, i) => ({
      id: `WE-${years * 12}M-${tierIndex(WARRANTY_TIERS, tier)}`,
      price: tier.prices[i],
      description: `Extension de garantie ${years} ans`,
      years,
    }))
  }
  if (!SCREEN_CATEGORIES.test(item.category) || price < SCREEN_MIN) return []
  const tier = SCREEN_TIERS.find((t) => price <= t.upTo)
  if (!tier) return []
  return [1, 2].map((years, i) => ({
    id: `BS-${years * 12}M-${tierIndex(SCREEN_TIERS, tier)}`,
    price: tier.prices[i],
    description: `Ecran cassé ${years} an${years > 1 ? "s" : ""}`,
    years,
  }))
}

function tierIndex(tiers: readonly Tier[], tier: Tier): string {
  return `T${tiers.indexOf(tier) + 1}`
}

/** Duration in years of an offer id (`WE-24M-T3` → 2). */
export function yearsOf(insuranceId: string): number {
  const m = /-(\d+)M-/.exec(insuranceId)
  return m ? Math.max(1, Math.round(Number(m[1]) / 12)) : 1
}

/** `ProductsAndServicesResponse` of a solution, with its communication kit. */
export function insuranceSolution(code: InsuranceSolutionCode, publicUrl: string) {
  const warranty = code === "CIFRWE-DXCO"
  return {
    solutionCode: code,
    familyCode: "CI",
    marketCode: "FR",
    conditions: "CO",
    communicationKit: {
      solutionCode: code,
      visualTitle: warranty ? "Extension de garantie" : "Assurance écran cassé",
      visualDescription: warranty
        ? "Prolongez la garantie de votre produit de 2 ou 3 ans : pannes, pièces et main d'œuvre."
        : "Votre écran est réparé ou remplacé en cas de casse accidentelle, 1 ou 2 ans.",
      visualInformationIcon: `${publicUrl}/assets/info.svg`,
      visualAdditionalInformation: warranty
        ? "Couverture des pannes mécaniques, électriques et électroniques après la garantie légale."
        : "Réparation ou remplacement de l'écran, franchise de 0 €, deux sinistres par an.",
      visualLegalText: warranty
        ? "Contrat d'assurance « Extension de garantie » souscrit par Société Générale auprès de l'assureur partenaire. Voir la notice d'information et le document d'information sur le produit d'assurance. Droit de renonciation de 30 jours."
        : "Contrat d'assurance « Écran cassé » souscrit par Société Générale auprès de l'assureur partenaire. Voir la notice d'information et le document d'information sur le produit d'assurance. Droit de renonciation de 30 jours.",
      visualLogo: `${publicUrl}/assets/logo.svg`,
      visualInformationNoticeURL: `${publicUrl}/assets/insurance/${code}/notice.pdf`,
      visualProductTermsURL: `${publicUrl}/assets/insurance/${code}/ipid.pdf`,
    },
  }
}
