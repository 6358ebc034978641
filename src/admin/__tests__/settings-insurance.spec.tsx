import type { ScalexpertInsuranceContractedSolutionsResponse } from "../../storefront/insurance-types"
import {
  CountrySolutions,
  InsuranceSolutions,
} from "../routes/settings/scalexpert/insurance-section"
import { queryClient, renderAdmin, textOf } from "./render-admin"

const contracted: ScalexpertInsuranceContractedSolutionsResponse = {
  country: "FR",
  known: ["CIFRWE-DXCO", "CIFRBS-DXCO"],
  solutions: [
    { solution_code: "CIFRWE-DXCO", title: "Extension de garantie", enabled: true },
    { solution_code: "CIFRBS-DXCO", title: "Casse écran", enabled: false },
  ],
}

const ready = (data: ScalexpertInsuranceContractedSolutionsResponse) =>
  ({ data, error: null, isPending: false, isError: false }) as const

describe("Settings → Scalexpert: contracted insurance solutions", () => {
  it("lists each contracted solution with its code and whether this shop sells it", () => {
    const html = renderAdmin(<CountrySolutions country="FR" query={ready(contracted)} />)
    expect(html).toContain('data-market="FR"')
    expect(html).toContain('data-state="ready"')
    expect(html).toMatch(/data-code="CIFRWE-DXCO" data-enabled="true"/)
    expect(html).toMatch(/data-code="CIFRBS-DXCO" data-enabled="false"/)
    const text = textOf(html)
    expect(text).toContain("France")
    expect(text).toContain("Extension de garantie CIFRWE-DXCO Yes")
    expect(text).toContain("Casse écran CIFRBS-DXCO No (not in insuranceSolutions)")
  })

  it("says when nothing is contracted for a country", () => {
    const html = renderAdmin(
      <CountrySolutions
        country="DE"
        query={ready({ ...contracted, country: "DE", solutions: [] })}
      />,
      "de"
    )
    expect(html).toContain('data-testid="scalexpert-insurance-none"')
    expect(textOf(html)).toContain("Deutschland")
    expect(textOf(html)).toContain("Für dieses Land ist keine Versicherungslösung vereinbart.")
    expect(html).not.toContain('data-testid="scalexpert-insurance-solution"')
  })

  it("shows Scalexpert's failure, and a waiting state while it is asked", () => {
    const failed = {
      data: undefined,
      error: new Error("Scalexpert did not answer: timeout"),
      isPending: false,
      isError: true,
    } as const
    const html = renderAdmin(<CountrySolutions country="FR" query={failed} />, "fr")
    expect(html).toContain('data-state="error"')
    expect(html).toContain('data-testid="scalexpert-insurance-solutions-error"')
    expect(textOf(html)).toContain(
      "Scalexpert n'a pas pu être interrogé : Scalexpert did not answer: timeout"
    )
    const asking = { data: undefined, error: null, isPending: true, isError: false } as const
    const waiting = renderAdmin(<CountrySolutions country="FR" query={asking} />)
    expect(waiting).toContain('data-state="loading"')
    expect(textOf(waiting)).toContain("Asking Scalexpert…")
  })

  it("asks each country (FR, DE) from the admin route's answers", () => {
    const client = queryClient()
    client.setQueryData(["scalexpert", "insurance", "solutions", "FR"], contracted)
    client.setQueryData(["scalexpert", "insurance", "solutions", "DE"], {
      ...contracted,
      country: "DE",
      solutions: [],
    })
    const html = renderAdmin(<InsuranceSolutions />, "en", client)
    const text = textOf(html)
    expect(text).toContain("Contracted insurance solutions")
    expect(html.match(/data-testid="scalexpert-insurance-market"/g)).toHaveLength(2)
    expect(html.match(/data-testid="scalexpert-insurance-solution"/g)).toHaveLength(2)
    expect(text).toContain("No insurance solution contracted for this country.")
    expect(text).not.toMatch(/scalexpert\./)
  })
})
