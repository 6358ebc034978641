import { safeUrl, sanitizeKitHtml } from "../sanitize"
import { describePlan, failureMessage, formatAmount, formatRate, kitLocale } from "../i18n"

describe("sanitizeKitHtml", () => {
  it.each([
    ["Payez en <b>3X</b> sans frais", "Payez en <b>3X</b> sans frais"],
    ['<p class="x" onclick="evil()">Texte</p>', "<p>Texte</p>"],
    ["a<script>alert(1)</script>b", "ab"],
    ["<img src=x onerror=alert(1)>legal", "legal"],
    [
      '<a href="https://lender.test/terms" onclick="x">terms</a>',
      '<a href="https://lender.test/terms" target="_blank" rel="noopener noreferrer">terms</a>',
    ],
    ['<a href="javascript:alert(1)">x</a>', "<a>x</a>"],
    ["1 < 2 > 0", "1 &lt; 2 &gt; 0"],
    ["<scr<b>ipt>alert(1)</script>", "&lt;scr<b>ipt&gt;alert(1)"],
    ["<!-- note -->TAEG <strong>8,9 %</strong><br/>", "TAEG <strong>8,9 %</strong><br>"],
    ["<style>p{}</style>   ", null],
  ])("%s", (input, expected) => {
    expect(sanitizeKitHtml(input)).toBe(expected)
  })

  it("is idempotent", () => {
    const once = sanitizeKitHtml('<a href="https://x.test/?a=1&b=2">x</a> &amp; <i>y</i> 3 < 4')
    expect(sanitizeKitHtml(once)).toBe(once)
  })

  it("keeps only http(s) URLs", () => {
    expect(safeUrl("https://lender.test/logo.svg")).toBe("https://lender.test/logo.svg")
    expect(safeUrl("javascript:alert(1)")).toBeNull()
    expect(safeUrl("/relative")).toBeNull()
    expect(safeUrl(undefined)).toBeNull()
  })
})

describe("texts and formats", () => {
  it("maps language tags to the kit's languages", () => {
    expect(kitLocale("fr-BE")).toBe("fr")
    expect(kitLocale("DE")).toBe("de")
    expect(kitLocale("es-ES")).toBe("en")
    expect(kitLocale(undefined)).toBe("en")
  })

  it("formats amounts and rates per language", () => {
    expect(formatAmount(1290.5, "en")).toBe("€1,290.50")
    expect(formatAmount(1290.5, "de")).toBe("1.290,50\u00a0€")
    expect(formatRate(8.9, "fr")).toBe("8,90\u00a0%")
  })

  it("sums plans up", () => {
    const plan = {
      duration: 4,
      installment_amount: 100,
      installments: [1, 2, 3, 4].map((number) => ({ number, amount: 100 })),
      fees_amount: 0,
      apr: 0,
      nominal_rate: 0,
      total_cost: 0,
      total_due: 400,
    }
    expect(describePlan(plan, "split", "en")).toBe("4 instalments of €100.00")
    expect(describePlan({ ...plan, duration: 12 }, "long_credit", "de")).toBe(
      "12 Monatsraten zu je 100,00\u00a0€"
    )
    expect(failureMessage("abandoned", "en")).toMatch(/not completed/)
    expect(failureMessage(null, "de")).toMatch(/nicht abgeschlossen/)
  })
})
