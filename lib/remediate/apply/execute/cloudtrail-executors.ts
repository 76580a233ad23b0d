// CloudTrail executors. Each reads the trail first: an UpdateTrail only fills what is unset or
// switches a setting on (never replaces a key, log group or bucket someone set meanwhile), the
// event selectors are recomputed from the live list (so a selector added since planning is kept
// too), StartLogging goes by name (emulators reject the ARN), tags are only added.
import {
  AddTagsCommand,
  CreateTrailCommand,
  GetEventDataStoreCommand,
  GetEventSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  UpdateEventDataStoreCommand,
  UpdateTrailCommand,
  type CloudTrailClient,
  type CreateTrailCommandInput,
  type PutEventSelectorsCommandInput,
  type Trail,
  type UpdateTrailCommandInput,
} from "@aws-sdk/client-cloudtrail";
import { normalizeSelectors, normalizeTrail } from "@/lib/collect/normalize-trail";
import { judgeManagementEvents } from "@/lib/controls/management-events";
import { selectorViolations, stepViolations } from "@/lib/remediate/plan/assert-safe-plan";
import {
  changed,
  hasCode,
  input,
  SafetyError,
  unchanged,
  type Executor,
} from "@/lib/remediate/apply/execute/executor-types";
import { assertDeliveryRole } from "@/lib/remediate/apply/execute/logs-iam-executors";
import { retryWhilePropagating } from "@/lib/remediate/apply/execute/retry-while-propagating";
import { planManagementSelectors } from "@/lib/remediate/plan/plan-event-selectors";
import type { JsonObject, JsonValue } from "@/lib/remediate/plan/plan-types";

async function getTrail(cloudtrail: CloudTrailClient, name: string): Promise<Trail | null> {
  try {
    return (await cloudtrail.send(new GetTrailCommand({ Name: name }))).Trail ?? null;
  } catch (err) {
    if (hasCode(err, "TrailNotFoundException")) return null;
    throw err;
  }
}

/** UpdateTrail parameter → the GetTrail field it sets. */
const LIVE_FIELD: Record<string, keyof Trail> = {
  IsMultiRegionTrail: "IsMultiRegionTrail",
  IncludeGlobalServiceEvents: "IncludeGlobalServiceEvents",
  EnableLogFileValidation: "LogFileValidationEnabled",
  KmsKeyId: "KmsKeyId",
  CloudWatchLogsLogGroupArn: "CloudWatchLogsLogGroupArn",
  CloudWatchLogsRoleArn: "CloudWatchLogsRoleArn",
};

const createTrail: Executor = async ({ clients, step }, params) => {
  const name = String(params.Name);
  const existing = await getTrail(clients.cloudtrail, name);
  if (existing) return unchanged({ TrailARN: existing.TrailARN ?? step.resource });
  if (typeof params.CloudWatchLogsRoleArn === "string")
    await assertDeliveryRole(clients.iam, params.CloudWatchLogsRoleArn);
  const out = await retryWhilePropagating(() =>
    clients.cloudtrail.send(new CreateTrailCommand(input<CreateTrailCommandInput>(params))),
  );
  return changed({ TrailARN: out.TrailARN ?? step.resource });
};

const updateTrail: Executor = async ({ clients, step, log }, params) => {
  const name = String(params.Name);
  const live = await getTrail(clients.cloudtrail, name);
  if (!live) throw new Error(`trail ${name} no longer exists`);
  const wanted: JsonObject = { Name: name };
  const skipped: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (key === "Name") continue;
    const current = live[LIVE_FIELD[key] ?? (key as keyof Trail)] as JsonValue | undefined;
    if (current === value) continue;
    // Someone set a key or log group since the plan: the control holds, theirs is kept.
    if (typeof value === "string" && current) {
      skipped.push(key);
      continue;
    }
    wanted[key] = value;
  }
  // UpdateTrail takes the log group and its role together.
  if ("CloudWatchLogsLogGroupArn" in wanted && !("CloudWatchLogsRoleArn" in wanted) && params.CloudWatchLogsRoleArn)
    wanted.CloudWatchLogsRoleArn = params.CloudWatchLogsRoleArn;
  if (!("CloudWatchLogsLogGroupArn" in wanted)) delete wanted.CloudWatchLogsRoleArn;
  if (skipped.length > 0) log(`${name}: kept the trail's own ${skipped.join(", ")}`);
  if (Object.keys(wanted).length === 1) return unchanged({ kept: skipped });
  const problems = stepViolations(
    { service: "cloudtrail", operation: "UpdateTrail", params: wanted },
    normalizeTrail(live, step.region, "owned"),
  );
  if (problems.length > 0) throw new SafetyError(problems.join("; "));
  if (typeof wanted.CloudWatchLogsRoleArn === "string")
    await assertDeliveryRole(clients.iam, wanted.CloudWatchLogsRoleArn);
  await retryWhilePropagating(() =>
    clients.cloudtrail.send(new UpdateTrailCommand(input<UpdateTrailCommandInput>(wanted))),
  );
  return changed({ set: Object.keys(wanted).filter((k) => k !== "Name"), kept: skipped });
};

const putEventSelectors: Executor = async ({ clients }, params) => {
  const name = String(params.TrailName);
  const live = normalizeSelectors(await clients.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: name })));
  if (judgeManagementEvents(live).coverage === "all") return unchanged();
  const planned = planManagementSelectors(live);
  if (!planned.ok) throw new SafetyError(planned.reason);
  const problems = selectorViolations(live, planned.params);
  if (problems.length > 0) throw new SafetyError(problems.join("; "));
  const sent = { TrailName: name, ...planned.params };
  await clients.cloudtrail.send(new PutEventSelectorsCommand(input<PutEventSelectorsCommandInput>(sent)));
  return changed({ written: sent });
};

const startLogging: Executor = async ({ clients }, params) => {
  const name = String(params.Name);
  const status = await clients.cloudtrail.send(new GetTrailStatusCommand({ Name: name }));
  if (status.IsLogging) return unchanged();
  await clients.cloudtrail.send(new StartLoggingCommand({ Name: name }));
  return changed();
};

const addTags: Executor = async ({ clients }, params) => {
  const arn = String(params.ResourceId);
  const list = await clients.cloudtrail.send(new ListTagsCommand({ ResourceIdList: [arn] }));
  const current = new Set((list.ResourceTagList?.[0]?.TagsList ?? []).map((t) => t.Key));
  const missing = (params.TagsList as { Key: string; Value: string }[]).filter((t) => !current.has(t.Key));
  if (missing.length === 0) return unchanged();
  await clients.cloudtrail.send(new AddTagsCommand({ ResourceId: arn, TagsList: missing }));
  return changed({ added: missing.map((t) => t.Key) });
};

const updateEventDataStore: Executor = async ({ clients }, params) => {
  const arn = String(params.EventDataStore);
  const store = await clients.cloudtrail.send(new GetEventDataStoreCommand({ EventDataStore: arn }));
  if (store.KmsKeyId && !/(^|:)alias\/aws\//.test(store.KmsKeyId)) return unchanged({ KmsKeyId: store.KmsKeyId });
  await clients.cloudtrail.send(
    new UpdateEventDataStoreCommand({ EventDataStore: arn, KmsKeyId: String(params.KmsKeyId) }),
  );
  return changed();
};

export const CLOUDTRAIL_EXECUTORS: Record<string, Executor> = {
  CreateTrail: createTrail,
  UpdateTrail: updateTrail,
  PutEventSelectors: putEventSelectors,
  StartLogging: startLogging,
  AddTags: addTags,
  UpdateEventDataStore: updateEventDataStore,
};
