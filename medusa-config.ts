import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The development store: the plugin is loaded from `src/` (this folder is a Medusa application
 * too), the Scalexpert provider is registered exactly as a shop registers the published package,
 * and Scalexpert itself is the local sandbox that `npm run dev` starts.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS ?? "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS ?? "http://localhost:9000",
      authCors: process.env.AUTH_CORS ?? "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET ?? "supersecret",
      cookieSecret: process.env.COOKIE_SECRET ?? "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [
    { resolve: "./src/modules/scalexpert" },
    { resolve: "./src/modules/scalexpert-insurance" },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "./src/providers/scalexpert",
            id: "scalexpert",
            options: {
              clientId: process.env.SCALEXPERT_CLIENT_ID ?? "sandbox-client",
              clientSecret: process.env.SCALEXPERT_CLIENT_SECRET ?? "sandbox-secret",
              environment: process.env.SCALEXPERT_ENVIRONMENT ?? "test",
              // The demo store talks to the local sandbox unless told otherwise.
              baseUrl: process.env.SCALEXPERT_BASE_URL ?? "http://127.0.0.1:4010/baas/uatc",
              webhookSignatureKey: process.env.SCALEXPERT_WEBHOOK_SIGNATURE_KEY,
              backendUrl: process.env.MEDUSA_BACKEND_URL,
              successUrl: process.env.SCALEXPERT_SUCCESS_URL,
              failureUrl: process.env.SCALEXPERT_FAILURE_URL,
              // Insurance on product pages, e.g. "CIFRWE-DXCO,CIFRBS-DXCO" (`npm run dev` sells both).
              insuranceSolutions:
                process.env.SCALEXPERT_INSURANCE_SOLUTIONS?.split(",").filter(Boolean),
            },
          },
        ],
      },
    },
  ],
})
