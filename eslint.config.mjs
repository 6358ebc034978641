import js from "@eslint/js"
import tseslint from "typescript-eslint"
import prettier from "eslint-config-prettier"

/** Server code: the admin and the storefront reach it over HTTP only. */
const SERVER_ROOMS = [
  "**/providers/**",
  "**/workflows/**",
  "**/api/**",
  "**/modules/**",
  "**/subscribers/**",
  "**/jobs/**",
]

export default tseslint.config(
  { ignores: ["node_modules/", ".medusa/", ".data/", "artifacts/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  // Rooms (issue #10): what each part of src/ may import.
  {
    files: ["src/scalexpert/**/*.ts"],
    ignores: ["src/scalexpert/**/__tests__/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@medusajs/*"], message: "src/scalexpert/ knows nothing of Medusa." },
            {
              group: SERVER_ROOMS.concat(["**/admin/**", "**/storefront/**"]),
              message:
                "src/scalexpert/ is the Scalexpert contract alone: it imports no plugin code.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/admin/**/*.{ts,tsx}", "src/storefront/**/*.{ts,tsx}"],
    ignores: ["src/**/__tests__/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: SERVER_ROOMS,
              message:
                "The admin and the storefront speak to the server over HTTP only: share response types through a types-only module.",
            },
          ],
        },
      ],
    },
  },
  // The sandbox plays the lender: it shares no code with the plugin (issue #11).
  {
    files: ["sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/src/**", "**/src"],
              message:
                "sandbox/ imports nothing from src/: its contract comes from the OpenAPI documents (sandbox/contract/).",
            },
          ],
        },
      ],
    },
  },
  prettier
)
