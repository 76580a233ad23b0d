// Generates the Prisma client offline.
// Prisma 7's CLI looks for its native schema-engine binary before `generate`, although generate never
// runs it, and tries to download it from Prisma's CDN when it is missing (which fails offline).
// Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the lookup. Migrations are
// applied by lib/db/migrate.ts, not by the CLI (see README, "Database and migrations").
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = `${root}node_modules/prisma/build/index.js`;
if (!existsSync(cli)) {
  console.error("prisma-generate: node_modules/prisma is missing; run `npm ci` first");
  process.exit(1);
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const result = spawnSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
