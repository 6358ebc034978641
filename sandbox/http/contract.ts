/**
 * Validation against the committed JSON Schemas of the OpenAPI documents (`sandbox/contract/`,
 * written by `scripts/generate-sandbox-contract.ts`), with ajv. Request failures become the
 * gateway's 422 `[Code: 1028 | Message: ...]`; response checks are for tests.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"

import Ajv, { type ErrorObject, type ValidateFunction } from "ajv"
import addFormats from "ajv-formats"

import { gatewayError } from "./errors"

export type ApiName = "baas-as" | "e-financing" | "merchant-webhooks" | "insurance"
type Schema = Record<string, unknown>

export interface ContractOperation {
  method: string
  path: string
  query?: Schema
  pathParams?: Schema
  form?: Schema
  body?: Schema
  bodyRequired: boolean
  responses: Record<string, Schema>
}

interface ContractDocument {
  "x-spec-version": string
  operations: Record<string, ContractOperation>
  definitions: Record<string, Schema>
}

const documents = new Map<ApiName, ContractDocument>()
const compiled = new Map<string, ValidateFunction>()

function newAjv(coerceTypes: boolean): Ajv {
  // multipleOfPrecision: amounts are decimal euros checked with `multipleOf: 0.01`.
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    strict: true,
    allowUnionTypes: true,
    multipleOfPrecision: 9,
  })
  addFormats(ajv)
  ajv.addKeyword("x-from-description")
  return ajv
}
const bodies = newAjv(false)
// Query, path and form parameters arrive as text.
const parameters = newAjv(true)

export function contract(api: ApiName): ContractDocument {
  let doc = documents.get(api)
  if (!doc) {
    const file = join(__dirname, "..", "contract", `${api}.json`)
    doc = JSON.parse(readFileSync(file, "utf8")) as ContractDocument
    documents.set(api, doc)
  }
  return doc
}

export function operation(api: ApiName, operationId: string): ContractOperation {
  const op = contract(api).operations[operationId]
  if (!op) throw new Error(`No operation ${operationId} in the ${api} contract`)
  return op
}

function validator(api: ApiName, key: string, schema: Schema, coerce: boolean): ValidateFunction {
  const cacheKey = `${api}:${key}`
  let fn = compiled.get(cacheKey)
  if (!fn) {
    fn = (coerce ? parameters : bodies).compile({
      ...schema,
      definitions: contract(api).definitions,
    })
    compiled.set(cacheKey, fn)
  }
  return fn
}

/** `/buyers/0/contact/email` → `$.buyers[0].contact.email` (the gateway's JSON path style). */
function jsonPath(instancePath: string, prefix: string): string {
  const parts = instancePath.split("/").filter(Boolean)
  return parts.reduce((p, part) => (/^\d+$/.test(part) ? `${p}[${part}]` : `${p}.${part}`), prefix)
}

function describe(error: ErrorObject, prefix: string): string {
  const path = jsonPath(error.instancePath, prefix)
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case "required":
      return `${path}.${String(p.missingProperty)}: is missing but it is required`
    case "maxLength":
      return `${path}: may only be ${String(p.limit)} characters long`
    case "minLength":
      return `${path}: must be at least ${String(p.limit)} characters long`
    case "pattern":
      return `${path}: does not match the regex pattern ${String(p.pattern)}`
    case "type":
      return `${path}: ${typeof error.data} found, ${String(p.type)} expected`
    case "enum":
      return `${path}: does not have a value in the enumeration [${(p.allowedValues as unknown[]).join(", ")}]`
    case "multipleOf":
      return `${path}: must be a multiple of ${String(p.multipleOf)}`
    case "exclusiveMinimum":
      return `${path}: must have an exclusive minimum value of ${String(p.limit)}`
    case "format":
      return `${path}: does not match the ${String(p.format)} pattern`
    default:
      return `${path}: ${error.message ?? "is invalid"}`
  }
}

export function issues(
  api: ApiName,
  key: string,
  schema: Schema,
  value: unknown,
  options: { coerce?: boolean; prefix?: string } = {}
): string[] {
  const fn = validator(api, key, schema, options.coerce ?? false)
  if (fn(value)) return []
  return (fn.errors ?? []).map((e) => describe(e, options.prefix ?? "$"))
}

export interface RequestParts {
  query?: Record<string, unknown>
  pathParams?: Record<string, unknown>
  form?: Record<string, unknown>
  body?: unknown
}

/** Throws the gateway's 422 when the request does not fit the operation's schemas. */
export function validateRequest(api: ApiName, operationId: string, parts: RequestParts): void {
  const op = operation(api, operationId)
  const found: string[] = []
  for (const where of ["query", "pathParams", "form"] as const) {
    const schema = op[where]
    // Coercion writes into the object: validate a copy.
    if (schema)
      found.push(
        ...issues(api, `${operationId}:${where}`, schema, { ...parts[where] }, { coerce: true })
      )
  }
  const emptyBody = parts.body === undefined || parts.body === null
  if (op.body && op.bodyRequired && emptyBody) found.push("$: is missing but it is required")
  if (op.body && !emptyBody) found.push(...issues(api, `${operationId}:body`, op.body, parts.body))
  if (found.length > 0) throw gatewayError(found)
}

/** Issues of a response against the documented schema of its status (or `default`). */
export function responseIssues(
  api: ApiName,
  operationId: string,
  status: number,
  body: unknown
): string[] {
  const op = operation(api, operationId)
  const key = op.responses[String(status)] ? String(status) : status >= 400 ? "default" : ""
  const schema = op.responses[key]
  // No documented schema for this status (204, a bare 401/403 object...): nothing to check.
  if (!schema) return []
  return issues(api, `${operationId}:response:${key}`, schema, body)
}
