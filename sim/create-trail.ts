// Creates one trail as declared, with its event selectors and logging state, and describes it for
// the manifest.
import {
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  type AdvancedEventSelector,
  type CloudTrailClient,
  type EventSelector,
} from "@aws-sdk/client-cloudtrail";

import { SIM_REGION } from "@/sim/aws-env";
import type { TrailSpec } from "@/sim/demo-accounts";
import type { SimTrail } from "@/sim/manifest";
import { SimulatorError } from "@/sim/simulator-error";

export interface TrailResources {
  accountId: string;
  bucketName: string;
  bucketOwnerAccountId: string;
  kmsKeyArn: string | null;
  logDelivery: { logGroupArn: string; roleArn: string } | null;
  cisControlsCovered: string[];
  isOrganizationTrail?: boolean;
}

function basicSelectors(readWriteType: "All" | "WriteOnly"): EventSelector[] {
  return [
    {
      ReadWriteType: readWriteType,
      IncludeManagementEvents: true,
      DataResources: [],
      ExcludeManagementEventSources: [],
    },
  ];
}

function advancedSelectors(spec: TrailSpec, accountId: string): AdvancedEventSelector[] {
  const management: AdvancedEventSelector =
    spec.selectors === "advanced: eventCategory=Management, readOnly=false"
      ? {
          Name: "Management events",
          FieldSelectors: [
            { Field: "eventCategory", Equals: ["Management"] },
            { Field: "readOnly", Equals: ["false"] },
          ],
        }
      : { Name: "Management events", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] };
  if (!spec.dataEvents) return [management];
  return [
    management,
    {
      Name: "S3 object events for user uploads",
      FieldSelectors: [
        { Field: "eventCategory", Equals: ["Data"] },
        { Field: "resources.type", Equals: ["AWS::S3::Object"] },
        { Field: "resources.ARN", StartsWith: [`arn:aws:s3:::user-uploads-${accountId}/`] },
      ],
    },
  ];
}

export async function createTrail(
  cloudtrail: CloudTrailClient,
  spec: TrailSpec,
  res: TrailResources,
): Promise<SimTrail> {
  const tags = spec.tags ?? {};
  const created = await cloudtrail.send(
    new CreateTrailCommand({
      Name: spec.name,
      S3BucketName: res.bucketName,
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: spec.multiRegion,
      EnableLogFileValidation: spec.logFileValidation,
      IsOrganizationTrail: res.isOrganizationTrail ?? false,
      KmsKeyId: res.kmsKeyArn ?? undefined,
      CloudWatchLogsLogGroupArn: res.logDelivery?.logGroupArn,
      CloudWatchLogsRoleArn: res.logDelivery?.roleArn,
      TagsList: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  if (!created.TrailARN) throw new SimulatorError(`CreateTrail ${spec.name} in ${res.accountId} returned no ARN`);

  if (spec.selectors === "basic: ReadWriteType=All" || spec.selectors === "basic: ReadWriteType=WriteOnly") {
    const rw = spec.selectors === "basic: ReadWriteType=All" ? "All" : "WriteOnly";
    await cloudtrail.send(new PutEventSelectorsCommand({ TrailName: spec.name, EventSelectors: basicSelectors(rw) }));
  } else if (spec.selectors !== "default (unset)") {
    await cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: spec.name,
        AdvancedEventSelectors: advancedSelectors(spec, res.accountId),
      }),
    );
  }

  // StartLogging/StopLogging by ARN answer 500 in moto 5.2.1: use the name (the trail is local).
  await cloudtrail.send(new StartLoggingCommand({ Name: spec.name }));
  if (!spec.logging) await cloudtrail.send(new StopLoggingCommand({ Name: spec.name }));

  return {
    name: spec.name,
    arn: created.TrailARN,
    homeRegion: SIM_REGION,
    ownerAccountId: res.accountId,
    isOrganizationTrail: res.isOrganizationTrail ?? false,
    isMultiRegionTrail: spec.multiRegion,
    isLogging: spec.logging,
    selectors: spec.selectors,
    hasDataEventSelectors: spec.dataEvents ?? false,
    logFileValidationEnabled: spec.logFileValidation,
    kmsKeyArn: res.kmsKeyArn,
    logGroupArn: res.logDelivery?.logGroupArn ?? null,
    cisControlsCovered: res.cisControlsCovered,
    bucketName: res.bucketName,
    bucketOwnerAccountId: res.bucketOwnerAccountId,
    tags,
  };
}
