// Aggregator mode: one GetFindings stream for the whole organization, read in the delegated
// administrator's aggregation region (TRAILWARDEN_SECURITYHUB_ACCOUNT/REGION; by default the
// administrator Security Hub names in the management account, else the management account, and
// the primary region) through the same assumed role as every account.
// It runs beside the accounts' collection; a failure here is a note on the run, never an
// account failure.
import { assumeInto } from "@/lib/collect/assume-into";
import { CallRecorder } from "@/lib/collect/call-recorder";
import { describeError } from "@/lib/collect/collect-account";
import { readSecurityHubFindings } from "@/lib/collect/collect-securityhub";
import type { RunContext } from "@/lib/collect/run-context";
import { archiveUnseenFindings, storeFindings } from "@/lib/collect/store-findings";

export interface SecurityHubIngest {
  mode: "aggregator" | "per-account" | "off";
  accountId?: string;
  region?: string;
  read: number;
  stored: number;
  archived: number;
  apiCalls: number;
  error: string | null;
}

/** TRAILWARDEN_SECURITYHUB_ACCOUNT, else the delegated administrator, else the management account. */
async function administrator(ctx: RunContext, rec: CallRecorder, region: string): Promise<string> {
  if (ctx.settings.securityHub.accountId) return ctx.settings.securityHub.accountId;
  const mgmt = ctx.organization?.managementAccountId;
  if (!mgmt) return ctx.hub.accountId;
  // A lookup only: its failure (not allowed, not implemented) falls back without failing the read.
  const lookup = rec.child();
  if (!(await assumeInto(ctx, lookup, mgmt)).ok) return mgmt;
  await ctx.clients.load("securityhub");
  const { ListOrganizationAdminAccountsCommand } = await import("@aws-sdk/client-securityhub");
  const hub = ctx.client("securityhub", mgmt, region);
  const res = await lookup.call(
    { service: "securityhub", operation: "ListOrganizationAdminAccounts", region, accountId: mgmt },
    () => hub.send(new ListOrganizationAdminAccountsCommand({})),
  );
  return (res.ok && res.value.AdminAccounts?.find((a) => a.Status === "ENABLED")?.AccountId) || mgmt;
}

export async function ingestSecurityHub(ctx: RunContext, scopeAccountIds: string[] | null): Promise<SecurityHubIngest> {
  const mode = ctx.settings.securityHub.mode;
  const none: SecurityHubIngest = { mode, read: 0, stored: 0, archived: 0, apiCalls: 0, error: null };
  if (mode !== "aggregator") return none;
  const region = ctx.settings.securityHub.region ?? ctx.settings.primaryRegion;
  const rec = new CallRecorder("securityhub", ctx.stats);
  const startedAt = new Date();
  const accountId = await administrator(ctx, rec, region);
  const result: SecurityHubIngest = { ...none, accountId, region };
  try {
    const assumed = await assumeInto(ctx, rec, accountId);
    const findings = assumed.ok
      ? await readSecurityHubFindings(ctx, rec, accountId, region, scopeAccountIds ?? undefined)
      : null;
    if (findings) {
      result.read = findings.length;
      result.stored = (await storeFindings(findings, startedAt)).stored;
      // Only a complete read says what is no longer active.
      result.archived = await archiveUnseenFindings({ accountIds: scopeAccountIds ?? undefined }, startedAt);
    }
    const failure = rec.errors.find((e) => e.kind !== "unsupported");
    if (failure) result.error = `Security Hub (${accountId}/${region}): ${describeError(failure)}`;
  } catch (err) {
    result.error = `Security Hub (${accountId}/${region}): ${(err as Error).message}`;
  }
  result.apiCalls = rec.calls;
  return result;
}
