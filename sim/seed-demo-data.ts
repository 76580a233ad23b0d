// Seeds the demo organization into a running moto and points this process's environment at it,
// so the app started next (collector, worker, web) talks to the simulation with the production
// defaults: Organizations discovery, the TrailwardenReadOnly/TrailwardenRemediation roles and the
// Security Hub aggregator in the delegated administrator account.
import { writeFileSync } from "node:fs";

import { SIM_EXTERNAL_ID } from "@/sim/create-access-roles";
import type { SimManifest } from "@/sim/manifest";
import { seedOrganization, type SeedOrganizationOptions } from "@/sim/seed-organization";

export interface SeedDemoDataOptions extends SeedOrganizationOptions {
  /** Also write the manifest as JSON here (for tools that do not import TypeScript). */
  manifestPath?: string;
  /**
   * Where the seed calls go, when not `endpoint`: moto itself, behind the simulator's proxy. The
   * organization's history predates Trailwarden, so its creation must not appear in the proxy's
   * event history (LookupEvents) as changes made minutes before the first collection.
   */
  seedEndpoint?: string;
}

/** The environment that points Trailwarden at the simulation (callers merge it into theirs). */
export function demoEnvironment(endpoint: string, manifest: SimManifest): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: manifest.securityHubRegion,
    TRAILWARDEN_SECURITYHUB: "aggregator",
    TRAILWARDEN_SECURITYHUB_ACCOUNT: manifest.securityHubAdminAccountId,
    TRAILWARDEN_SECURITYHUB_REGION: manifest.securityHubRegion,
    TRAILWARDEN_EXTERNAL_ID: SIM_EXTERNAL_ID,
  };
}

/** Operations moto lacks answer 500 and are retried: few attempts keep the demo quick. */
const DEMO_DEFAULTS: Record<string, string> = { TRAILWARDEN_AWS_MAX_ATTEMPTS: "2" };

export async function seedDemoData(endpoint: string, opts: SeedDemoDataOptions = {}): Promise<SimManifest> {
  const manifest = await seedOrganization(opts.seedEndpoint ?? endpoint, opts);
  // The endpoint and dummy credentials always win: the demo must never reach a real account.
  Object.assign(process.env, demoEnvironment(endpoint, manifest));
  for (const [key, value] of Object.entries(DEMO_DEFAULTS)) process.env[key] ??= value;
  if (opts.manifestPath) writeFileSync(opts.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
