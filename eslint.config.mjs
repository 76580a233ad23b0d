import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layer order (docs/architecture.md, "Layers"): a module imports only from its own layer or
// the layers below it. Folders not listed (config, db, errors, roles, csv, queue, audit, generated)
// are the platform every layer may use; the platform itself imports no layer.
const LAYERS = [
  ["lib/aws"],
  ["lib/collect"],
  ["lib/controls"],
  ["lib/coverage", "lib/evidence", "lib/remediate", "lib/alerts", "lib/watch", "lib/evaluate"],
  ["lib/views"],
  ["lib/read-models"],
  ["lib/api", "lib/auth", "lib/http", "lib/jobs", "lib/runtime", "app", "components", "cli"],
];
const PLATFORM = ["lib/config", "lib/db", "lib/db.ts", "lib/errors.ts", "lib/roles.ts", "lib/statuses.ts", "lib/csv"];

// Imports that cross the order, each with its reason: target folder → { imported folder: files }.
const CROSSINGS = {
  // lib/db starts the embedded PostgreSQL on a free port.
  "lib/db": { "lib/runtime": ["port.ts"] },
};

function zone(target, from, message) {
  const except = CROSSINGS[target]?.[from]?.map((file) => `./${file}`);
  return { target: `./${target}`, from: `./${from}`, ...(except ? { except } : {}), message };
}

const layerZones = LAYERS.flatMap((layer, i) =>
  layer.flatMap((target) =>
    LAYERS.slice(i + 1)
      .flat()
      .map((from) => zone(target, from, `${target} sits below ${from} in the layer order (docs/architecture.md).`)),
  ),
);
const platformZones = PLATFORM.flatMap((target) =>
  LAYERS.flat().map((from) => zone(target, from, `${target} is platform code: it imports no layer.`)),
);
// lib/views is imported by client components: only other view modules, the control catalogue's
// data and the remediation plan's types, never a module that reads the database or calls AWS.
const clientSafeZones = [
  {
    target: "./lib/views",
    from: "./lib/controls",
    except: ["./catalogue.ts", "./catalogue-cloudtrail.ts", "./catalogue-cloudwatch.ts", "./types.ts"],
    message: "lib/views is client-safe: from lib/controls only the catalogue and its types.",
  },
  {
    target: "./lib/views",
    from: "./lib/remediate",
    except: ["./plan/plan-types.ts", "./verify/verification-types.ts"],
    message: "lib/views is client-safe: from lib/remediate only the plan and verification types.",
  },
  ...["lib/db", "lib/db.ts", "lib/generated", "lib/config", "lib/queue", "lib/audit"].map((from) => ({
    target: "./lib/views",
    from: `./${from}`,
    message: "lib/views is client-safe: no database, environment, queue or audit module.",
  })),
];

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
  {
    files: ["lib/**", "app/**", "components/**", "cli/**"],
    rules: {
      "import/no-restricted-paths": ["error", { zones: [...layerZones, ...platformZones, ...clientSafeZones] }],
    },
  },
];

export default config;
