// Security Hub's own verdicts for the CloudTrail/CloudWatch family, shown beside ours. One
// GetFindings stream (100 findings a page, within the 3 requests/s quota: the rate limiter's
// "securityhub:GetFindings" family) filtered on the consolidated control ids and ACTIVE records.
// The same filter is applied again to what comes back: an emulator ignores Filters, and a
// finding outside the family must never be stored as one of ours.
import type { AwsSecurityFinding, StringFilter } from "@aws-sdk/client-securityhub";
import type { CallRecorder } from "@/lib/collect/call-recorder";
import type { RunContext } from "@/lib/collect/run-context";
import type { SecurityHubFindingState } from "@/lib/collect/snapshot-types";

export const FAMILY_CONTROL = /^(CloudTrail|CloudWatch)\.\d+$/;
const PAGE_SIZE = 100;
/** AWS's server-side filter takes at most 20 values per field. */
const MAX_ACCOUNT_FILTER = 20;

export interface NormalizedFinding {
  state: SecurityHubFindingState;
  raw: AwsSecurityFinding;
}

/** The control id of a consolidated finding, or of an older per-standard one (from GeneratorId). */
export function controlIdOf(f: AwsSecurityFinding): string | null {
  const id = f.Compliance?.SecurityControlId ?? f.ProductFields?.ControlId ?? f.GeneratorId?.split("/").pop();
  return id && FAMILY_CONTROL.test(id) ? id : null;
}

export function normalizeFinding(f: AwsSecurityFinding): SecurityHubFindingState | null {
  const controlId = controlIdOf(f);
  if (!controlId || !f.Id || !f.AwsAccountId) return null;
  const status = f.Compliance?.Status;
  return {
    id: f.Id,
    accountId: f.AwsAccountId,
    region: f.Region ?? "",
    controlId,
    complianceStatus:
      status === "PASSED" || status === "FAILED" || status === "WARNING" || status === "NOT_AVAILABLE" ? status : null,
    statusReasons: (f.Compliance?.StatusReasons ?? []).map((r) => ({
      reasonCode: r.ReasonCode,
      description: r.Description,
    })),
    workflowStatus: f.Workflow?.Status ?? f.WorkflowState ?? null,
    recordState: f.RecordState === "ARCHIVED" ? "ARCHIVED" : "ACTIVE",
    resourceIds: (f.Resources ?? []).map((r) => r.Id ?? "").filter(Boolean),
    updatedAt: f.UpdatedAt ?? f.CreatedAt ?? new Date(0).toISOString(),
  };
}

/**
 * Reads the family's ACTIVE findings visible from `accountId`/`region` (the aggregator, or one
 * account in per-account mode). Returns null when a page failed (recorded on `rec`); a region where
 * Security Hub is not enabled yields no findings, not an error.
 */
export async function readSecurityHubFindings(
  ctx: RunContext,
  rec: CallRecorder,
  accountId: string,
  region: string,
  accountFilter?: string[],
): Promise<NormalizedFinding[] | null> {
  await ctx.clients.load("securityhub");
  const { GetFindingsCommand } = await import("@aws-sdk/client-securityhub");
  const hub = ctx.client("securityhub", accountId, region);
  const prefix = (Value: string): StringFilter => ({ Value, Comparison: "PREFIX" });
  const filters = {
    ComplianceSecurityControlId: [prefix("CloudTrail."), prefix("CloudWatch.")],
    RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" as const }],
    ...(accountFilter && accountFilter.length <= MAX_ACCOUNT_FILTER
      ? { AwsAccountId: accountFilter.map((Value): StringFilter => ({ Value, Comparison: "EQUALS" })) }
      : {}),
  };
  const wanted = accountFilter ? new Set(accountFilter) : null;
  const out: NormalizedFinding[] = [];
  let token: string | undefined;
  do {
    const res = await rec.call(
      { service: "securityhub", operation: "GetFindings", region, accountId },
      () => hub.send(new GetFindingsCommand({ Filters: filters, MaxResults: PAGE_SIZE, NextToken: token })),
      // Not subscribed to Security Hub in this account/region: nothing to read, by design.
      { keepRaw: false, expectedErrors: ["InvalidAccessException"] },
    );
    if (!res.ok) return res.expected ? out : null;
    for (const f of res.value.Findings ?? []) {
      const state = normalizeFinding(f);
      if (!state || state.recordState !== "ACTIVE") continue;
      if (wanted && !wanted.has(state.accountId)) continue;
      out.push({ state, raw: f });
    }
    token = res.value.NextToken;
  } while (token);
  return out;
}
