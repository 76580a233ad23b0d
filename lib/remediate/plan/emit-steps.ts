// Turns the decided needs into steps, in the order their dependencies require: access-log buckets
// before the buckets that log to them, buckets (and their policies) before the trails that deliver
// to them, keys and log delivery before the trails that use them, trails before CIS alarms.
import type { PlanInputs, PlanNeeds } from "@/lib/remediate/plan/plan-needs";
import type { PlanStep } from "@/lib/remediate/plan/plan-types";
import { emitAccessLogBucket, emitTrailBucket } from "@/lib/remediate/plan/steps/ensure-bucket";
import { emitCisAlarms } from "@/lib/remediate/plan/steps/ensure-cis-alarms";
import { emitEventDataStoreKey } from "@/lib/remediate/plan/steps/ensure-event-data-store-key";
import { emitKmsKey } from "@/lib/remediate/plan/steps/ensure-kms-key";
import { emitLogGroup } from "@/lib/remediate/plan/steps/ensure-log-group";
import { emitTrail } from "@/lib/remediate/plan/steps/ensure-trail";
import { StepList } from "@/lib/remediate/plan/steps/make-step";

export function emitSteps(inputs: PlanInputs, needs: PlanNeeds): PlanStep[] {
  const list = new StepList();
  for (const need of needs.accessLogBuckets.values()) emitAccessLogBucket(list, inputs, need);
  for (const need of needs.buckets.values()) emitTrailBucket(list, inputs, need);
  for (const need of needs.keys.values()) emitKmsKey(list, inputs, need);
  // The delivery role is the template's (remediation creates no role): only the log groups here.
  for (const need of needs.logDelivery.values()) emitLogGroup(list, inputs, need);
  for (const need of needs.trails.values()) emitTrail(list, inputs, need);
  for (const store of needs.stores) emitEventDataStoreKey(list, inputs, store);
  if (needs.cis) emitCisAlarms(list, inputs, needs.cis);
  return list.steps;
}
