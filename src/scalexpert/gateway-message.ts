/** The text Scalexpert's gateway puts in a validation error's `message`, read as fields. */

export interface ParsedGatewayMessage {
  /** `1028` for schema validation. */
  code: string
  /** Text after `Message:`. */
  message: string
  /** Every `$.path: reason` pair found, in order. */
  issues: Array<{ field: string; reason: string }>
}

/**
 * Parses the gateway's `[Code: 1028 | Message: $.buyers[0].contact.email: does not match ...]`.
 * Understands both networknt wordings (`$.field: is missing but it is required` and
 * `$: required property 'field' not found`). Returns `undefined` for any other text.
 */
export function parseGatewayMessage(text: string): ParsedGatewayMessage | undefined {
  const match = /^\s*\[\s*Code:\s*([^|\]]+?)\s*\|\s*Message:\s*([\s\S]*)\]\s*$/.exec(text)
  if (!match) {
    return undefined
  }
  const code = match[1]
  const message = match[2].trim()
  const issues: Array<{ field: string; reason: string }> = []
  // Split before every "$." / "$:" / "$[" that starts a new issue.
  const parts = message.split(/,\s*(?=\$(?:[.:[]))/)
  for (const part of parts) {
    const issue = /^\$(\S*?):\s*([\s\S]*)$/.exec(part.trim())
    if (!issue) {
      continue
    }
    let field = issue[1].replace(/^\./, "")
    const reason = issue[2].trim()
    const required = /required property '([^']+)' not found/.exec(reason)
    if (required) {
      field = field === "" ? required[1] : `${field}.${required[1]}`
    }
    issues.push({ field, reason })
  }
  return { code, message, issues }
}
