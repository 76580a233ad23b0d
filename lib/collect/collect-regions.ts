// The regions an account's collection considers: TRAILWARDEN_REGIONS when set (no call), else one
// DescribeRegions with AllRegions, which also says which opt-in regions are disabled. Opting a
// region in or out is a deliberate, rare act, so an answer less than a day old (from the account's
// last snapshot, see load-known-regions.ts) is reused: with a collection every four hours that is
// one call per account and day instead of six. The EC2
// package is loaded only here (it is large; see lib/aws/create-clients.ts).
import type { CallRecorder } from "@/lib/collect/call-recorder";
import type { RunContext } from "@/lib/collect/run-context";
import type { RegionState } from "@/lib/collect/snapshot-types";

export interface AccountRegions {
  regions: RegionState[];
  /** When DescribeRegions answered (now, or the earlier read reused). */
  readAt?: string;
}

export async function collectRegions(ctx: RunContext, rec: CallRecorder, accountId: string): Promise<AccountRegions> {
  const configured = ctx.configuredRegions;
  if (configured) return { regions: configured.map((region) => ({ region, status: "enabled" })) };
  const known = ctx.knownRegions.get(accountId);
  if (known) {
    rec.raw["ec2 DescribeRegions"] = { reusedFromReadAt: known.readAt };
    return known;
  }
  const region = ctx.settings.primaryRegion;
  const readAt = new Date().toISOString();
  await ctx.clients.load("ec2");
  const { DescribeRegionsCommand } = await import("@aws-sdk/client-ec2");
  const ec2 = ctx.client("ec2", accountId, region);
  const res = await rec.call({ service: "ec2", operation: "DescribeRegions", region, accountId }, () =>
    ec2.send(new DescribeRegionsCommand({ AllRegions: true })),
  );
  if (!res.ok) return { regions: [{ region, status: "error" }] };
  const regions = (res.value.Regions ?? [])
    .filter((r) => r.RegionName)
    .map((r): RegionState => ({
      region: r.RegionName!,
      status: r.OptInStatus === "not-opted-in" ? "disabled" : "enabled",
    }))
    .sort((a, b) => a.region.localeCompare(b.region));
  return { regions, readAt };
}
