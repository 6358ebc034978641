import { resolve } from "node:path"
import { build } from "esbuild"

/**
 * The storefront entries must not drag the plugin's server side into a storefront's bundle:
 * neither its server dependencies nor Medusa. Bundled as a storefront's bundler would.
 */
const SERVER_DEPENDENCIES = /node_modules\/(axios|zod|libphonenumber-js|@medusajs\/[^/]+)\//

async function bundledInputs(entry: string) {
  const result = await build({
    entryPoints: [resolve(__dirname, "..", entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: "browser",
    format: "esm",
    jsx: "automatic",
    logLevel: "silent",
    // React is the shop's (an optional peer dependency).
    external: ["react", "react/jsx-runtime", "react-dom"],
  })
  return Object.keys(result.metafile.inputs)
}

describe("the storefront entries load no server dependency", () => {
  it.each(["index.ts", "client.ts"])("storefront/%s", async (entry) => {
    const inputs = await bundledInputs(entry)
    expect(inputs.filter((input) => SERVER_DEPENDENCIES.test(input))).toEqual([])
    expect(inputs.every((input) => input.startsWith("src/storefront/"))).toBe(true)
  })

  it("storefront/client loads no React either", async () => {
    const result = await build({
      entryPoints: [resolve(__dirname, "../client.ts")],
      bundle: true,
      write: false,
      metafile: true,
      platform: "browser",
      format: "esm",
      logLevel: "silent",
    })
    expect(Object.keys(result.metafile.inputs).some((input) => /react/.test(input))).toBe(false)
  })
})
