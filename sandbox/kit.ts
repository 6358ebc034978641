/**
 * The communication kits of the solutions (title, legal text, logo, documents), as
 * `GET /eligible-solutions` returns them, with the documents served by the sandbox.
 */
import { SOLUTION_RULES } from "./catalogue"
import { SOLUTIONS, type SolutionCode } from "./solutions"

// ---------------------------------------------------------------------------------------------
// Communication kits
// ---------------------------------------------------------------------------------------------

const FRANFINANCE =
  "FRANFINANCE, SA au capital de 31 357 776 € – 719 807 406 RCS Nanterre – 53 rue du Port, CS 90201, 92724 Nanterre Cedex. Intermédiaire en assurance (ORIAS 07 008 346)."
const HANSEATIC =
  "Hanseatic Bank GmbH & Co KG, Bramfelder Chaussee 101, 22177 Hamburg. Bonität vorausgesetzt."

interface KitText {
  title: string
  description: string
  additional: string
  legal: string
}

function kitText(code: SolutionCode): KitText {
  const rules = SOLUTION_RULES[code]
  const min = (rules.minCents / 100).toLocaleString("fr-FR")
  const max = (rules.maxCents / 100).toLocaleString("fr-FR")
  switch (code) {
    case "SCFRSP-3XTS":
    case "SCFRSP-4XTS":
    case "SCFRSP-3XPS":
    case "SCFRSP-4XPS": {
      const n = rules.durations[0]
      const free = rules.feePercent === 0
      return {
        title: `Payez en <b>${n}X</b>${free ? " sans frais" : ""} par carte bancaire`,
        description: `Réglez votre achat en ${n} mensualités${free ? " sans frais" : ""}.`,
        additional: `<p>Paiement en ${n} fois par carte bancaire : un premier prélèvement le jour de la commande, puis ${n - 1} prélèvements mensuels.${
          free
            ? ""
            : ` Frais de ${String(rules.feePercent).replace(".", ",")} % du montant, prélevés avec la première échéance.`
        }</p>`,
        legal: `Offre de financement sans assurance avec apport obligatoire, réservée aux particuliers et valable pour tout achat de ${min} € à ${max} €. Sous réserve d'acceptation par FRANFINANCE. Vous disposez d'un délai de rétractation de 14 jours pour renoncer à votre crédit. ${FRANFINANCE}`,
      }
    }
    case "SCFRLT-TXNO":
    case "SCFRLT-TXPS":
    case "SCFRLT-TXTS":
      return {
        title:
          rules.aprPercent === 0
            ? "Financez votre achat <b>sans frais</b>"
            : "Financez votre achat <b>à crédit</b>",
        description: `Crédit de ${min} € à ${max} €, de ${rules.durations[0]} à ${rules.durations[rules.durations.length - 1]} mois.`,
        additional: `<p>TAEG fixe ${String(rules.aprPercent).replace(".", ",")} %. Réponse de principe immédiate, signature électronique du contrat.</p>`,
        legal: `Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager. Offre de crédit affecté réservée aux particuliers, de ${min} € à ${max} €, sous réserve d'acceptation par FRANFINANCE. ${FRANFINANCE}`,
      }
    case "SCDELT-DXTS":
    case "SCDELT-DXCO": {
      const maxDe = (rules.maxCents / 100).toLocaleString("de-DE")
      const minDe = (rules.minCents / 100).toLocaleString("de-DE")
      return {
        title: rules.aprPercent === 0 ? "<b>0%-Finanzierung</b>" : "Bequem in <b>Raten</b> zahlen",
        description: `Finanzierung von ${minDe} € bis ${maxDe} €.`,
        additional: `<p>Effektiver Jahreszins ${String(rules.aprPercent).replace(".", ",")} %, Laufzeit ${rules.durations[0]} bis ${rules.durations[rules.durations.length - 1]} Monate.</p>`,
        legal: `Finanzierung von ${minDe} € bis ${maxDe} € mit einem effektiven Jahreszins von ${String(rules.aprPercent).replace(".", ",")} %. ${HANSEATIC}`,
      }
    }
  }
}

export interface CommunicationKitJson {
  solutionCode: string
  visualTitle: string
  visualDescription: string
  visualInformationIcon: string
  visualAdditionalInformation: string
  visualLegalText: string
  visualTableImage?: string
  visualLogo: string
  visualInformationNoticeURL: string
  visualProductTermsURL: string
}

export function communicationKit(code: SolutionCode, publicUrl: string): CommunicationKitJson {
  const text = kitText(code)
  const kit: CommunicationKitJson = {
    solutionCode: code,
    visualTitle: text.title,
    visualDescription: text.description,
    visualInformationIcon: `${publicUrl}/assets/info.svg`,
    visualAdditionalInformation: text.additional,
    visualLegalText: text.legal,
    visualLogo: `${publicUrl}/assets/logos/${code}.svg`,
    visualInformationNoticeURL: `${publicUrl}/assets/documents/${code}/notice`,
    visualProductTermsURL: `${publicUrl}/assets/documents/${code}/terms`,
  }
  if (SOLUTIONS[code].kind === "split") {
    kit.visualTableImage = `${publicUrl}/assets/tables/${code}.svg`
  }
  return kit
}

/** Plain-text HTML of the kit documents (notice / product terms) served by the sandbox. */
export function kitDocument(
  code: SolutionCode,
  kind: "notice" | "terms"
): { title: string; text: string } {
  const text = kitText(code)
  return {
    title: `${code} – ${kind === "notice" ? "Notice d'information" : "Conditions du produit"} (sandbox)`,
    text: `${text.description} ${text.legal}`,
  }
}
