// Registers the module hooks every plain Node entry point of Trailwarden needs (bin/trailwarden.mjs
// imports it; scripts run through tsx pass `--import ./bin/node-hooks/register.mjs`).
import { register } from "node:module";

register("./server-only.mjs", import.meta.url);
