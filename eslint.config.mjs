import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      "node_modules/**",
      ".trailwarden/**",
      "test-results/**",
      "playwright-report/**",
      ".venv-test-tools/**",
      ".schemathesis/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Every CSV export goes through lib/csv/csv-writer.ts, which neutralizes spreadsheet formulas.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["csv-stringify", "csv-stringify/*"],
              message: "Write CSV with lib/csv/csv-writer.ts (csvDocument / csvLines): it neutralizes formulas.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/csv/**"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
