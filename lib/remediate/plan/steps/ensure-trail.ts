// Steps for one trail: CreateTrail (a new one) or one UpdateTrail with every missing setting
// (UpdateTrail counts against the 1/s CloudTrail quota, so settings are batched), then the event
// selectors, StartLogging (by name: emulators reject the ARN) and missing required tags. Calls go
// to the trail's home region in its owning account (for the organization trail: the management
// account), the only place CloudTrail accepts them.
import type { PlanInputs, TrailNeed } from "@/lib/remediate/plan/plan-needs";
import type { JsonObject, StepChange } from "@/lib/remediate/plan/plan-types";
import { MANAGED_BY_TAG } from "@/lib/remediate/plan/resource-names";
import { keyArnRef } from "@/lib/remediate/plan/steps/ensure-kms-key";
import { makeStep, type StepList } from "@/lib/remediate/plan/steps/make-step";

function attributeParams(
  inputs: PlanInputs,
  need: TrailNeed,
): { params: JsonObject; changes: StepChange[]; controls: string[]; why: string[] } {
  const params: JsonObject = {};
  const changes: StepChange[] = [];
  const controls = new Set<string>();
  const why: string[] = [];
  for (const [attribute, change] of need.set) {
    params[attribute] =
      attribute === "KmsKeyId" ? keyArnRef(inputs, need.ownerAccountId, need.keyRegion ?? need.homeRegion) : change.to;
    changes.push({ attribute, from: change.from, to: change.to });
    change.controls.forEach((c) => controls.add(c));
    if (!why.includes(change.why)) why.push(change.why);
  }
  return { params, changes, controls: [...controls], why };
}

export function emitTrail(list: StepList, inputs: PlanInputs, need: TrailNeed): void {
  const base = {
    service: "cloudtrail" as const,
    region: need.homeRegion,
    targetAccountId: need.ownerAccountId,
    resource: need.arn,
  };
  const attrs = attributeParams(inputs, need);
  if (need.current === null) {
    const tags = { ...need.addTags, [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
    const create = makeStep({
      ...base,
      title: `Create trail ${need.name}`,
      why: attrs.why.join("; "),
      controls: [...need.controls],
      operation: "CreateTrail",
      action: "create",
      changes: [
        { attribute: "S3BucketName", from: null, to: need.bucket ?? null },
        ...(need.organization ? [{ attribute: "IsOrganizationTrail", from: null, to: true }] : []),
        ...attrs.changes,
      ],
      params: {
        Name: need.name,
        S3BucketName: need.bucket ?? "",
        ...attrs.params,
        ...(need.organization ? { IsOrganizationTrail: true } : {}),
        TagsList: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      },
    });
    // Only the organization fix creates an organization trail; the safety rules check this mark.
    if (need.organization) create.organization = true;
    list.add(create);
  } else if (need.set.size > 0) {
    list.add(
      makeStep({
        ...base,
        title: `Update trail ${need.name}`,
        why: attrs.why.join("; "),
        controls: attrs.controls,
        operation: "UpdateTrail",
        action: "update",
        changes: attrs.changes,
        params: { Name: need.name, ...attrs.params },
      }),
    );
  }
  if (need.selectors) {
    list.add(
      makeStep({
        ...base,
        title: `Event selectors of ${need.name}: all read and write management events`,
        why: `${need.selectors.why}; existing selectors (data events included) are kept as they are`,
        controls: ["CloudTrail.1"],
        operation: "PutEventSelectors",
        action: "merge",
        changes: need.selectors.changes,
        params: { TrailName: need.name, ...need.selectors.params },
      }),
    );
  }
  if (need.startLogging) {
    list.add(
      makeStep({
        ...base,
        title: `Start logging on ${need.name}`,
        why: need.startLogging.why,
        controls: ["CloudTrail.1", "CloudTrail.3"],
        operation: "StartLogging",
        action: "update",
        changes: [
          {
            attribute: "IsLogging",
            from: need.current === null ? null : (need.current.status?.isLogging ?? "unknown"),
            to: true,
          },
        ],
        params: { Name: need.name },
      }),
    );
  }
  const tagKeys = Object.keys(need.addTags);
  if (need.current !== null && tagKeys.length > 0) {
    list.add(
      makeStep({
        ...base,
        title: `Tag trail ${need.name} with ${tagKeys.join(", ")}`,
        why: `the trail lacks required tag keys ${tagKeys.join(", ")} (CloudTrail.9)`,
        controls: need.tagControls,
        operation: "AddTags",
        action: "update",
        changes: tagKeys.map((k) => ({ attribute: `Tag ${k}`, from: null, to: need.addTags[k]! })),
        params: { ResourceId: need.arn, TagsList: tagKeys.map((Key) => ({ Key, Value: need.addTags[Key]! })) },
      }),
    );
  }
}
