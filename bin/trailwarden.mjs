#!/usr/bin/env node
// `npx trailwarden <command>`: runs cli/main.ts through tsx (no separate build step).
import "./node-hooks/register.mjs";
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
register({ tsconfig: path.join(root, "tsconfig.json") });
await import("../cli/main.ts");
