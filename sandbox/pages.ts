/**
 * HTML pages and images of the sandbox: the lender's journey (what `redirect.value` points to),
 * the return to the merchant, the communication-kit logos and documents, and an index page.
 *
 * Journey elements carry stable `data-testid`s for browser tests: `journey-buyer`,
 * `journey-amount`, `journey-plan`, `journey-duration` (long credit), `journey-accept`,
 * `journey-refuse`, `journey-preaccept` (long credit), `journey-abandon`, `journey-status`,
 * `journey-return`.
 */
import { centsToAmount } from "./money"
import { SOLUTIONS, type SolutionCode } from "./solutions"
import { plansFor, SOLUTION_RULES } from "./catalogue"
import type { SandboxSubscription } from "./rules/subscription"

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

function euros(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(
    centsToAmount(cents)
  )
}

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f3f4f6; margin: 0; color: #111827; }
  header { background: var(--brand); color: #fff; padding: 16px 24px; display: flex; justify-content: space-between; align-items: center; }
  header small { opacity: .85; }
  main { max-width: 560px; margin: 32px auto; background: #fff; border-radius: 12px; padding: 24px 28px; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
  h1 { font-size: 1.3rem; margin-top: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; }
  dt { color: #6b7280; }
  dd { margin: 0; font-weight: 600; }
  .buttons { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 20px; }
  button, .link { font: inherit; padding: 10px 16px; border-radius: 8px; border: 1px solid #d1d5db; background: #fff; cursor: pointer; text-decoration: none; color: inherit; }
  button.primary { background: var(--brand); color: #fff; border-color: var(--brand); }
  .note { color: #6b7280; font-size: .85rem; margin-top: 24px; }
  table { border-collapse: collapse; margin-top: 8px; }
  td { padding: 2px 12px 2px 0; }
`

function layout(
  title: string,
  brand: { name: string; color: string },
  body: string,
  lang: string
): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>:root { --brand: ${brand.color}; } ${STYLE}</style></head>
<body>
<header><strong>${escapeHtml(brand.name)}</strong><small>Scalexpert sandbox – no real credit</small></header>
<main>
${body}
<p class="note">This page imitates the lender's pages of Scalexpert's test environment. Nothing here is real.</p>
</main>
</body>
</html>`
}

function brandOf(sub: SandboxSubscription): { name: string; color: string } {
  return SOLUTIONS[sub.solutionCode].lender === "Franfinance"
    ? { name: "Franfinance", color: "#b8002e" }
    : { name: "Hanseatic Bank", color: "#00457c" }
}

function planHtml(sub: SandboxSubscription, locale: string): string {
  const plans = plansFor(sub.solutionCode, sub.financedAmountCents)
  if (sub.kind === "split") {
    const plan = plans[0]
    const rows = plan.installmentsCents
      .map(
        (c, i) => `<tr><td>Instalment ${i + 1}</td><td>${escapeHtml(euros(c, locale))}</td></tr>`
      )
      .join("")
    const fee =
      plan.feesCents > 0
        ? `<p>Fees: ${escapeHtml(euros(plan.feesCents, locale))} (with the first instalment)</p>`
        : ""
    return `<div data-testid="journey-plan"><p>${plan.duration} card instalments</p><table>${rows}</table>${fee}</div>`
  }
  const rows = plans
    .map(
      (p) =>
        `<tr><td>${p.duration} months</td><td>${escapeHtml(euros(p.installmentsCents[0], locale))} / month</td><td>APR ${p.aprPercent} %</td><td>total ${escapeHtml(euros(p.dueTotalCents, locale))}</td></tr>`
    )
    .join("")
  return `<div data-testid="journey-plan"><p>Long-term credit</p><table>${rows}</table></div>`
}

/** The lender's page of a file (`GET /journey/:id`). */
export function journeyPage(sub: SandboxSubscription, durations: number[]): string {
  const locale = sub.language
  const brand = brandOf(sub)
  const buyer = sub.buyers[0]?.contact as Record<string, string> | undefined
  const name = buyer ? `${buyer.firstName} ${buyer.lastName}` : ""
  const info = `
<h1>Financing application</h1>
<dl>
  <dt>Buyer</dt><dd data-testid="journey-buyer">${escapeHtml(name)}</dd>
  <dt>Amount</dt><dd data-testid="journey-amount">${escapeHtml(euros(sub.financedAmountCents, locale))}</dd>
  <dt>Solution</dt><dd data-testid="journey-solution">${escapeHtml(sub.solutionCode)} – ${escapeHtml(SOLUTIONS[sub.solutionCode].name)}</dd>
  <dt>Status</dt><dd data-testid="journey-status">${escapeHtml(sub.consolidatedStatus)}</dd>
</dl>
${planHtml(sub, locale)}`
  if (sub.consolidatedStatus !== "INITIALIZED" && sub.consolidatedStatus !== "REQUESTED") {
    return layout(
      `${brand.name} – application ${sub.consolidatedStatus}`,
      brand,
      `${info}<p>This application was already answered.</p>${returnForm(sub, false)}`,
      locale
    )
  }
  const durationSelect =
    sub.kind === "long_credit"
      ? `<p><label>Duration <select name="duration" data-testid="journey-duration">${durations
          .map(
            (d) =>
              `<option value="${d}"${d === (durations.includes(12) ? 12 : durations[0]) ? " selected" : ""}>${d} months</option>`
          )
          .join("")}</select></label></p>`
      : ""
  const preaccept =
    sub.kind === "long_credit"
      ? `<button type="submit" name="decision" value="preaccept" data-testid="journey-preaccept">Pre-accept</button>`
      : ""
  const form = `
<form method="POST" action="/journey/${escapeHtml(sub.id)}/decision">
  ${durationSelect}
  <div class="buttons">
    <button type="submit" class="primary" name="decision" value="accept" data-testid="journey-accept">Accept</button>
    ${preaccept}
    <button type="submit" name="decision" value="refuse" data-testid="journey-refuse">Refuse</button>
    <a class="link" href="/journey/${escapeHtml(sub.id)}/abandon" data-testid="journey-abandon">Abandon</a>
  </div>
</form>`
  return layout(`${brand.name} – financing application`, brand, info + form, locale)
}

function returnForm(sub: SandboxSubscription, autoSubmit: boolean): string {
  // The confirmation URL is kept verbatim (query string included); escaping only protects the
  // attribute, the browser decodes it back.
  return `
<form id="return-form" method="POST" action="${escapeHtml(sub.confirmationUrl)}">
  <input type="hidden" name="id" value="${escapeHtml(sub.id)}">
  <button type="submit" class="primary" data-testid="journey-return">Return to the merchant</button>
</form>
${autoSubmit ? `<script>document.getElementById("return-form").submit()</script>` : ""}`
}

/** After a decision: back to the merchant by an auto-submitted cross-site POST carrying `id`. */
export function returnPage(sub: SandboxSubscription): string {
  const brand = brandOf(sub)
  return layout(
    `${brand.name} – back to the merchant`,
    brand,
    `<h1>Application ${escapeHtml(sub.consolidatedStatus)}</h1>
<p data-testid="journey-status">${escapeHtml(sub.consolidatedStatus)}</p>
<p>You are being sent back to the merchant…</p>
${returnForm(sub, true)}`,
    sub.language
  )
}

export function messagePage(title: string, message: string): string {
  return layout(
    title,
    { name: "Scalexpert sandbox", color: "#374151" },
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`,
    "en"
  )
}

// ---------------------------------------------------------------------------------------------
// Images and documents
// ---------------------------------------------------------------------------------------------

export function logoSvg(code: SolutionCode): string {
  const s = SOLUTIONS[code]
  const color = s.lender === "Franfinance" ? "#b8002e" : "#00457c"
  const label = s.kind === "split" ? `${s.instalments}X` : s.market === "FR" ? "CRÉDIT" : "RATEN"
  const sub = s.feePayer === "merchant" ? (s.market === "DE" ? "0 %" : "sans frais") : s.lender
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="48" viewBox="0 0 120 48" role="img" aria-label="${escapeHtml(s.name)}">
<rect width="120" height="48" rx="8" fill="${color}"/>
<text x="60" y="24" text-anchor="middle" font-family="Arial, sans-serif" font-size="18" font-weight="700" fill="#fff">${escapeHtml(label)}</text>
<text x="60" y="40" text-anchor="middle" font-family="Arial, sans-serif" font-size="9" fill="#fff">${escapeHtml(sub)} · sandbox</text>
</svg>`
}

export function infoIconSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16" role="img" aria-label="Information">
<circle cx="8" cy="8" r="7.5" fill="#374151"/><rect x="7" y="7" width="2" height="5" fill="#fff"/><circle cx="8" cy="4.5" r="1.1" fill="#fff"/>
</svg>`
}

/** Example instalment table of a split-payment solution (for 300 €). */
export function tableSvg(code: SolutionCode): string {
  const rules = SOLUTION_RULES[code]
  const n = rules.durations[0]
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `<text x="10" y="${24 + i * 16}" font-family="Arial" font-size="11">Échéance ${i + 1}</text><text x="150" y="${24 + i * 16}" font-family="Arial" font-size="11" text-anchor="end">${i === 0 ? (300 / n + (300 * rules.feePercent) / 100).toFixed(2) : (300 / n).toFixed(2)} €</text>`
  ).join("")
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="${16 + n * 16}" viewBox="0 0 160 ${16 + n * 16}">${rows}</svg>`
}

export function documentPage(title: string, text: string): string {
  return layout(
    title,
    { name: "Scalexpert sandbox", color: "#374151" },
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`,
    "fr"
  )
}

export function indexPage(info: {
  apiRoot: string
  clientId: string
  subscriptions: SandboxSubscription[]
}): string {
  const rows = info.subscriptions
    .map(
      (s) =>
        `<tr><td><a href="/journey/${escapeHtml(s.id)}">${escapeHtml(s.id)}</a></td><td>${escapeHtml(s.solutionCode)}</td><td>${escapeHtml(s.consolidatedStatus)}</td><td>${escapeHtml(euros(s.financedAmountCents, "fr-FR"))}</td></tr>`
    )
    .join("")
  return layout(
    "Scalexpert sandbox",
    { name: "Scalexpert sandbox", color: "#374151" },
    `<h1>Scalexpert sandbox</h1>
<dl><dt>API root</dt><dd>${escapeHtml(info.apiRoot)}</dd><dt>Client id</dt><dd>${escapeHtml(info.clientId)}</dd></dl>
<p>Control API: <a href="/__sandbox">/__sandbox</a></p>
<table>${rows}</table>`,
    "en"
  )
}
