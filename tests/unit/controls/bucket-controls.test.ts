// CloudTrail.6 (bucket not public) and CloudTrail.7 (bucket access logging).
import { describe } from "vitest";
import type { BucketState } from "@/lib/collect/snapshot-types";
import { runVerdictCases, type VerdictCase } from "./cases";
import { ARCHIVE, makeBucket, makeOrgTrail, makeSnapshot, makeTrail } from "./fixtures";

function bucket(overrides: Partial<BucketState>) {
  return () => makeSnapshot({ buckets: { "audit-bucket": makeBucket("audit-bucket", overrides) } });
}

const PARTIAL = {
  blockPublicAcls: true,
  ignorePublicAcls: false,
  blockPublicPolicy: true,
  restrictPublicBuckets: false,
};

const cases: VerdictCase[] = [
  {
    name: "public access block fully on passes",
    control: "CloudTrail.6",
    state: bucket({}),
    status: "PASSED",
    reason: /^bucket `audit-bucket` \(trail `audit` in us-east-1\) has the public access block fully on$/,
    evidence: ["arn:aws:s3:::audit-bucket"],
  },
  {
    name: "partial public access block and a public policy fail",
    control: "CloudTrail.6",
    state: bucket({ publicAccessBlock: PARTIAL, policyIsPublic: true }),
    status: "FAILED",
    reason:
      /has a public bucket policy and its public access block is not fully on \(IgnorePublicAcls, RestrictPublicBuckets off\)/,
  },
  {
    name: "partial public access block with a non-public policy passes",
    control: "CloudTrail.6",
    state: bucket({ publicAccessBlock: PARTIAL, policyIsPublic: false }),
    status: "PASSED",
    reason: /has a policy that is not public \(its public access block is not fully on/,
  },
  {
    name: "unknown policy status and partial block are ERROR, not PASSED",
    control: "CloudTrail.6",
    state: bucket({ publicAccessBlock: PARTIAL, policyIsPublic: null }),
    status: "ERROR",
    reason: /policy status could not be read \(GetBucketPolicyStatus failed or was not made\)/,
  },
  {
    name: "public policy with unreadable block is ERROR",
    control: "CloudTrail.6",
    state: bucket({ publicAccessBlock: null, policyIsPublic: true }),
    status: "ERROR",
    reason: /its policy is public and its public access block could not be read/,
  },
  {
    name: "bucket in another organization account is read there and judged",
    control: "CloudTrail.6",
    state: () =>
      makeSnapshot({
        trails: [makeOrgTrail({ s3BucketName: "org-archive" })],
        buckets: { "org-archive": makeBucket("org-archive", { ownerAccountId: ARCHIVE }) },
      }),
    status: "PASSED",
    reason: /^bucket `org-archive` in account 222222222222 \(organization trail `org-trail`/,
  },
  {
    name: "bucket outside the organization is NO_DATA",
    control: "CloudTrail.6",
    state: bucket({
      ownerAccountId: "444444444444",
      readStatus: "no_data",
      publicAccessBlock: null,
      policyIsPublic: null,
      accessLogging: null,
    }),
    status: "NO_DATA",
    reason: /is owned by account 444444444444 outside the organization/,
  },
  {
    name: "bucket no organization account owns is NO_DATA with the collector's reason",
    control: "CloudTrail.7",
    state: bucket({
      ownerAccountId: null,
      readStatus: "no_data",
      reason: "no organization account checked owns it (111111111111, 222222222222)",
      accessLogging: null,
    }),
    status: "NO_DATA",
    reason:
      /is owned by an account outside the organization: its settings cannot be read \(no organization account checked owns it/,
  },
  {
    name: "bucket in an account we could not assume into is ERROR naming AssumeRole",
    control: "CloudTrail.6",
    state: () =>
      makeSnapshot({
        buckets: {
          "audit-bucket": makeBucket("audit-bucket", {
            ownerAccountId: ARCHIVE,
            readStatus: "error",
            publicAccessBlock: null,
            policyIsPublic: null,
          }),
        },
        errors: [
          {
            service: "sts",
            operation: "AssumeRole",
            accountId: ARCHIVE,
            resource: "role/TrailwardenReadOnly",
            kind: "access_denied",
            code: "AccessDenied",
            message: "no",
          },
        ],
      }),
    status: "ERROR",
    reason: /could not be read \(AssumeRole failed in account 222222222222 \(AccessDenied\)\)/,
  },
  {
    name: "bucket whose read failed is ERROR naming the call",
    control: "CloudTrail.7",
    state: () =>
      makeSnapshot({
        buckets: { "audit-bucket": makeBucket("audit-bucket", { readStatus: "error", accessLogging: null }) },
        errors: [
          {
            service: "s3",
            operation: "GetBucketLogging",
            accountId: ARCHIVE,
            resource: "audit-bucket",
            kind: "access_denied",
            code: "AccessDenied",
            message: "no",
          },
        ],
      }),
    status: "ERROR",
    reason: /could not be read \(GetBucketLogging failed in account 222222222222 \(AccessDenied\)\)/,
  },
  {
    name: "server access logging off fails",
    control: "CloudTrail.7",
    state: bucket({ accessLogging: { enabled: false } }),
    status: "FAILED",
    reason: /bucket `audit-bucket` \(trail `audit` in us-east-1\) has server access logging off/,
  },
  {
    name: "unknown access logging is ERROR",
    control: "CloudTrail.7",
    state: bucket({ accessLogging: null }),
    status: "ERROR",
    reason: /access logging settings that could not be read/,
  },
  {
    name: "server access logging on passes with its target",
    control: "CloudTrail.7",
    state: bucket({}),
    status: "PASSED",
    reason: /has server access logging on to `access-logs\/audit-bucket\/`/,
  },
  {
    name: "bucket missing from the snapshot is ERROR",
    control: "CloudTrail.7",
    state: () => ({ ...makeSnapshot(), buckets: {} }),
    status: "ERROR",
    reason: /bucket `audit-bucket` .* was not collected/,
  },
  {
    name: "no trail: nothing to check",
    control: "CloudTrail.7",
    state: () => makeSnapshot({ trails: [] }),
    status: "NOT_APPLICABLE",
    reason: /no trail bucket to check/,
  },
  {
    name: "a bucket shared by two trails is judged once and names both",
    control: "CloudTrail.7",
    state: () =>
      makeSnapshot({
        trails: [makeTrail({ s3BucketName: "shared" }), makeTrail({ name: "second", s3BucketName: "shared" })],
        buckets: { shared: makeBucket("shared", { accessLogging: { enabled: false } }) },
      }),
    status: "FAILED",
    reason:
      /^bucket `shared` \(trail `audit` in us-east-1, trail `second` in us-east-1\) has server access logging off$/,
  },
];

describe("bucket controls", () => runVerdictCases(cases));
