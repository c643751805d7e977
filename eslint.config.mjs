import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Product code never reaches into developer tooling (dev/: the simulator) or test support (test/); tests may.
const toolingImports = [
  {
    group: ["@/dev/*", "@/test/*", "**/dev/*", "**/test/*"],
    message: "Product code must not import the simulator (dev/) or test support (test/).",
  },
];
// Components present what they are given: reading and writing the database is for app/ routes, server actions and lib/.
const dataImports = [
  {
    group: ["@/lib/*/data", "@/lib/*/mutations", "@/lib/db"],
    message:
      "Components must not import data or mutations modules: load in the route, write through a server action.",
  },
];
const testFiles = ["**/*.test.ts", "**/*.test.tsx"];

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    ignores: testFiles,
    rules: { "no-restricted-imports": ["error", { patterns: toolingImports }] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    ignores: testFiles,
    rules: {
      "no-restricted-imports": ["error", { patterns: [...toolingImports, ...dataImports] }],
    },
  },
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "node_modules/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      ".vigil/**",
    ],
  },
];

export default config;
