// CloudWatch Logs and IAM executors. A log group's existing retention is never changed (shortening
// it would delete logs). A metric filter is only put when no filter of the group already has the
// pattern: CloudWatch Logs replaces a filter of the same name (and moto appends a duplicate).
// A role found by name is kept as is; inline permissions are merged by Sid.
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
import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  type CreateRoleCommandInput,
} from "@aws-sdk/client-iam";
import { patternKey } from "@/lib/controls/filter-pattern";
import { changed, hasCode, input, unchanged, type Executor } from "@/lib/remediate/apply/execute/executor-types";
import { mergeStatements, parsePolicy, type PolicyStatement } from "@/lib/remediate/plan/policies/policy-document";

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

const createRole: Executor = async ({ clients }, params) => {
  const name = String(params.RoleName);
  try {
    const role = (await clients.iam.send(new GetRoleCommand({ RoleName: name }))).Role;
    return unchanged({ RoleName: name, Arn: role?.Arn ?? null });
  } catch (err) {
    if (!hasCode(err, "NoSuchEntity", "NoSuchEntityException")) throw err;
  }
  try {
    const out = await clients.iam.send(new CreateRoleCommand(input<CreateRoleCommandInput>(params)));
    return changed({ RoleName: name, Arn: out.Role?.Arn ?? null });
  } catch (err) {
    if (hasCode(err, "EntityAlreadyExists", "EntityAlreadyExistsException")) return unchanged({ RoleName: name });
    throw err;
  }
};

const putRolePolicy: Executor = async ({ clients }, params) => {
  const roleName = String(params.RoleName);
  const policyName = String(params.PolicyName);
  let current: string | undefined;
  try {
    const doc = (await clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })))
      .PolicyDocument;
    current = doc ? decodeURIComponent(doc) : undefined;
  } catch (err) {
    if (!hasCode(err, "NoSuchEntity", "NoSuchEntityException")) throw err;
  }
  const merged = mergeStatements(
    parsePolicy(current),
    parsePolicy(String(params.PolicyDocument)).Statement as PolicyStatement[],
  );
  if (!merged.changed) return unchanged({ PolicyName: policyName });
  await clients.iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: policyName,
      PolicyDocument: JSON.stringify(merged.document),
    }),
  );
  return changed({ PolicyName: policyName, added: merged.added, updated: merged.updated });
};

export const LOGS_EXECUTORS: Record<string, Executor> = {
  CreateLogGroup: createLogGroup,
  PutRetentionPolicy: putRetentionPolicy,
  PutMetricFilter: putMetricFilter,
};

export const IAM_EXECUTORS: Record<string, Executor> = {
  CreateRole: createRole,
  PutRolePolicy: putRolePolicy,
};
