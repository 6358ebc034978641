import type { ScalexpertFailureReason, ScalexpertLocale, ScalexpertPlan } from "./types"

/**
 * The kit's texts and number formats in English, French and German. Pure functions: usable in
 * any storefront, with or without the React components.
 */

const INTL_LOCALE: Record<ScalexpertLocale, string> = { en: "en-GB", fr: "fr-FR", de: "de-DE" }

/** `en`, `fr` or `de` for any language tag (`fr-BE` → `fr`); English otherwise. */
export function kitLocale(tag: string | undefined | null): ScalexpertLocale {
  const lang = (tag ?? "").trim().slice(0, 2).toLowerCase()
  return lang === "fr" || lang === "de" ? lang : "en"
}

/** `1 290,00 €` (fr), `1.290,00 €` (de), `€1,290.00` (en). */
export function formatAmount(amount: number, locale: ScalexpertLocale, currency = "EUR"): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amount)
}

/** `8,90 %` (fr, de), `8.90%` (en). */
export function formatRate(percent: number, locale: ScalexpertLocale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: "percent",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(percent / 100)
}

type Texts = {
  loading: string
  unavailable: string
  installmentsOf: (count: number, amount: string) => string
  firstThenRest: (first: string, rest: number, amount: string) => string
  monthsOf: (months: number, amount: string) => string
  duration: string
  months: (n: number) => string
  fees: string
  apr: string
  nominalRate: string
  totalCost: string
  totalDue: string
  notice: string
  terms: string
  choose: string
  pay: (name: string) => string
  paying: string
  failure: Record<ScalexpertFailureReason, string>
  awaitingDecision: string
  orderConfirmed: (number: string) => string
  orderRegistered: (number: string) => string
  notAvailable: string
  durations: (min: number, max: number) => string
}

export const TEXTS: Record<ScalexpertLocale, Texts> = {
  en: {
    loading: "Loading financing offers...",
    unavailable: "Financing offers are unavailable right now.",
    installmentsOf: (n, a) => `${n} instalments of ${a}`,
    firstThenRest: (f, r, a) => `${f} today, then ${r} × ${a}`,
    monthsOf: (m, a) => `${m} monthly instalments of ${a}`,
    duration: "Duration",
    months: (n) => `${n} months`,
    fees: "Fees",
    apr: "APR",
    nominalRate: "Nominal rate",
    totalCost: "Cost of credit",
    totalDue: "Total due",
    notice: "Information notice",
    terms: "Terms",
    choose: "Choose how to pay with Scalexpert",
    pay: (name) => `Continue with ${name}`,
    paying: "Redirecting to the lender...",
    failure: {
      refused:
        "The lender declined the financing. Your cart is kept: choose another payment method.",
      abandoned: "The financing was not completed. Your cart is kept: you can try again.",
      cancelled: "The financing was cancelled. Your cart is kept.",
      pending: "The lender has not answered yet. Your cart is kept: you can try again later.",
      error: "The financing could not be completed. Your cart is kept: please try again.",
    },
    awaitingDecision:
      "Your financing request was pre-accepted and awaits the lender's decision. We will confirm your order once the lender has approved it.",
    orderConfirmed: (n) => `Thank you! Order ${n} is confirmed.`,
    orderRegistered: (n) => `Thank you! Order ${n} is registered.`,
    notAvailable: "Scalexpert financing is not available for this cart.",
    durations: (min, max) => `from ${min} to ${max} months`,
  },
  fr: {
    loading: "Chargement des offres de financement...",
    unavailable: "Les offres de financement sont momentanément indisponibles.",
    installmentsOf: (n, a) => `${n} mensualités de ${a}`,
    firstThenRest: (f, r, a) => `${f} aujourd'hui, puis ${r} × ${a}`,
    monthsOf: (m, a) => `${m} mensualités de ${a}`,
    duration: "Durée",
    months: (n) => `${n} mois`,
    fees: "Frais",
    apr: "TAEG",
    nominalRate: "Taux débiteur",
    totalCost: "Coût du crédit",
    totalDue: "Montant total dû",
    notice: "Notice d'information",
    terms: "Conditions",
    choose: "Choisissez votre financement Scalexpert",
    pay: (name) => `Continuer avec ${name}`,
    paying: "Redirection vers l'organisme de financement...",
    failure: {
      refused:
        "L'organisme de financement a refusé le financement. Votre panier est conservé : choisissez un autre moyen de paiement.",
      abandoned:
        "Le financement n'a pas abouti. Votre panier est conservé : vous pouvez réessayer.",
      cancelled: "Le financement a été annulé. Votre panier est conservé.",
      pending:
        "L'organisme de financement n'a pas encore répondu. Votre panier est conservé : réessayez plus tard.",
      error: "Le financement n'a pas pu aboutir. Votre panier est conservé : veuillez réessayer.",
    },
    awaitingDecision:
      "Votre demande de financement est pré-acceptée et attend la décision de l'organisme de financement. Nous confirmerons votre commande dès son accord.",
    orderConfirmed: (n) => `Merci ! La commande ${n} est confirmée.`,
    orderRegistered: (n) => `Merci ! La commande ${n} est enregistrée.`,
    notAvailable: "Le financement Scalexpert n'est pas disponible pour ce panier.",
    durations: (min, max) => `de ${min} à ${max} mois`,
  },
  de: {
    loading: "Finanzierungsangebote werden geladen...",
    unavailable: "Finanzierungsangebote sind derzeit nicht verfügbar.",
    installmentsOf: (n, a) => `${n} Raten zu je ${a}`,
    firstThenRest: (f, r, a) => `${f} heute, dann ${r} × ${a}`,
    monthsOf: (m, a) => `${m} Monatsraten zu je ${a}`,
    duration: "Laufzeit",
    months: (n) => `${n} Monate`,
    fees: "Gebühren",
    apr: "Effektiver Jahreszins",
    nominalRate: "Sollzins",
    totalCost: "Kreditkosten",
    totalDue: "Gesamtbetrag",
    notice: "Informationsblatt",
    terms: "Bedingungen",
    choose: "Wählen Sie Ihre Scalexpert-Finanzierung",
    pay: (name) => `Weiter mit ${name}`,
    paying: "Weiterleitung zur Bank...",
    failure: {
      refused:
        "Die Bank hat die Finanzierung abgelehnt. Ihr Warenkorb bleibt erhalten: Wählen Sie eine andere Zahlungsart.",
      abandoned:
        "Die Finanzierung wurde nicht abgeschlossen. Ihr Warenkorb bleibt erhalten: Sie können es erneut versuchen.",
      cancelled: "Die Finanzierung wurde storniert. Ihr Warenkorb bleibt erhalten.",
      pending:
        "Die Bank hat noch nicht geantwortet. Ihr Warenkorb bleibt erhalten: Versuchen Sie es später erneut.",
      error:
        "Die Finanzierung konnte nicht abgeschlossen werden. Ihr Warenkorb bleibt erhalten: Bitte versuchen Sie es erneut.",
    },
    awaitingDecision:
      "Ihr Finanzierungsantrag wurde vorläufig angenommen und wartet auf die Entscheidung der Bank. Wir bestätigen Ihre Bestellung, sobald die Bank zugestimmt hat.",
    orderConfirmed: (n) => `Vielen Dank! Die Bestellung ${n} ist bestätigt.`,
    orderRegistered: (n) => `Vielen Dank! Die Bestellung ${n} ist eingegangen.`,
    notAvailable: "Die Scalexpert-Finanzierung ist für diesen Warenkorb nicht verfügbar.",
    durations: (min, max) => `${min} bis ${max} Monate`,
  },
}

/** One line that sums a plan up: "3 instalments of €430.00" or "€431.00 today, then 2 × €429.50". */
export function describePlan(
  plan: ScalexpertPlan,
  kind: "split" | "long_credit",
  locale: ScalexpertLocale
): string {
  const t = TEXTS[locale]
  const money = (amount: number) => formatAmount(amount, locale)
  if (kind === "long_credit") return t.monthsOf(plan.duration, money(plan.installment_amount))
  const [first, second] = plan.installments
  if (first && second && first.amount !== second.amount) {
    return t.firstThenRest(money(first.amount), plan.duration - 1, money(second.amount))
  }
  return t.installmentsOf(plan.duration, money(plan.installment_amount))
}

/** What to tell the shopper back on the checkout after a failed financing. */
export function failureMessage(
  reason: ScalexpertFailureReason | string | null | undefined,
  locale: ScalexpertLocale
): string {
  const texts = TEXTS[locale].failure
  return texts[(reason ?? "error") as ScalexpertFailureReason] ?? texts.error
}
