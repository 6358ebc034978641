import { resolveOptions } from "../options"
import {
  isLoopbackHost,
  productionProblems,
  productionWarnings,
  type GuardedOptions,
} from "../production-guards"

/** Options a live shop would give. */
const live = {
  clientId: "live-client",
  clientSecret: "live-secret",
  environment: "production",
  webhookSignatureKey: "a-long-random-key",
  backendUrl: "https://api.shop.example",
  successUrl: "https://shop.example/scalexpert/success?order_id={order_id}",
  failureUrl: "https://shop.example/checkout?step=payment&scalexpert_error={reason}",
}

const refusal = (raw: Record<string, unknown>) => {
  try {
    resolveOptions(raw)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("the options were accepted")
}

describe("production guards", () => {
  it("accept a live shop's options", () => {
    expect(resolveOptions(live).environment).toBe("production")
    expect(productionProblems(resolveOptions(live))).toEqual([])
  })

  it.each([
    ["backendUrl", "http://localhost:9000"],
    ["backendUrl", "https://127.0.0.1:9000"],
    ["backendUrl", "http://api.shop.example"],
    ["successUrl", "https://localhost/scalexpert/success?order_id={order_id}"],
    ["successUrl", "http://shop.example/scalexpert/success"],
    ["failureUrl", "https://127.0.0.1:8000/checkout"],
    ["failureUrl", "http://shop.example/checkout"],
    ["backendUrl", "https://[::1]:9000"],
    ["successUrl", "https://shop.localhost/success"],
  ])("refuse %s = %s in production, naming the option", (option, value) => {
    const message = refusal({ ...live, [option]: value })
    expect(message).toContain(`\`${option}\``)
    expect(message).toContain('environment "production"')
    // Only that option is named.
    for (const other of ["backendUrl", "successUrl", "failureUrl"].filter((o) => o !== option)) {
      expect(message).not.toContain(`\`${other}\``)
    }
  })

  it("refuse the localhost defaults of the URLs when production does not set them", () => {
    const { backendUrl: _b, successUrl: _s, failureUrl: _f, ...rest } = live
    const message = refusal(rest)
    expect(message).toContain("`backendUrl` points at localhost")
    expect(message).toContain("`successUrl` points at localhost")
    expect(message).toContain("`failureUrl` points at localhost")
  })

  it("refuse a missing webhookSignatureKey in production", () => {
    const { webhookSignatureKey: _k, ...rest } = live
    expect(refusal(rest)).toContain("`webhookSignatureKey` is required in production")
  })

  it("refuse a baseUrl override in production", () => {
    expect(refusal({ ...live, baseUrl: "https://api.scalexpert.example/baas/prod" })).toContain(
      "`baseUrl` may not be overridden in production"
    )
  })

  it("name every problem at once", () => {
    const message = refusal({
      clientId: "c",
      clientSecret: "s",
      environment: "production",
      baseUrl: "http://127.0.0.1:4010/baas/uatc",
    })
    for (const option of [
      "backendUrl",
      "successUrl",
      "failureUrl",
      "webhookSignatureKey",
      "baseUrl",
    ]) {
      expect(message).toContain(`\`${option}\``)
    }
  })

  it("leave the test environment alone (localhost, http, sandbox, no key)", () => {
    const options = resolveOptions({
      clientId: "c",
      clientSecret: "s",
      baseUrl: "http://127.0.0.1:4010/baas/uatc",
    })
    expect(options.environment).toBe("test")
    expect(productionProblems(options)).toEqual([])
  })

  it("never put the key or the secret in the message", () => {
    const message = refusal({ ...live, backendUrl: "http://localhost:9000" })
    expect(message).not.toContain(live.webhookSignatureKey)
    expect(message).not.toContain(live.clientSecret)
  })

  it("recognise loopback hosts", () => {
    for (const host of ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "0.0.0.0"]) {
      expect(isLoopbackHost(host)).toBe(true)
    }
    for (const host of ["shop.example", "10.0.0.1", "localhost.shop.example", "128.0.0.1"]) {
      expect(isLoopbackHost(host)).toBe(false)
    }
  })
})

describe("production warnings", () => {
  const test = { environment: "test" } as Pick<GuardedOptions, "environment">

  it("warn when NODE_ENV is production and the environment is test", () => {
    const [warning, ...rest] = productionWarnings(test, "production")
    expect(rest).toEqual([])
    expect(warning.code).toBe("test_environment_in_production")
    expect(warning.message).toContain("`environment`")
  })

  it("say nothing in development, in tests, or in production with the production environment", () => {
    expect(productionWarnings(test, "development")).toEqual([])
    expect(productionWarnings(test, "test")).toEqual([])
    expect(productionWarnings(test, undefined)).toEqual([])
    expect(productionWarnings({ environment: "production" }, "production")).toEqual([])
  })
})
