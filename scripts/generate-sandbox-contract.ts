/**
 * Writes `sandbox/contract/*.json`: the JSON Schemas of the Scalexpert operations, taken from the
 * OpenAPI documents in `../shared/reference/scalexpert-openapi/`. Run by a developer when the
 * documents change (`npx tsx scripts/generate-sandbox-contract.ts`), never by `npm test`; the
 * output is committed and is all the sandbox reads at run time.
 *
 * Conversion (OpenAPI 3.0 / Swagger 2.0 → JSON Schema draft-07, as ajv reads it):
 * - `$ref: #/components/schemas/X` (or `#/definitions/X`) → `#/definitions/X`;
 * - `nullable: true` → the type also admits null;
 * - formats ajv-formats knows are kept (`url` becomes `uri`), the others (`float`, `int32`, `enum`) dropped;
 * - documentation keywords (description, example...) are dropped, except that rules the documents
 *   state only in prose ("MUST match the format ^...$", "pattern [A-Z][A-Z]", "YYYY-MM-DD",
 *   "MUST not contain any numeric value...") become `pattern`/`format`, marked `x-from-description`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"

import { format, resolveConfig } from "prettier"
import { parse } from "yaml"

type Json = Record<string, unknown>

export const SOURCE = join(__dirname, "..", "..", "shared", "reference", "scalexpert-openapi")
const TARGET = join(__dirname, "..", "sandbox", "contract")
const KEPT_FORMATS = new Set(["date-time", "date", "uuid", "email", "uri"])
const SCHEMA_KEYS = new Set([
  "type",
  "properties",
  "required",
  "items",
  "enum",
  "maxLength",
  "minLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "pattern",
  "maxItems",
  "minItems",
  "additionalProperties",
  "allOf",
  "oneOf",
  "anyOf",
  "default",
  "multipleOf",
])

/** Rules the documents give only in a property's description. */
function ruleFromDescription(description: string): Json | undefined {
  const regex = /MUST match the format[^^]*(\^\S+\$)/i.exec(description)
  if (regex) return { pattern: regex[1].replace(/\\\\/g, "\\") }
  if (/pattern \[A-Z\]\[A-Z\]/.test(description)) return { pattern: "^[A-Z][A-Z]$" }
  if (/format YYYY-MM-DD/.test(description)) return { format: "date" }
  if (/MUST not contain/i.test(description) && /numeric value/i.test(description)) {
    const allSpaces = /All spaces/i.test(description) ? "(?!\\s*$)" : ""
    return { pattern: `^${allSpaces}[^0-9?!]*$` }
  }
  return undefined
}

/** "value must be positive", "at most 2 digits in the fractional part" (amounts). */
function numberRuleFromDescription(description: string): Json {
  const rule: Json = {}
  if (/must be positive/i.test(description)) rule.exclusiveMinimum = 0
  if (/at most 2 digits in the fractional part/i.test(description)) rule.multipleOf = 0.01
  return Object.keys(rule).length > 0 ? { ...rule, "x-from-description": true } : {}
}

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert)
  if (!node || typeof node !== "object") return node
  const input = node as Json
  if (typeof input.$ref === "string") {
    return { $ref: `#/definitions/${input.$ref.split("/").pop()}` }
  }
  const out: Json = {}
  for (const [key, value] of Object.entries(input)) {
    if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Json).map(([name, s]) => [name, convert(s)])
      )
    } else if (SCHEMA_KEYS.has(key)) {
      out[key] = convert(value)
    } else if (key === "format" && typeof value === "string") {
      const format = value === "url" ? "uri" : value
      if (KEPT_FORMATS.has(format)) out.format = format
    }
  }
  if (typeof input.description === "string" && input.type === "number") {
    Object.assign(out, numberRuleFromDescription(input.description))
  }
  if (typeof input.description === "string" && input.type === "string") {
    const rule = ruleFromDescription(input.description)
    if (rule && !out.pattern && !out.format)
      Object.assign(out, rule, { "x-from-description": true })
  }
  const mapping = (input.discriminator as Json | undefined)?.mapping as Json | undefined
  if (mapping) {
    // A discriminator picks one schema by a property's value: if/then per mapping, not oneOf
    // (payloads of different types can fit the same schema).
    const property = String((input.discriminator as Json).propertyName)
    delete out.oneOf
    out.allOf = Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [property]: { const: value } }, required: [property] },
      then: convert({ $ref: ref }),
    }))
  }
  if (input.nullable === true && typeof out.type === "string") {
    out.type = [out.type, "null"]
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null]
  }
  return out
}

function parametersSchema(parameters: Json[], where: string): Json | undefined {
  const selected = parameters.filter((p) => p.in === where)
  if (selected.length === 0) return undefined
  const schemaOf = (p: Json) => convert(p.schema ?? { type: p.type ?? "string" })
  return {
    type: "object",
    properties: Object.fromEntries(selected.map((p) => [p.name, schemaOf(p)])),
    required: selected.filter((p) => p.required).map((p) => p.name),
  }
}

function jsonContent(content: unknown): unknown {
  const byType = (content ?? {}) as Record<string, { schema?: unknown }>
  const entry = byType["application/json"] ?? byType["*/*"]
  return entry?.schema ? convert(entry.schema) : undefined
}

function operation(method: string, path: string, op: Json): Json {
  const parameters = (op.parameters ?? []) as Json[]
  const body = (op.requestBody ?? {}) as Json
  const responses: Json = {}
  for (const [status, response] of Object.entries((op.responses ?? {}) as Json)) {
    const r = response as Json
    const schema = r.content ? jsonContent(r.content) : r.schema ? convert(r.schema) : undefined
    if (schema) responses[status] = schema
  }
  return {
    method: method.toUpperCase(),
    path,
    query: parametersSchema(parameters, "query"),
    pathParams: parametersSchema(parameters, "path"),
    form: parametersSchema(parameters, "formData"),
    body: jsonContent(body.content),
    bodyRequired: body.required === true,
    responses,
  }
}

/** The merchant-webhooks document's `x-sg-configuration` block is mis-indented YAML: dropped (unused). */
function withoutVendorBlock(text: string): string {
  return text.replace(/^x-sg-configuration:\n(?:[ \t-].*\n?)*/m, "")
}

export function contractOf(file: string): Json {
  const doc = parse(withoutVendorBlock(readFileSync(join(SOURCE, file), "utf8"))) as Json
  const info = doc.info as Json
  const operations: Json = {}
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      // The token server's Swagger 2.0 document has no operationId: "METHOD /path" names those.
      const id = (op as Json).operationId ?? `${method.toUpperCase()} ${path}`
      operations[String(id)] = operation(method, path, op as Json)
    }
  }
  const components = ((doc.components as Json | undefined)?.schemas ??
    doc.definitions ??
    {}) as Json
  return {
    "x-generated-by": "scripts/generate-sandbox-contract.ts (do not edit by hand)",
    "x-source": file,
    "x-spec-title": info.title,
    "x-spec-version": info.version,
    operations,
    definitions: Object.fromEntries(
      Object.entries(components).map(([name, s]) => [name, convert(s)])
    ),
  }
}

/** `swagger_e-financing_1.7.1-UATC.yaml` → `e-financing`. */
export function apiName(file: string): string {
  return basename(file, ".yaml")
    .replace(/^swagger_/, "")
    .replace(/_\d.*$/, "")
}

async function main(): Promise<void> {
  mkdirSync(TARGET, { recursive: true })
  const files = readdirSync(SOURCE).filter((f) => f.endsWith(".yaml"))
  for (const file of files) {
    const target = join(TARGET, `${apiName(file)}.json`)
    // Formatted as the repository's Prettier check wants it.
    const options = { ...(await resolveConfig(target)), parser: "json" }
    writeFileSync(target, await format(JSON.stringify(contractOf(file)), options))
    console.log(`${file} → ${target}`)
  }
}

// Imported by the contract test to check the committed files are current.
if (require.main === module) void main()
