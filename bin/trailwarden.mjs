#!/usr/bin/env node
// `npx trailwarden <command>`: runs cli/main.ts through tsx (no separate build step), on Node 22.12+
// (bin/node-runtime.mjs re-runs it on a Node 24 from the npm registry when the system Node is older).
import { runOnSupportedNode } from "./node-runtime.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

await runOnSupportedNode();
await import("./node-hooks/register.mjs");
const { register } = await import("tsx/esm/api");
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
register({ tsconfig: path.join(root, "tsconfig.json") });
await import("../cli/main.ts");
