// Checks, independently of Trailwarden's collector and evaluator, that an account has what the end
// state of docs/controls.md requires: straight SDK reads through the simulator's own access role,
// compared with the simulator's own copy of the CIS patterns. Returns the problems found (none: pass).
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from "@aws-sdk/client-cloudtrail";
import { DescribeAlarmsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { DescribeMetricFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetBucketLoggingCommand, GetPublicAccessBlockCommand } from "@aws-sdk/client-s3";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { accountClients, type SimClients } from "@/sim/aws-env";
import { CIS_FILTERS } from "@/sim/cis-patterns";
import type { SimManifest } from "@/sim/manifest";

export interface EndStateReport {
  problems: string[];
  /** The trail that satisfies CloudTrail.1 (ARN), for further checks. */
  primaryTrail: string | null;
  ownTrails: Trail[];
}

function ownerOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

export class SdkChecker {
  private readonly cache = new Map<string, Promise<SimClients>>();
  constructor(
    private readonly endpoint: string,
    private readonly manifest: SimManifest,
  ) {}

  clients(accountId: string): Promise<SimClients> {
    let c = this.cache.get(accountId);
    if (!c) this.cache.set(accountId, (c = accountClients(this.endpoint, accountId)));
    return c;
  }

  destroy(): void {
    for (const c of this.cache.values()) void c.then((x) => x.destroy());
  }

  async ownTrails(accountId: string): Promise<Trail[]> {
    const c = await this.clients(accountId);
    const list = (await c.cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? [];
    return list.filter((t) => t.TrailARN && ownerOf(t.TrailARN) === accountId);
  }

  private async logsAllManagement(c: SimClients, trail: Trail): Promise<boolean> {
    const sel = await c.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trail.Name }));
    if ((sel.AdvancedEventSelectors ?? []).length > 0) {
      return sel.AdvancedEventSelectors!.some((s) => {
        const fields = s.FieldSelectors ?? [];
        return (
          fields.some((f) => f.Field === "eventCategory" && f.Equals?.includes("Management")) &&
          !fields.some((f) => f.Field === "readOnly" || f.Field === "eventSource")
        );
      });
    }
    return (sel.EventSelectors ?? []).some(
      (s) =>
        s.ReadWriteType === "All" &&
        s.IncludeManagementEvents !== false &&
        (s.ExcludeManagementEventSources ?? []).length === 0,
    );
  }

  private bucketOwner(bucket: string, trailOwner: string): string {
    return (
      this.manifest.buckets.find((b) => b.name === bucket)?.ownerAccountId ??
      (bucket === this.manifest.centralBucketName ? this.manifest.logArchiveAccountId : trailOwner)
    );
  }

  async check(accountId: string): Promise<EndStateReport> {
    const problems: string[] = [];
    const own = await this.ownTrails(accountId);
    const org = this.manifest.organizationTrailArn;
    const candidates: { trail: Trail; owner: string }[] = own.map((t) => ({ trail: t, owner: accountId }));
    if (org && ownerOf(org) !== accountId) {
      const mgmt = await this.ownTrails(ownerOf(org));
      const orgTrail = mgmt.find((t) => t.TrailARN === org);
      if (orgTrail) candidates.push({ trail: orgTrail, owner: ownerOf(org) });
    }
    const qualifying: { trail: Trail; owner: string }[] = [];
    for (const cand of candidates) {
      const c = await this.clients(cand.owner);
      const t = cand.trail;
      const label = `trail ${t.Name} (${cand.owner})`;
      if (!t.KmsKeyId) problems.push(`${label}: no KmsKeyId`);
      if (!t.LogFileValidationEnabled) problems.push(`${label}: log file validation off`);
      if (!t.CloudWatchLogsLogGroupArn) problems.push(`${label}: no CloudWatch Logs group`);
      if (t.S3BucketName) {
        const bc = await this.clients(this.bucketOwner(t.S3BucketName, cand.owner));
        const pab = (await bc.s3.send(new GetPublicAccessBlockCommand({ Bucket: t.S3BucketName })))
          .PublicAccessBlockConfiguration;
        if (!(pab?.BlockPublicAcls && pab.IgnorePublicAcls && pab.BlockPublicPolicy && pab.RestrictPublicBuckets))
          problems.push(`${label}: bucket ${t.S3BucketName} public access block not fully on`);
        const logging = await bc.s3.send(new GetBucketLoggingCommand({ Bucket: t.S3BucketName }));
        if (!logging.LoggingEnabled?.TargetBucket)
          problems.push(`${label}: bucket ${t.S3BucketName} has no server access logging`);
      }
      const status = await c.cloudtrail.send(new GetTrailStatusCommand({ Name: t.Name }));
      if (t.IsMultiRegionTrail && status.IsLogging && (await this.logsAllManagement(c, t))) qualifying.push(cand);
    }
    if (qualifying.length === 0) {
      problems.push("no multi-region trail that is logging and records all read and write management events");
      return { problems, primaryTrail: null, ownTrails: own };
    }
    // CIS alarms count on any qualifying trail's log group (the organization trail's, for a member).
    let best: { arn: string; problems: string[] } | undefined;
    for (const q of qualifying) {
      const cis = await this.checkCis(q.owner, q.trail);
      if (!best || cis.length < best.problems.length) best = { arn: q.trail.TrailARN ?? "", problems: cis };
    }
    problems.push(...best!.problems);
    return { problems, primaryTrail: best!.arn, ownTrails: own };
  }

  private async checkCis(owner: string, trail: Trail): Promise<string[]> {
    const problems: string[] = [];
    const groupArn = trail.CloudWatchLogsLogGroupArn ?? "";
    const groupName = groupArn.split(":log-group:")[1]?.replace(/:\*$/, "") ?? "";
    const c = await this.clients(owner);
    const filters =
      (await c.logs.send(new DescribeMetricFiltersCommand({ logGroupName: groupName }))).metricFilters ?? [];
    const names = filters.map((f) => f.filterName);
    if (new Set(names).size !== names.length)
      problems.push(`log group ${groupName}: duplicate metric filter names ${names.join(", ")}`);
    const alarms: MetricAlarm[] = [];
    let next: string | undefined;
    do {
      const page = await c.cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 100, NextToken: next }));
      alarms.push(...(page.MetricAlarms ?? []));
      next = page.NextToken;
    } while (next);
    for (const cis of CIS_FILTERS) {
      const exact = filters.filter((f) => f.filterPattern === cis.pattern);
      if (exact.length === 0) {
        problems.push(`${cis.controlId}: no metric filter with exactly the CIS pattern on ${groupName}`);
        continue;
      }
      let ok = false;
      for (const f of exact) {
        for (const m of f.metricTransformations ?? []) {
          for (const a of alarms.filter(
            (x) => x.MetricName === m.metricName && x.Namespace === m.metricNamespace && x.ActionsEnabled !== false,
          )) {
            if (a.AlarmName?.startsWith("trailwarden-cis-")) {
              const cisShape =
                a.Statistic === "Sum" &&
                a.Period === 300 &&
                a.Threshold === 1 &&
                a.ComparisonOperator === "GreaterThanOrEqualToThreshold" &&
                a.EvaluationPeriods === 1 &&
                a.TreatMissingData === "notBreaching";
              if (!cisShape) problems.push(`${cis.controlId}: alarm ${a.AlarmName} is not shaped as CIS builds it`);
            }
            for (const topic of (a.AlarmActions ?? []).filter((x) => x.includes(":sns:"))) {
              const subs =
                (await c.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }))).Subscriptions ?? [];
              if (subs.some((s) => s.SubscriptionArn && s.SubscriptionArn !== "PendingConfirmation")) ok = true;
            }
          }
        }
      }
      if (!ok) problems.push(`${cis.controlId}: no alarm with a subscribed SNS topic on the CIS filter's metric`);
    }
    return problems;
  }
}
