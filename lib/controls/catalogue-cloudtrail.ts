// Catalogue entries for CloudTrail.1–7, .9 and .10: Security Hub's titles and severities, what
// Trailwarden checks (docs/controls.md, which is stricter than Security Hub where noted) and how
// to fix it. CloudTrail.8 does not exist.
import type { CloudTrailControlId, ControlDefinition } from "@/lib/controls/types";
import { FAMILY_MAPPINGS, cis } from "@/lib/controls/framework-mappings";

export const CLOUDTRAIL_CONTROLS: Record<CloudTrailControlId, ControlDefinition> = {
  "CloudTrail.1": {
    id: "CloudTrail.1",
    family: "CloudTrail",
    title:
      "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events",
    severity: "HIGH",
    level: "account",
    checks:
      "Some trail that applies to the account (owned, or the organization trail) is multi-Region, logging, and records all read and write management events with no exclusions.",
    remediation:
      "Create or update a multi-Region trail (or rely on the organization trail) with one event selector that " +
      "logs All management events and excludes no event sources, then StartLogging in its home Region.",
    frameworks: [cis("v3.0.0", "3.1"), cis("v5.0.0", "3.1"), ...FAMILY_MAPPINGS],
  },
  "CloudTrail.2": {
    id: "CloudTrail.2",
    family: "CloudTrail",
    title: "CloudTrail should have encryption at-rest enabled",
    severity: "MEDIUM",
    level: "trail",
    checks: "Every applicable trail encrypts its log files with a KMS key (KmsKeyId is set).",
    remediation:
      "Create a customer-managed KMS key whose policy lets CloudTrail encrypt and your readers decrypt, then UpdateTrail with KmsKeyId in the trail's home Region and owning account.",
    frameworks: [cis("v1.4.0", "3.7"), cis("v5.0.0", "3.5"), ...FAMILY_MAPPINGS],
  },
  "CloudTrail.3": {
    id: "CloudTrail.3",
    family: "CloudTrail",
    title: "At least one CloudTrail trail should be enabled",
    severity: "HIGH",
    level: "account",
    checks: "Some trail that applies to the account is logging (GetTrailStatus IsLogging).",
    remediation:
      "Run StartLogging on an existing trail in its home Region, or create a multi-Region trail and start it.",
    frameworks: [...FAMILY_MAPPINGS],
  },
  "CloudTrail.4": {
    id: "CloudTrail.4",
    family: "CloudTrail",
    title: "CloudTrail log file validation should be enabled",
    severity: "LOW",
    level: "trail",
    checks: "Every applicable trail has log file integrity validation enabled.",
    remediation: "UpdateTrail with EnableLogFileValidation=true in the trail's home Region and owning account.",
    frameworks: [cis("v1.4.0", "3.2"), cis("v5.0.0", "3.2"), ...FAMILY_MAPPINGS],
  },
  "CloudTrail.5": {
    id: "CloudTrail.5",
    family: "CloudTrail",
    title: "CloudTrail trails should be integrated with Amazon CloudWatch Logs",
    severity: "LOW",
    level: "trail",
    checks:
      "Every applicable trail delivers to a CloudWatch Logs log group (WARNING when CloudTrail reports a CloudWatch Logs delivery error).",
    remediation:
      "Create a log group and an IAM role CloudTrail can assume to write to it, then UpdateTrail with CloudWatchLogsLogGroupArn " +
      "and CloudWatchLogsRoleArn; for a delivery error, fix the role's trust and permissions.",
    frameworks: [cis("v1.4.0", "3.4"), ...FAMILY_MAPPINGS],
  },
  "CloudTrail.6": {
    id: "CloudTrail.6",
    family: "CloudTrail",
    title: "Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible",
    severity: "CRITICAL",
    level: "bucket",
    checks:
      "Every bucket an applicable trail writes to, read in its owning account, has S3 Block Public Access fully on or a bucket policy that is not public.",
    remediation:
      "In the bucket's owning account, PutPublicAccessBlock with all four settings true and remove any statement granting access to a public principal.",
    frameworks: [cis("v1.4.0", "3.3"), ...FAMILY_MAPPINGS],
  },
  "CloudTrail.7": {
    id: "CloudTrail.7",
    family: "CloudTrail",
    title: "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket",
    severity: "LOW",
    level: "bucket",
    checks: "Every bucket an applicable trail writes to has S3 server access logging enabled.",
    remediation:
      "In the bucket's owning account, PutBucketLogging with a target bucket (not the trail bucket itself) and a prefix, and allow the S3 logging service to write there.",
    frameworks: [cis("v1.4.0", "3.6"), cis("v5.0.0", "3.4"), ...FAMILY_MAPPINGS],
  },
  "CloudTrail.9": {
    id: "CloudTrail.9",
    family: "CloudTrail",
    title: "CloudTrail trails should be tagged",
    severity: "LOW",
    level: "trail",
    checks:
      "Every applicable trail carries the tag keys configured as required (not applicable when none are configured).",
    remediation: "AddTags to the trail in its home Region and owning account with the missing keys.",
    frameworks: [...FAMILY_MAPPINGS],
  },
  "CloudTrail.10": {
    id: "CloudTrail.10",
    family: "CloudTrail",
    title: "CloudTrail Lake event data stores should be encrypted with customer managed AWS KMS keys",
    severity: "MEDIUM",
    level: "event-data-store",
    checks:
      "Every CloudTrail Lake event data store is encrypted with a customer-managed KMS key (not applicable when there are none).",
    remediation:
      "UpdateEventDataStore with KmsKeyId set to a customer-managed key whose policy allows CloudTrail; note that a store cannot go back to the AWS owned key afterwards.",
    frameworks: [...FAMILY_MAPPINGS],
  },
};
