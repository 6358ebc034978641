/**
 * The demo shop's server: builds the single-page shop (Vite, React, the plugin's storefront kit)
 * once at start, then serves it with its configuration (the Medusa backend URL and the publishable
 * key). The shop's browser talks to Medusa directly, as any storefront does: the backend's
 * `STORE_CORS` must allow the shop's origin.
 *
 * `npm run dev` starts it on port 8000, the port of the provider's default `successUrl` and
 * `failureUrl`; on another port, give Medusa `SCALEXPERT_SUCCESS_URL`, `SCALEXPERT_FAILURE_URL`
 * and `STORE_CORS` for it (see `demoStorefrontUrls`).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import type { Server } from "node:http"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import express from "express"
import { CART_COOKIE, cartIdOf, cartRoutes } from "./cart-session"

export type DemoStorefrontOptions = {
  /** Default 8000; 0 picks a free port. */
  port?: number
  /** Interface to listen on (default: all, so that both `localhost` and `127.0.0.1` work). */
  host?: string
  /** The Medusa backend the shop's browser calls, e.g. `http://localhost:9000`. */
  backendUrl: string
  /** A publishable API key of the demo's sales channel. */
  publishableKey: string
  /** Where Vite's messages go (default: only warnings and errors, on the console). */
  quiet?: boolean
}

export type DemoStorefront = {
  /** `http://localhost:PORT` */
  url: string
  port: number
  close(): Promise<void>
}

/** The provider options that send shoppers back to a demo shop at `shopUrl`. */
export function demoStorefrontUrls(shopUrl: string) {
  return {
    SCALEXPERT_SUCCESS_URL: `${shopUrl}/scalexpert/success?order_id={order_id}&cart_id={cart_id}&status={status}`,
    SCALEXPERT_FAILURE_URL: `${shopUrl}/scalexpert/failure?cart_id={cart_id}&country_code={country_code}&reason={reason}&status={status}`,
  }
}

const root = resolve(__dirname)

async function buildShop(outDir: string, quiet: boolean) {
  // Vite is an ES module; this file is loaded as CommonJS by tsx and Jest.
  const { build } = await import("vite")
  await build({
    root,
    configFile: false,
    logLevel: quiet ? "silent" : "warn",
    // No React plugin: esbuild's automatic JSX runtime is all the shop needs.
    esbuild: { jsx: "automatic" },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: true,
      reportCompressedSize: false,
      rollupOptions: {
        onwarn(warning, warn) {
          // The kit's "use client" (for Next.js) means nothing in this bundle.
          if (warning.code === "MODULE_LEVEL_DIRECTIVE" || warning.code === "SOURCEMAP_ERROR") {
            return
          }
          warn(warning)
        },
      },
    },
  })
}

export async function startDemoStorefront(options: DemoStorefrontOptions): Promise<DemoStorefront> {
  const outDir = mkdtempSync(join(tmpdir(), "scalexpert-demo-shop-"))
  try {
    await buildShop(outDir, options.quiet ?? false)
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true })
    throw error
  }
  const config = {
    backendUrl: options.backendUrl.replace(/\/+$/, ""),
    publishableKey: options.publishableKey,
  }
  const indexHtml = readFileSync(join(outDir, "index.html"), "utf8")
  // The page as the server renders it: with the cart id of the cookie the browser sent, if any.
  const page = (cartId: string | undefined) =>
    indexHtml.replace(
      /<!-- scalexpert-demo-config[^>]*-->/,
      `<script>window.__SCALEXPERT_DEMO__ = ${JSON.stringify({ ...config, cartId }).replace(/</g, "\\u003c")}</script>`
    )

  const app = express()
  app.disable("x-powered-by")
  app.use(express.static(outDir, { index: false }))
  app.use(cartRoutes(config))
  // The order exists: the cart cookie goes (whatever site the journey started on).
  app.get("/scalexpert/success", (_req, res) => {
    res
      .clearCookie(CART_COOKIE, { path: "/" })
      .type("html")
      .set("cache-control", "no-store")
      .send(page(undefined))
  })
  // A single-page app: every other GET is the shop's page (its router reads the path).
  app.get("*", (req, res) => {
    res
      .type("html")
      .set("cache-control", "no-store")
      .send(page(cartIdOf(req)))
  })

  const server = await new Promise<Server>((done, fail) => {
    const port = options.port ?? 8000
    const listening = options.host
      ? app.listen(port, options.host, () => done(listening))
      : app.listen(port, () => done(listening))
    listening.once("error", fail)
  })
  const address = server.address()
  const port = typeof address === "object" && address ? address.port : (options.port ?? 8000)
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections?.()
        server.close(() => {
          rmSync(outDir, { recursive: true, force: true })
          done()
        })
      }),
  }
}
