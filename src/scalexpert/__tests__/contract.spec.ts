/**
 * Contract test: the zod schemas against Scalexpert's OpenAPI files, when they are present in
 * `../shared/reference/scalexpert-openapi/` next to the repository (they are not shipped with the
 * plugin; on a clone without them this suite is skipped and says so).
 *
 * - Request schemas must match the OpenAPI components exactly: same properties, same required
 *   set, same enums, same max/min lengths and item counts, the patterns the OpenAPI states (in
 *   `pattern` or in the field description), and the rules it states in prose. Deliberate extra
 *   strictness is listed in `STRICTER_THAN_OPENAPI`, each with its reason.
 * - Response schemas must know every property of the OpenAPI component and must never require
 *   a field the OpenAPI does not promise.
 * - Every path, method and query parameter the client uses must exist, and the closed
 *   enumerations exported by `schemas.ts` must equal the OpenAPI ones.
 */
import { existsSync, readFileSync } from "node:fs"
import path from "node:path"

import YAML from "yaml"
import { z } from "zod"

import {
  E_FINANCING_PATH,
  MERCHANT_WEBHOOKS_PATH,
  SCALEXPERT_API_ROOTS,
  TOKEN_PATH,
} from "../client"
import {
  AddressSchema,
  BaasErrorResponseSchema,
  BasketItemSchema,
  BUYER_BILLING_COUNTRIES,
  BuyerSchema,
  CANCEL_RESPONSE_STATUSES,
  CancellationContactSchema,
  CANCELLATION_STATUSES,
  CancelSubscriptionRequestSchema,
  CancelSubscriptionResponseSchema,
  COMMON_TITLES,
  CommunicationKitSchema,
  CONSOLIDATED_STATUSES,
  ConfirmDeliveryRequestSchema,
  ConfirmReturnRequestSchema,
  ContactSchema,
  CreateSubscriptionRequestSchema,
  CreateSubscriptionResponseSchema,
  DELIVERY_OPERATORS,
  EligibleSolutionSchema,
  EligibleSolutionsResponseSchema,
  InstallmentSchema,
  LOCATION_TYPES,
  MerchantUrlsSchema,
  RedirectSchema,
  SCOPES,
  SimulateSolutionsRequestSchema,
  SimulateSolutionsResponseSchema,
  SimulationSchema,
  SolutionSimulationSchema,
  SubscriptionListItemSchema,
  SubscriptionListResponseSchema,
  SubscriptionSchema,
  TokenResponseSchema,
  TriggerHelloWorldResponseSchema,
  WEBHOOK_EVENT_CODES,
  WEBHOOK_EVENT_STATUSES,
  WEBHOOK_EVENT_TYPE_CODES,
  WebhookEventPayloadSchema,
  WebhookEventSchema,
  WebhookEventsPageSchema,
} from "../schemas"
import { sampleSubscriptionRequest } from "./helpers"

const REPO_ROOT = path.resolve(__dirname, "../../..")
const SPEC_DIR = path.resolve(REPO_ROOT, "../shared/reference/scalexpert-openapi")
const FILES = {
  eFinancing: "swagger_e-financing_1.7.1-UATC.yaml",
  auth: "swagger_baas-as_1.0.2.yaml",
  webhooks: "swagger_merchant-webhooks_1.0.6.yaml",
}
const available = Object.values(FILES).every((f) => existsSync(path.join(SPEC_DIR, f)))

if (!available) {
  console.warn(
    `Scalexpert contract test skipped: the OpenAPI files are not in ${SPEC_DIR} ` +
      "(they are reference material outside the repository, absent from a plain clone)."
  )
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>

interface OaSchema {
  type?: string
  $ref?: string
  properties?: Record<string, OaSchema>
  required?: string[]
  enum?: unknown[]
  maxLength?: number
  minLength?: number
  maxItems?: number
  minItems?: number
  pattern?: string
  items?: OaSchema
  description?: string
  format?: string
  discriminator?: { mapping?: Record<string, string> }
}

function loadYaml(file: string): Json {
  const text = readFileSync(path.join(SPEC_DIR, file), "utf8")
  const doc = YAML.parseDocument(text)
  if (doc.errors.length === 0) return doc.toJS() as Json
  // merchant-webhooks 1.0.6 ends with a mis-indented `x-sg-configuration` vendor block that no
  // YAML parser accepts; it carries gateway names only, so it is cut before parsing.
  const cut = text.slice(0, text.search(/^x-sg-configuration:/m))
  const retry = YAML.parseDocument(cut)
  if (retry.errors.length > 0) throw retry.errors[0]
  return retry.toJS() as Json
}

function component(spec: Json, name: string): OaSchema {
  const components = (spec.components as Json | undefined)?.schemas ?? spec.definitions
  const schema = (components as Record<string, OaSchema>)[name]
  if (!schema) throw new Error(`No component ${name}`)
  return schema
}

function deref(spec: Json, schema: OaSchema): OaSchema {
  if (schema.$ref) return component(spec, schema.$ref.split("/").pop() as string)
  return schema
}

// ---------------------------------------------------------------------------------------------
// Zod introspection
// ---------------------------------------------------------------------------------------------

interface JsonSchema {
  type?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  enum?: unknown[]
  maxLength?: number
  minLength?: number
  maxItems?: number
  minItems?: number
  pattern?: string
  items?: JsonSchema
  anyOf?: JsonSchema[]
  format?: string
}

function toJson(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema
}

function unwrapNullable(s: JsonSchema): JsonSchema {
  if (s.anyOf) {
    const nonNull = s.anyOf.filter((x) => x.type !== "null")
    if (nonNull.length === 1) return nonNull[0]
  }
  return s
}

type AnyZod = z.ZodType & { _zod: { def: Record<string, unknown>; optin?: string } }

/** The object schema behind optional / nullable / pipe / default wrappers, if any. */
function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  let current = schema as AnyZod
  for (let i = 0; i < 10; i++) {
    const def = current._zod.def
    if (def.type === "object") return current as unknown as z.ZodObject
    const next = (def.innerType ??
      (def.out && (def.out as AnyZod)._zod.def.type !== "transform" ? def.out : def.in)) as
      AnyZod | undefined
    if (!next) return undefined
    current = next
  }
  return undefined
}

function isRequired(schema: z.ZodType): boolean {
  return (schema as AnyZod)._zod.optin !== "optional"
}

// ---------------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------------

/** Rules the client enforces beyond the OpenAPI file, each with its reason. */
const STRICTER_THAN_OPENAPI: Record<string, string> = {
  "InitiateCreditSubscriptionRequest.solutionCode:minLength": "an empty code can only be a bug",
  "InitiateCreditSubscriptionRequest.merchantBasketId:minLength":
    "an empty reference can only be a bug",
  "InitiateCreditSubscriptionRequest.merchantGlobalOrderId:minLength":
    "must be unique per file: empty would collide",
  "InitiateCreditSubscriptionRequest.merchantBuyerId:minLength":
    "an empty reference can only be a bug",
  "BasketItem.sku:maxLength":
    "the real API refused SKUs over 36 characters (official plugins' fixes)",
  "Buyer.birthName:pattern":
    "description: MUST not contain any numeric value, question or exclamation mark",
  "Contact.firstName:pattern":
    "description: MUST not contain any numeric value, question or exclamation mark",
  "Contact.lastName:pattern":
    "description: MUST not contain any numeric value, question or exclamation mark",
  "Contact.professionalTitle:pattern":
    "description: MUST not contain any numeric value, question or exclamation mark",
  "Buyer.birthDate:pattern": "description: It MUST match this format YYYY-MM-DD",
  "Buyer.lastDatePurchase:pattern": "description: It MUST match this format YYYY-MM-DD",
}

/** Pattern the OpenAPI states, in `pattern` or in the description (Java-escaped there). */
function statedPattern(oa: OaSchema): string | undefined {
  if (oa.pattern) return oa.pattern
  const description = oa.description ?? ""
  const anchored = /(\^\S+\$)/.exec(description)
  if (anchored) return anchored[1].replace(/\\\\/g, "\\")
  const loose = /match this pattern\s+(\S+)/.exec(description)
  if (loose) return `^${loose[1]}$`
  return undefined
}

function compareObject(
  spec: Json,
  name: string,
  oaInput: OaSchema,
  zodJson: JsonSchema,
  problems: string[]
): void {
  const oa = deref(spec, oaInput)
  const oaProps = Object.keys(oa.properties ?? {})
  const zProps = Object.keys(zodJson.properties ?? {})
  for (const p of oaProps)
    if (!zProps.includes(p)) problems.push(`${name}.${p}: in the OpenAPI, missing in zod`)
  for (const p of zProps)
    if (!oaProps.includes(p)) problems.push(`${name}.${p}: in zod, not in the OpenAPI`)
  const oaReq = [...(oa.required ?? [])].sort()
  const zReq = [...(zodJson.required ?? [])].sort()
  if (JSON.stringify(oaReq) !== JSON.stringify(zReq)) {
    problems.push(
      `${name}: required ${JSON.stringify(zReq)} in zod, ${JSON.stringify(oaReq)} in the OpenAPI`
    )
  }
  for (const p of oaProps) {
    const zp = zodJson.properties?.[p]
    if (!zp) continue
    compareProperty(
      spec,
      `${name}.${p}`,
      (oa.properties as Record<string, OaSchema>)[p],
      unwrapNullable(zp),
      problems
    )
  }
}

function compareProperty(
  spec: Json,
  where: string,
  oaInput: OaSchema,
  zp: JsonSchema,
  problems: string[]
): void {
  const oa = deref(spec, oaInput)
  const refName = oaInput.$ref?.split("/").pop()
  if (oa.type === "object" || oa.properties) {
    compareObject(spec, refName ?? where, oa, zp, problems)
    return
  }
  const oaType = oa.type === "number" || oa.type === "integer" ? oa.type : oa.type
  if (oaType && zp.type && oaType !== zp.type) {
    problems.push(`${where}: type ${zp.type} in zod, ${oaType} in the OpenAPI`)
  }
  const allowed = (rule: string) => `${where}:${rule}` in STRICTER_THAN_OPENAPI
  if (oa.enum || zp.enum) {
    const a = JSON.stringify([...(oa.enum ?? [])].map(String).sort())
    const b = JSON.stringify([...(zp.enum ?? [])].map(String).sort())
    if (a !== b) problems.push(`${where}: enum ${b} in zod, ${a} in the OpenAPI`)
  }
  for (const rule of ["maxLength", "minLength", "maxItems", "minItems"] as const) {
    if (oa[rule] !== zp[rule] && !(oa[rule] === undefined && allowed(rule))) {
      problems.push(
        `${where}: ${rule} ${String(zp[rule])} in zod, ${String(oa[rule])} in the OpenAPI`
      )
    }
  }
  const stated = statedPattern(oa)
  if (stated !== undefined && zp.pattern !== stated) {
    problems.push(`${where}: pattern ${String(zp.pattern)} in zod, ${stated} in the OpenAPI`)
  }
  if (stated === undefined && zp.pattern !== undefined && !allowed("pattern")) {
    problems.push(`${where}: pattern ${zp.pattern} in zod, none in the OpenAPI`)
  }
  if (oa.type === "array" && oa.items) {
    compareProperty(spec, `${where}[]`, oa.items, unwrapNullable(zp.items ?? {}), problems)
  }
}

function compareResponse(
  spec: Json,
  name: string,
  schema: z.ZodType,
  problems: string[],
  ignore: string[] = []
): void {
  const oa = component(spec, name)
  const zodObject = objectOf(schema)
  if (!zodObject) {
    problems.push(`${name}: no zod object`)
    return
  }
  const shape = zodObject.shape as Record<string, z.ZodType>
  for (const p of Object.keys(oa.properties ?? {})) {
    if (!(p in shape) && !ignore.includes(p))
      problems.push(`${name}.${p}: in the OpenAPI response, unknown to zod`)
  }
  const promised = new Set(oa.required ?? [])
  for (const [p, field] of Object.entries(shape)) {
    if (isRequired(field) && !promised.has(p)) {
      problems.push(`${name}.${p}: required by zod, not promised by the OpenAPI`)
    }
  }
}

function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  return JSON.stringify([...a].map(String).sort()) === JSON.stringify([...b].map(String).sort())
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

const describeWithSpec = available ? describe : describe.skip

describeWithSpec("contract with Scalexpert's OpenAPI files", () => {
  let ef: Json
  let auth: Json
  let wh: Json

  beforeAll(() => {
    ef = loadYaml(FILES.eFinancing)
    auth = loadYaml(FILES.auth)
    wh = loadYaml(FILES.webhooks)
  })

  it("request schemas match the OpenAPI components", () => {
    const problems: string[] = []
    const pairs: Array<[string, z.ZodType]> = [
      ["InitiateCreditSubscriptionRequest", CreateSubscriptionRequestSchema],
      ["Buyer", BuyerSchema],
      ["Contact", ContactSchema],
      ["Address", AddressSchema],
      ["BasketItem", BasketItemSchema],
      ["MerchantUrls", MerchantUrlsSchema],
      ["SolutionSimulationRequest", SimulateSolutionsRequestSchema],
      ["ConfirmDeliveryRequest", ConfirmDeliveryRequestSchema],
      ["ConfirmReturnRequest", ConfirmReturnRequestSchema],
      ["CreditCancellationDTO", CancelSubscriptionRequestSchema],
      ["CancellationContact", CancellationContactSchema],
    ]
    for (const [name, schema] of pairs) {
      compareObject(ef, name, component(ef, name), toJson(schema), problems)
    }
    expect([...new Set(problems)]).toEqual([])
  })

  it("every exception to the OpenAPI is still needed (no stale entry)", () => {
    const json = {
      InitiateCreditSubscriptionRequest: toJson(CreateSubscriptionRequestSchema),
      BasketItem: toJson(BasketItemSchema),
      Buyer: toJson(BuyerSchema),
      Contact: toJson(ContactSchema),
    } as Record<string, JsonSchema>
    for (const key of Object.keys(STRICTER_THAN_OPENAPI)) {
      const [where, rule] = key.split(":")
      const [name, prop] = where.split(".")
      const zp = unwrapNullable(json[name]?.properties?.[prop] ?? {})
      const oa = deref(ef, (component(ef, name).properties ?? {})[prop] ?? {})
      expect({ key, zod: zp[rule as keyof JsonSchema] !== undefined }).toEqual({ key, zod: true })
      expect({ key, openapi: (oa as Record<string, unknown>)[rule] }).toEqual({
        key,
        openapi: undefined,
      })
    }
  })

  it("rules the OpenAPI states in prose are enforced", () => {
    const refused = (
      mutate: (r: ReturnType<typeof sampleSubscriptionRequest>) => void,
      field: string
    ) => {
      const request = sampleSubscriptionRequest()
      mutate(request)
      const result = CreateSubscriptionRequestSchema.safeParse(request)
      return !result.success && result.error.issues.some((i) => i.path.join(".") === field)
    }
    const contact = component(ef, "Contact").properties as Record<string, OaSchema>
    expect(contact.firstName.description).toMatch(/numeric value/)
    for (const bad of ["Paul2", "Paul?", "Paul!", "   "]) {
      expect(
        refused((r) => (r.buyers[0].contact.firstName = bad), "buyers.0.contact.firstName")
      ).toBe(true)
      expect(
        refused(
          (r) => (r.buyers[0].billingContact.lastName = bad),
          "buyers.0.billingContact.lastName"
        )
      ).toBe(true)
    }
    expect(
      refused(
        (r) => (r.buyers[0].contact.firstName = "Jean-Émile d'Arc"),
        "buyers.0.contact.firstName"
      )
    ).toBe(false)

    const buyer = component(ef, "Buyer").properties as Record<string, OaSchema>
    expect(buyer.birthDate.description).toMatch(/YYYY-MM-DD/)
    // The sample buyer has no birth date (it is optional): add one to each mutated copy.
    const withBirthDate = (date: string) => (r: { buyers: Array<Record<string, unknown>> }) =>
      (r.buyers[0].birthDate = date)
    expect(refused(withBirthDate("01/02/1975"), "buyers.0.birthDate")).toBe(true)
    expect(refused(withBirthDate("1975-02-01"), "buyers.0.birthDate")).toBe(false)

    const amount = (
      component(ef, "SolutionSimulationRequest").properties as Record<string, OaSchema>
    ).financedAmount
    expect(amount.description).toMatch(/positive/)
    expect(amount.description).toMatch(/at most 2 digits/)
    for (const bad of [0, -5, 10.001]) {
      expect(
        SimulateSolutionsRequestSchema.safeParse({ financedAmount: bad, buyerBillingCountry: "FR" })
          .success
      ).toBe(false)
      expect(refused((r) => (r.financedAmount = bad), "financedAmount")).toBe(true)
    }
    expect(
      SimulateSolutionsRequestSchema.safeParse({ financedAmount: 10.01, buyerBillingCountry: "FR" })
        .success
    ).toBe(true)

    const contactDescription = contact.mobilePhoneNumber.description ?? ""
    expect(contactDescription).toMatch(/consistent with the solutionCode's marketCode/)
  })

  it("response schemas know every documented property and require nothing undocumented", () => {
    const problems: string[] = []
    compareResponse(ef, "CreditSubscriptionDtoResponse", SubscriptionSchema, problems)
    compareResponse(ef, "CreditSubscriptionDto", SubscriptionListItemSchema, problems)
    compareResponse(
      ef,
      "PaginationCreditSubscriptionsDtoResponse",
      SubscriptionListResponseSchema,
      problems
    )
    compareResponse(ef, "SolutionSimulationResponse", SimulateSolutionsResponseSchema, problems)
    compareResponse(ef, "SolutionSimulationItem", SolutionSimulationSchema, problems)
    compareResponse(ef, "Simulation", SimulationSchema, problems)
    compareResponse(ef, "Installment", InstallmentSchema, problems)
    compareResponse(ef, "SolutionsResponseList", EligibleSolutionsResponseSchema, problems)
    compareResponse(ef, "ProductsAndServicesResponse", EligibleSolutionSchema, problems)
    compareResponse(ef, "CommunicationKit", CommunicationKitSchema, problems)
    compareResponse(
      ef,
      "InitiateCreditSubscriptionResponse",
      CreateSubscriptionResponseSchema,
      problems
    )
    compareResponse(ef, "Redirect", RedirectSchema, problems)
    compareResponse(ef, "CreditCancellationResponse", CancelSubscriptionResponseSchema, problems)
    compareResponse(ef, "BaasExceptionHttpResponse", BaasErrorResponseSchema, problems)
    compareResponse(wh, "WebhookEventForMerchant", WebhookEventSchema, problems)
    compareResponse(wh, "PageOfWebhookEventsForMerchant", WebhookEventsPageSchema, problems)
    compareResponse(wh, "TriggerHelloWorldEventResponse", TriggerHelloWorldResponseSchema, problems)
    for (const payload of [
      "ScSubscriptionPayload",
      "ScCancelRequestPayload",
      "CiSubscriptionPayload",
      "WebhookPayloadForHelloWorld",
    ]) {
      compareResponse(wh, payload, WebhookEventPayloadSchema, problems)
    }
    expect([...new Set(problems)]).toEqual([])
  })

  it("closed enumerations equal the OpenAPI ones", () => {
    const props = (spec: Json, name: string) =>
      component(spec, name).properties as Record<string, OaSchema>
    expect(
      sameSet(
        CONSOLIDATED_STATUSES,
        props(ef, "CreditSubscriptionDtoResponse").consolidatedStatus.enum ?? []
      )
    ).toBe(true)
    expect(
      sameSet(
        CONSOLIDATED_STATUSES,
        props(ef, "CreditSubscriptionDto").consolidatedStatus.enum ?? []
      )
    ).toBe(true)
    expect(
      sameSet(
        CANCELLATION_STATUSES,
        props(ef, "CreditSubscriptionDtoResponse").cancellationStatus.enum ?? []
      )
    ).toBe(true)
    expect(
      sameSet(
        CANCELLATION_STATUSES,
        props(wh, "ScCancelRequestPayload").cancellationStatus.enum ?? []
      )
    ).toBe(true)
    expect(
      sameSet(CANCEL_RESPONSE_STATUSES, props(ef, "CreditCancellationResponse").status.enum ?? [])
    ).toBe(true)
    expect(
      sameSet(DELIVERY_OPERATORS, props(ef, "ConfirmDeliveryRequest").operator.enum ?? [])
    ).toBe(true)
    expect(sameSet(LOCATION_TYPES, props(ef, "Address").locationType.enum ?? [])).toBe(true)
    expect(sameSet(COMMON_TITLES, props(ef, "Contact").commonTitle.enum ?? [])).toBe(true)
    expect(
      sameSet(
        BUYER_BILLING_COUNTRIES,
        props(ef, "SolutionSimulationRequest").buyerBillingCountry.enum ?? []
      )
    ).toBe(true)
    expect(
      sameSet(WEBHOOK_EVENT_STATUSES, props(wh, "WebhookEventForMerchant").status.enum ?? [])
    ).toBe(true)
    const mapping = Object.keys(component(wh, "WebhookEventPayload").discriminator?.mapping ?? {})
    expect(sameSet(WEBHOOK_EVENT_TYPE_CODES, mapping)).toBe(true)
    const exampleCodes = (
      (wh.paths as Json)["/events"] as {
        get: { parameters: Array<{ name: string; schema: { example?: unknown } }> }
      }
    ).get.parameters.find((p) => p.name === "eventCode")?.schema.example as string[]
    expect(exampleCodes.length).toBeGreaterThan(0)
    for (const code of exampleCodes) expect(WEBHOOK_EVENT_CODES).toContain(code)
    expect(
      WEBHOOK_EVENT_CODES.filter((c) => c.startsWith("SC_SUBSCRIPTION_"))
        .map((c) => c.replace("SC_SUBSCRIPTION_", ""))
        .sort()
    ).toEqual(CONSOLIDATED_STATUSES.filter((st) => st !== "REQUESTED").sort())
  })

  it("every path, method and query parameter the client uses exists", () => {
    const paths = ef.paths as Record<
      string,
      Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }> }>
    >
    const params = (p: string, m: string) =>
      Object.fromEntries(
        (paths[p][m].parameters ?? [])
          .filter((x) => x.in === "query")
          .map((x) => [x.name, Boolean(x.required)])
      )
    expect(Object.keys(paths).sort()).toEqual(
      [
        "/_simulate-solutions",
        "/eligible-solutions",
        "/subscriptions",
        "/subscriptions/{creditSubscriptionId}",
        "/subscriptions/{creditSubscriptionId}/_cancel",
        "/subscriptions/{creditSubscriptionId}/_confirmDelivery",
        "/subscriptions/{creditSubscriptionId}/_confirmReturn",
      ].sort()
    )
    expect(Object.keys(paths["/subscriptions"]).sort()).toEqual(["get", "post"])
    expect(params("/eligible-solutions", "get")).toEqual({
      buyerBillingCountry: true,
      financedAmount: true,
    })
    expect(params("/subscriptions", "post")).toEqual({ language: true })
    expect(params("/subscriptions", "get")).toEqual({
      merchantGlobalOrderId: false,
      merchantBasketId: false,
      page: false,
      pageSize: false,
    })
    const server = (ef.servers as Array<{ url: string }>)[0].url
    expect(server).toBe(`${SCALEXPERT_API_ROOTS.test}${E_FINANCING_PATH}`)

    const whPaths = wh.paths as Record<
      string,
      Record<string, { parameters?: Array<{ name: string; in: string }> }>
    >
    expect(whPaths["/events"].get).toBeDefined()
    expect(whPaths["/events/tests/_trigger"].post).toBeDefined()
    expect((whPaths["/events"].get.parameters ?? []).map((p) => p.name).sort()).toEqual(
      [
        "eventCode",
        "eventTypeCode",
        "fromTimestamp",
        "page",
        "pageSize",
        "sort",
        "status",
        "toTimestamp",
      ].sort()
    )
    expect((wh.servers as Array<{ url: string }>).map((s) => s.url)).toContain(
      `${SCALEXPERT_API_ROOTS.test}${MERCHANT_WEBHOOKS_PATH}`
    )
    expect((wh.servers as Array<{ url: string }>).map((s) => s.url)).toContain(
      `${SCALEXPERT_API_ROOTS.production}${MERCHANT_WEBHOOKS_PATH}`
    )

    expect(`${auth.basePath as string}/oauth2/token`).toBe(TOKEN_PATH)
    const tokenProps = Object.keys(
      (
        (auth.paths as Json)["/oauth2/token"] as {
          post: { responses: { 200: { schema: OaSchema } } }
        }
      ).post.responses[200].schema.properties ?? {}
    )
    for (const p of ["access_token", "token_type", "expires_in"]) {
      expect(tokenProps).toContain(p)
      expect(Object.keys(TokenResponseSchema.shape)).toContain(p)
    }

    const efScopes = Object.keys(
      (
        (ef.components as Json).securitySchemes as {
          "oauth-flows": { flows: { clientCredentials: { scopes: Json } } }
        }
      )["oauth-flows"].flows.clientCredentials.scopes
    )
    expect(efScopes).toEqual([SCOPES.eFinancing])
    const whScopes = Object.keys(
      (
        (wh.components as Json).securitySchemes as {
          "oauth-flows": { flows: { clientCredentials: { scopes: Json } } }
        }
      )["oauth-flows"].flows.clientCredentials.scopes
    )
    expect(whScopes).toEqual([SCOPES.webhooks])
  })
})
