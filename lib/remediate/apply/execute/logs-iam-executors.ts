// CloudWatch Logs executors, and the one IAM read remediation makes. A log group's existing
// retention is never changed (shortening it would delete logs). A metric filter is only put when
// no filter of the group already has the pattern: CloudWatch Logs replaces a filter of the same
// name (and moto appends a duplicate). Remediation writes nothing to IAM.
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  PutMetricFilterCommand,
  PutRetentionPolicyCommand,
  type CloudWatchLogsClient,
  type LogGroup,
  type PutMetricFilterCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";
import { GetRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { patternKey } from "@/lib/controls/filter-pattern";
import { changed, hasCode, input, unchanged, type Executor } from "@/lib/remediate/apply/execute/executor-types";

async function findGroup(logs: CloudWatchLogsClient, name: string): Promise<LogGroup | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }));
    const found = page.logGroups?.find((g) => g.logGroupName === name);
    if (found) return found;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

const createLogGroup: Executor = async ({ clients }, params) => {
  const name = String(params.logGroupName);
  if (await findGroup(clients.logs, name)) return unchanged({ logGroupName: name });
  try {
    await clients.logs.send(
      new CreateLogGroupCommand({ logGroupName: name, tags: params.tags as Record<string, string> }),
    );
  } catch (err) {
    if (hasCode(err, "ResourceAlreadyExistsException")) return unchanged({ logGroupName: name });
    throw err;
  }
  return changed({ logGroupName: name });
};

const putRetentionPolicy: Executor = async ({ clients }, params) => {
  const name = String(params.logGroupName);
  const group = await findGroup(clients.logs, name);
  if (group?.retentionInDays) return unchanged({ retentionInDays: group.retentionInDays });
  await clients.logs.send(
    new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: Number(params.retentionInDays) }),
  );
  return changed({ retentionInDays: Number(params.retentionInDays) });
};

const putMetricFilter: Executor = async ({ clients }, params) => {
  const group = String(params.logGroupName);
  const name = String(params.filterName);
  const key = patternKey(String(params.filterPattern));
  const wanted = (params.metricTransformations as { metricName: string; metricNamespace: string }[])[0];
  let nextToken: string | undefined;
  do {
    const page = await clients.logs.send(new DescribeMetricFiltersCommand({ logGroupName: group, nextToken }));
    for (const f of page.metricFilters ?? []) {
      // The same pattern feeding the same metric (this step ran before, or someone added it): done.
      const same = (f.metricTransformations ?? []).some(
        (m) => m.metricName === wanted?.metricName && m.metricNamespace === wanted?.metricNamespace,
      );
      if (patternKey(f.filterPattern ?? "") === key && same) return unchanged({ filterName: f.filterName ?? name });
      if (f.filterName === name)
        throw new Error(`metric filter ${name} exists on ${group} with another pattern; it is left alone`);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  await clients.logs.send(new PutMetricFilterCommand(input<PutMetricFilterCommandInput>(params)));
  return changed({ filterName: name });
};

/**
 * The delivery role a trail step passes to CloudTrail must exist before CloudTrail is asked to
 * assume it: the member-roles template creates it with the remediation role. Without this check a
 * missing role would look like IAM propagation (InvalidCloudWatchLogsRoleArnException) and be
 * retried until the step times out.
 */
export async function assertDeliveryRole(iam: IAMClient, arn: string): Promise<void> {
  const name = arn.split("/").pop() ?? arn;
  try {
    await iam.send(new GetRoleCommand({ RoleName: name }));
  } catch (err) {
    if (!hasCode(err, "NoSuchEntity", "NoSuchEntityException")) throw err;
    throw new Error(
      `the CloudWatch Logs delivery role ${name} does not exist in this account: update the Trailwarden member-roles stack (CreateRemediationRole=true creates it), then retry`,
    );
  }
}

export const LOGS_EXECUTORS: Record<string, Executor> = {
  CreateLogGroup: createLogGroup,
  PutRetentionPolicy: putRetentionPolicy,
  PutMetricFilter: putMetricFilter,
};

/** No IAM step: remediation creates and edits no role (the delivery role is the template's). */
export const IAM_EXECUTORS: Record<string, Executor> = {};
