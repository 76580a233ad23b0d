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
  {
    // The job runner sits above the code it runs: lower layers send to a queue through lib/queue/
    // (its name, payload, policy and send), never by importing lib/jobs, which imports them back.
    files: ["lib/**"],
    ignores: ["lib/jobs/**", "lib/runtime/**", "lib/csv/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["csv-stringify", "csv-stringify/*"],
              message: "Write CSV with lib/csv/csv-writer.ts (csvDocument / csvLines): it neutralizes formulas.",
            },
            {
              group: ["@/lib/jobs/*"],
              message:
                "Send to a queue through lib/queue/ (the runner in lib/jobs imports this code, not the reverse).",
            },
          ],
        },
      ],
    },
  },
];

export default config;
