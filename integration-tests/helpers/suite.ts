import type { MedusaContainer } from "@medusajs/framework/types"
import { seedDemoStore, type DemoStore } from "../../scripts/seed-demo"
import type { ResolvedScalexpertOptions } from "../../src/providers/scalexpert/options"
import { getScalexpert } from "../../src/providers/scalexpert/registry"
import { sandboxControl } from "./sandbox"

type GetContainer = () => MedusaContainer

/**
 * The demo store each test starts from: before each test the sandbox (lender and insurer) forgets
 * everything and the store is seeded (a second seed only reads it back). The object returned is
 * refilled in place before each test, so what a suite builds from it once, such as
 * `adminApi(api, demo)`, always reads the current test's store.
 */
export function demoStoreForEachTest(getContainer: GetContainer): DemoStore {
  const demo = {} as DemoStore
  beforeEach(async () => {
    await sandboxControl().reset()
    Object.assign(demo, await seedDemoStore(getContainer()))
  })
  return demo
}

/**
 * The running provider's options, which tests change: `overrides` are applied before each test,
 * and after it the options are put back as configured (what a test added is removed, what it
 * changed inside a nested option too). Read them inside a test: `options().enabledSolutions`.
 */
export function providerOptionsForEachTest(
  getContainer: GetContainer,
  overrides: Partial<ResolvedScalexpertOptions> = {}
): () => ResolvedScalexpertOptions {
  let options: ResolvedScalexpertOptions | undefined
  let configured: ResolvedScalexpertOptions | undefined
  beforeEach(() => {
    options = getScalexpert(getContainer()).options
    configured ??= structuredClone(options)
    Object.assign(options, structuredClone(overrides))
  })
  afterEach(() => {
    if (!options || !configured) return
    for (const key of Object.keys(options) as (keyof ResolvedScalexpertOptions)[]) {
      if (!(key in configured)) delete options[key]
    }
    Object.assign(options, structuredClone(configured))
  })
  return () => {
    if (!options) throw new Error("the provider's options are read inside a test")
    return options
  }
}
