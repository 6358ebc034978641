const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// TEST_TYPE picks the suite: "unit" (pure code, the Scalexpert client and the sandbox) or
// "integration:http" (a real Medusa server on real PostgreSQL, driven through its HTTP API).
const suites = {
  unit: ["**/src/**/__tests__/**/*.spec.[jt]s?(x)", "**/sandbox/**/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/**/*.spec.[jt]s"],
  // `npm run bench` (scripts/bench/run.ts): the figures of issue #13, on the integration stack.
  bench: ["**/scripts/bench/**/*.bench.[jt]s"],
  // Two servers and a worker on Redis, as README.md's "Production" section (own set-up).
  topology: ["**/integration-tests/topology/**/*.spec.[jt]s"],
}

const testType = process.env.TEST_TYPE ?? "unit"
if (!suites[testType]) {
  throw new Error(`Unknown TEST_TYPE "${testType}": use one of ${Object.keys(suites).join(", ")}`)
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", tsx: true, decorators: true },
          transform: { react: { runtime: "automatic" } },
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  testMatch: suites[testType],
  // The topology test shares the PostgreSQL of the integration tests' set-up (and starts the rest).
  ...(testType === "integration:http" || testType === "bench" || testType === "topology"
    ? {
        globalSetup: "<rootDir>/integration-tests/setup/global-setup.ts",
        globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.ts",
        setupFiles: ["<rootDir>/integration-tests/setup/setup.js"],
      }
    : {}),
}
