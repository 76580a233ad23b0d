// One account's collection: assume the role, then in parallel its regions, its own trails and
// its Lake event data stores; credit the organization trail (read once per run in the management
// account); then each applicable trail's bucket and log group (each read once per run in its
// owning account). Never throws for an AWS failure: what failed is in the outcome's errors, and
// the status says whether the account could be read at all ("error") or only partly ("partial").
import { assumeInto } from "@/lib/collect/assume-into";
import { CallRecorder, type SharedEvidence } from "@/lib/collect/call-recorder";
import { readBucket } from "@/lib/collect/collect-buckets";
import { collectEventDataStores } from "@/lib/collect/collect-event-data-stores";
import { readLogGroup } from "@/lib/collect/collect-log-groups";
import { collectRegions } from "@/lib/collect/collect-regions";
import { readSecurityHubFindings, type NormalizedFinding } from "@/lib/collect/collect-securityhub";
import { readAccountTrails, type AccountTrails } from "@/lib/collect/collect-trails";
import { sharedRead, type OrgAccount, type RunContext, type SharedRead } from "@/lib/collect/run-context";
import {
  SNAPSHOT_SCHEMA_VERSION,
  type AccountSnapshotState,
  type CollectionError,
  type RegionState,
  type TrailState,
} from "@/lib/collect/snapshot-types";
import type { CollectionStatus } from "@/lib/statuses";

export type AccountStatus = CollectionStatus;

export interface AccountOutcome {
  accountId: string;
  status: AccountStatus;
  /** One line for people: what failed (null when ok). */
  error: string | null;
  collectedAt: Date;
  state: AccountSnapshotState;
  raw: Record<string, unknown>;
  /** Shared reads the snapshot relies on (raw kept once per run). */
  shared: SharedEvidence[];
  apiCalls: number;
  /** Security Hub findings read for this account (per-account mode only). */
  findings: AccountFindings | null;
}

export interface AccountFindings {
  items: NormalizedFinding[];
  /** Regions read completely (their unseen findings may be archived). */
  regionsRead: string[];
}

/** The management account's trails, read once per run for its own snapshot and every member's credit. */
function managementTrails(
  ctx: RunContext,
  rec: CallRecorder,
  managementAccountId: string,
): Promise<SharedRead<AccountTrails | null>> {
  return sharedRead(ctx, `trails:${managementAccountId}`, rec, async (child) => {
    if (!(await assumeInto(ctx, child, managementAccountId)).ok) return null;
    return readAccountTrails(ctx, child, managementAccountId);
  });
}

export function describeError(e: CollectionError): string {
  const where = [e.accountId && `account ${e.accountId}`, e.region, e.resource].filter(Boolean).join(", ");
  return `${e.code} on ${e.service}:${e.operation}${where ? ` (${where})` : ""}: ${e.message}`;
}

function summarize(status: AccountStatus, errors: CollectionError[]): string | null {
  const failures = errors.filter((e) => e.kind !== "unsupported");
  if (status === "ok" || failures.length === 0) return null;
  if (status === "error") return describeError(failures[0]!);
  const shown = failures.slice(0, 3).map(describeError).join("; ");
  return `${failures.length} call${failures.length > 1 ? "s" : ""} failed: ${shown}${failures.length > 3 ? "; …" : ""}`;
}

/** Regions whose calls were refused as from an unknown client are marked disabled or unreachable. */
function markRegions(regions: RegionState[], errors: CollectionError[], configured: boolean): RegionState[] {
  const out = regions.map((r) => ({ ...r }));
  for (const e of errors) {
    if (!e.region || !["region_disabled", "network", "timeout"].includes(e.kind)) continue;
    const status: RegionState["status"] = e.kind === "region_disabled" && configured ? "disabled" : "error";
    const r = out.find((x) => x.region === e.region);
    if (r && r.status === "enabled") r.status = status;
  }
  return out;
}

export async function collectAccount(ctx: RunContext, account: OrgAccount): Promise<AccountOutcome> {
  const id = account.id;
  const rec = new CallRecorder(id, ctx.stats);
  const collectedAt = new Date();
  const state: AccountSnapshotState = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    accountId: id,
    partition: ctx.hub.partition,
    collectedAt: collectedAt.toISOString(),
    regions: [],
    trails: [],
    eventDataStores: null,
    buckets: {},
    logGroups: {},
    organization: ctx.organization,
    errors: rec.errors,
  };
  const finish = (fatal: boolean, findings: AccountFindings | null = null): AccountOutcome => {
    const failed = rec.errors.some((e) => e.kind !== "unsupported");
    const status: AccountStatus = fatal ? "error" : failed ? "partial" : "ok";
    return {
      accountId: id,
      status,
      error: summarize(status, rec.errors),
      collectedAt,
      state,
      raw: rec.raw,
      shared: rec.shared,
      apiCalls: rec.calls,
      findings,
    };
  };

  if (!(await assumeInto(ctx, rec, id)).ok) return finish(true);

  const mgmt = ctx.organization?.managementAccountId;
  const ownTrails = async (): Promise<AccountTrails> => {
    if (id !== mgmt) return readAccountTrails(ctx, rec, id);
    const shared = await managementTrails(ctx, rec, id);
    rec.merge(shared.evidence);
    return shared.value ?? { listed: false, owned: [], unread: [], foreign: [] };
  };
  const [accountRegions, own, eventDataStores] = await Promise.all([
    collectRegions(ctx, rec, id),
    ownTrails(),
    collectEventDataStores(ctx, rec, id),
  ]);
  const regions = accountRegions.regions;
  if (accountRegions.readAt) state.regionsReadAt = accountRegions.readAt;
  state.eventDataStores = eventDataStores;
  if (!own.listed) {
    state.regions = regions;
    return finish(true);
  }

  // The organization trail applies to every member, listed in its ListTrails or not (moto never
  // lists it; AWS lists it under the management account's ARN, which readAccountTrails skipped).
  const credited: TrailState[] = [];
  if (mgmt && id !== mgmt) {
    const shared = await managementTrails(ctx, rec, mgmt);
    rec.merge(shared.evidence);
    for (const t of shared.value?.owned ?? [])
      if (t.isOrganizationTrail) credited.push({ ...t, appliesVia: "organization" });
  }
  const ownArns = new Set(own.owned.map((t) => t.arn));
  state.trails = [...own.owned, ...credited.filter((t) => !ownArns.has(t.arn))];
  if (own.unread.length > 0) state.unreadTrails = own.unread;

  await Promise.all(
    state.trails.flatMap((t) => [
      t.s3BucketName &&
        readBucket(ctx, rec, t.s3BucketName, t.ownerAccountId, t.homeRegion).then((b) => {
          rec.merge(b.evidence);
          state.buckets[b.value.name] = b.value;
        }),
      t.cloudWatchLogsLogGroupArn &&
        readLogGroup(ctx, rec, t.cloudWatchLogsLogGroupArn).then((g) => {
          rec.merge(g.evidence);
          state.logGroups[g.value.arn] = g.value;
        }),
    ]),
  );

  let findings: AccountFindings | null = null;
  if (ctx.settings.securityHub.mode === "per-account") {
    const enabled = regions.filter((r) => r.status === "enabled").map((r) => r.region);
    const perRegion = await Promise.all(
      enabled.map(async (region) => ({ region, items: await readSecurityHubFindings(ctx, rec, id, region, [id]) })),
    );
    findings = {
      items: perRegion.flatMap((r) => r.items ?? []),
      regionsRead: perRegion.filter((r) => r.items !== null).map((r) => r.region),
    };
  }
  state.regions = markRegions(regions, rec.errors, Boolean(ctx.configuredRegions));
  return finish(false, findings);
}
