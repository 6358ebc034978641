/**
 * The lender's journey pages.
 */
import { type SandboxHandle } from "../server"
import { http, parseReturnForm, startReceiver } from "./http"
import { useSandbox } from "./setup"

let sandbox: SandboxHandle
const create = useSandbox((s) => (sandbox = s))

/** The shopper's answer on the journey page, as its form posts it. */
const decide = (journey: string, form: string) =>
  http(`${journey}/decision`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  })

describe("the lender's journey", () => {
  it("shows the buyer, the amount and the plan with stable test ids", async () => {
    const split = await create({ solutionCode: "SCFRSP-3XPS", financedAmount: 450 })
    expect(split.journey).toBe(`${sandbox.url}/journey/${split.id}`)
    const page = await http(split.journey)
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toContain("text/html")
    for (const id of [
      "journey-buyer",
      "journey-amount",
      "journey-plan",
      "journey-accept",
      "journey-refuse",
      "journey-abandon",
    ]) {
      expect(page.text).toContain(`data-testid="${id}"`)
    }
    expect(page.text).not.toContain('data-testid="journey-preaccept"')
    expect(page.text).toContain("Paul Dupont")
    expect(page.text).toContain(">Accept<")

    const long = await create({ solutionCode: "SCFRLT-TXNO", financedAmount: 4000 })
    const longPage = await http(long.journey)
    expect(longPage.text).toContain('data-testid="journey-preaccept"')
    expect(longPage.text).toContain('data-testid="journey-duration"')
  })

  it("a decision returns the shopper by an auto-submitted POST carrying id to the confirmation URL, verbatim", async () => {
    const merchant = await startReceiver()
    try {
      const confirmation = `${merchant.url}/scalexpert/return?session=ps_01&cart=a%20b&x=1`
      const { id, journey } = await create({
        solutionCode: "SCFRSP-4XTS",
        financedAmount: 700,
        confirmationUrl: confirmation,
      })
      const res = await decide(journey, "decision=accept")
      expect(res.status).toBe(200)
      expect(res.text).toContain("<script>")
      const form = parseReturnForm(res.text)
      expect(form).toEqual({ method: "POST", action: confirmation, fields: { id } })
      expect(sandbox.subscription(id)?.consolidatedStatus).toBe("ACCEPTED")

      // What the browser does with the form.
      await http(form?.action as string, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form?.fields).toString(),
      })
      expect(merchant.received[0]).toMatchObject({
        method: "POST",
        url: "/scalexpert/return?session=ps_01&cart=a%20b&x=1",
        body: `id=${id}`,
      })

      const again = await decide(journey, "decision=refuse")
      expect(again.status).toBe(409)
      expect(sandbox.subscription(id)?.consolidatedStatus).toBe("ACCEPTED")
    } finally {
      await merchant.close()
    }
  })
})

describe("the lender's decisions", () => {
  it("refuse → REJECTED, pre-accept → PRE_ACCEPTED with the chosen duration", async () => {
    const refused = await create({ solutionCode: "SCDELT-DXCO", financedAmount: 900 })
    await decide(refused.journey, "decision=refuse")
    expect(sandbox.subscription(refused.id)).toMatchObject({
      consolidatedStatus: "REJECTED",
      consolidatedSubstatus: "SUBSCRIPTION REJECTED BY PRODUCER",
    })
    const pre = await create({ solutionCode: "SCFRLT-TXPS", financedAmount: 5000 })
    await decide(pre.journey, "decision=preaccept&duration=36")
    expect(sandbox.subscription(pre.id)).toMatchObject({
      consolidatedStatus: "PRE_ACCEPTED",
      consolidatedSubstatus:
        "SUBSCRIPTION PRE-APPROVED BY PRODUCER - WAITING FOR CONTRACT SIGNATURE",
      implementationCode: "36X",
    })
    const split = await create({ solutionCode: "SCFRSP-3XTS" })
    const res = await decide(split.journey, "decision=preaccept")
    expect(res.status).toBe(409)
    expect(sandbox.subscription(split.id)?.consolidatedStatus).toBe("INITIALIZED")
  })

  it("abandon is a GET link: ABORTED, then a redirect to the confirmation URL verbatim", async () => {
    const confirmation = "https://shop.example.com/return?ref=abc&lang=fr"
    const { id, journey } = await create({ confirmationUrl: confirmation })
    const res = await http(`${journey}/abandon`)
    expect(res.status).toBe(302)
    expect(res.headers.get("location")).toBe(confirmation)
    expect(sandbox.subscription(id)).toMatchObject({
      consolidatedStatus: "ABORTED",
      consolidatedSubstatus: "ABORTED BY CUSTOMER",
    })
  })

  it("an unknown application is a 404 page", async () => {
    expect((await http(`${sandbox.url}/journey/3f1c2a7e-1d0b-4c56-9a55-0f4f3b1f9a10`)).status).toBe(
      404
    )
  })
})
