/**
 * The communication kit's texts arrive from Scalexpert as HTML ("Payez en <b>3X</b>..."), and
 * storefronts show them as HTML. The plugin does not pass a third party's markup through to
 * browsers as it is: it keeps a few inline formatting tags, without any attribute (links keep an
 * http(s) `href` only), and escapes everything else.
 *
 * The store routes apply it to what Scalexpert sends; the kit's components apply it again to what
 * they receive (it is idempotent), so they are safe whatever backend they are pointed at.
 * Pure string code: it runs in browsers and on servers alike.
 */

const KEPT_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "br",
  "p",
  "span",
  "ul",
  "ol",
  "li",
  "small",
  "sup",
  "sub",
  "a",
])

const DROPPED_WITH_CONTENT =
  /<(script|style|iframe|object|embed|template|noscript)\b[\s\S]*?<\/\1\s*>/gi

const escapeText = (text: string) => text.replace(/</g, "&lt;").replace(/>/g, "&gt;")
const decodeAttribute = (text: string) =>
  text.replace(/&(amp|quot|#39|lt|gt);/g, (_, entity: string) =>
    entity === "amp"
      ? "&"
      : entity === "quot"
        ? '"'
        : entity === "#39"
          ? "'"
          : entity === "lt"
            ? "<"
            : ">"
  )
const escapeAttribute = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

function keptTag(tag: string): string {
  const match = /^<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9]*)([\s\S]*?)\/?\s*>$/.exec(tag)
  if (!match) return ""
  const [, closing, rawName, attributes] = match
  const name = rawName.toLowerCase()
  if (!KEPT_TAGS.has(name)) return ""
  if (closing) return name === "br" ? "" : `</${name}>`
  if (name === "a") {
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes)
    const url = decodeAttribute(href?.[1] ?? href?.[2] ?? href?.[3] ?? "").trim()
    return /^https?:\/\/[^\s]+$/i.test(url)
      ? `<a href="${escapeAttribute(url)}" target="_blank" rel="noopener noreferrer">`
      : "<a>"
  }
  return `<${name}>`
}

/** Sanitised HTML of a kit text, or `null` when there is none. */
export function sanitizeKitHtml(html: string | null | undefined): string | null {
  if (typeof html !== "string") return null
  const input = html.replace(/<!--[\s\S]*?-->/g, "").replace(DROPPED_WITH_CONTENT, "")
  let out = ""
  let last = 0
  // A tag starts with a letter (or `/` and a letter): "1 < 2 > 0" is text.
  for (const match of input.matchAll(/<\/?[a-zA-Z][^<>]*>/g)) {
    out += escapeText(input.slice(last, match.index))
    out += keptTag(match[0])
    last = match.index + match[0].length
  }
  out += escapeText(input.slice(last))
  const trimmed = out.trim()
  return trimmed === "" ? null : trimmed
}

/** An absolute http(s) URL, or `null`. */
export function safeUrl(url: string | null | undefined): string | null {
  if (typeof url !== "string") return null
  try {
    const parsed = new URL(url.trim())
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.toString() : null
  } catch {
    return null
  }
}
