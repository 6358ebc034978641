import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import ts from "typescript"
import { STARTER_FILES } from "./guide-starter-stubs"

/**
 * docs/storefront-nextjs.md: every block marked `<!-- check: path -->` is a complete file of
 * dtc-starter's `apps/storefront`. They are compiled with the starter's compiler options against
 * the kit's declarations as the package publishes them (its `exports` and `typesVersions`), and
 * the signatures of the starter's files they import (./guide-starter-stubs.ts).
 */
jest.setTimeout(180_000)

const repo = resolve(__dirname, "../../..")
const guide = readFileSync(join(repo, "docs/storefront-nextjs.md"), "utf8")
const snippets = [...guide.matchAll(/<!-- check: (\S+) -->\s*```tsx?\n([\s\S]*?)```/g)].map(
  ([, path, code]) => ({ path, code })
)

let project: string

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

/** node_modules/medusa-payment-scalexpert: package.json and the storefront's declarations. */
function publishKit(target: string) {
  const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"))
  write(
    join(target, "package.json"),
    JSON.stringify({ name: pkg.name, exports: pkg.exports, typesVersions: pkg.typesVersions })
  )
  const program = ts.createProgram(
    [join(repo, "src/storefront/index.ts"), join(repo, "src/storefront/client.ts")],
    {
      declaration: true,
      emitDeclarationOnly: true,
      jsx: ts.JsxEmit.ReactJSX,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2021,
      strict: true,
      skipLibCheck: true,
      rootDir: join(repo, "src/storefront"),
      outDir: join(target, ".medusa/server/src/storefront"),
    }
  )
  const emitted = program.emit()
  expect(emitted.diagnostics).toEqual([])
  cpSync(join(repo, "src/storefront/styles.css"), join(target, "src/storefront/styles.css"))
}

beforeAll(() => {
  const cache = join(repo, "node_modules/.cache")
  mkdirSync(cache, { recursive: true })
  // Inside the repository's node_modules: React's and Medusa's types resolve from there.
  project = mkdtempSync(join(cache, "guide-check-"))
  publishKit(join(project, "node_modules/medusa-payment-scalexpert"))
  for (const [path, text] of Object.entries(STARTER_FILES)) write(join(project, path), text)
  for (const { path, code } of snippets) write(join(project, path), code)
})

afterAll(() => rmSync(project, { recursive: true, force: true }))

describe("the Next.js guide's snippets", () => {
  it("has checked snippets for the kit's client, badge, picker, action, button and routes", () => {
    expect(snippets.map((s) => s.path)).toEqual(
      expect.arrayContaining([
        "src/lib/scalexpert.ts",
        "src/lib/data/scalexpert.ts",
        "src/modules/scalexpert/product-badge.tsx",
        "src/modules/scalexpert/solution-picker.tsx",
        "src/modules/scalexpert/payment-button.tsx",
        "src/app/[countryCode]/(checkout)/scalexpert/failure/route.ts",
        "src/app/[countryCode]/(main)/scalexpert/success/route.ts",
      ])
    )
  })

  it("compile against the kit's published declarations, as the starter compiles", () => {
    const program = ts.createProgram(
      snippets.map(({ path }) => join(project, path)),
      {
        // dtc-starter's apps/storefront/tsconfig.json
        target: ts.ScriptTarget.ES2017,
        lib: ["lib.dom.d.ts", "lib.dom.iterable.d.ts", "lib.esnext.d.ts"],
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        resolveJsonModule: true,
        isolatedModules: true,
        jsx: ts.JsxEmit.Preserve,
        skipLibCheck: true,
        baseUrl: join(project, "src"),
        paths: { "@lib/*": ["lib/*"], "@modules/*": ["modules/*"] },
        types: [],
      }
    )
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.replace(project, "")}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : ""
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`
    })
    expect(diagnostics).toEqual([])
  })
})
