// The trail's KMS key is created in its bucket's region, through the strict simulator: CloudTrail
// refuses a key outside the bucket's region (InsufficientEncryptionPolicyException,
// docs/aws-preconditions.md). sandbox-bob's trail (no KMS key, home region us-east-1) is pointed at
// a bucket of its own in eu-west-1 before collection; the plan must create the key in eu-west-1 and
// the UpdateTrail that sets it must be accepted (the bucket uses an S3 Bucket Key, so the key policy
// must also let CloudTrail decrypt). Eventual-consistency delays are on, as elsewhere.
import { GetTrailCommand, UpdateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { runCollection } from "@/lib/collect/run-collection";
import { db } from "@/lib/db";
import { applyRemediation } from "@/lib/remediate/apply/apply-remediation";
import { runRemediation } from "@/lib/remediate/apply/run-remediation";
import { computeCurrentPlan } from "@/lib/remediate/plan/plan-remediation";
import { accountClients, type SimClients } from "@/sim/aws-env";
import { cloudTrailBucketPolicy } from "@/sim/bucket-policies";
import type { SimManifest } from "@/sim/manifest";
import { setConsistency } from "@/sim/proxy/eventual-consistency";
import { seedOrganization } from "@/sim/seed-organization";
import { useFreshDatabase } from "./support/test-database";

const principal = { ...cliPrincipal("it"), email: "engineer@example.com" };
const REGION = "eu-west-1";
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let manifest: SimManifest;
let bob: SimClients;
let bobId: string;
let bucket: string;
let endpoint: string;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  endpoint = process.env.AWS_ENDPOINT_URL!;
  manifest = await seedOrganization(endpoint, { organizationTrail: false });
  bobId = manifest.accounts.find((a) => a.name === "sandbox-bob")!.accountId;
  bob = await accountClients(endpoint, bobId);
  bucket = `bob-trail-${REGION}-${bobId}`;
  const s3 = new S3Client({ ...bob.config, region: REGION });
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify(cloudTrailBucketPolicy(bucket, { accountIds: [bobId] })),
    }),
  );
  // SSE-KMS with an S3 Bucket Key: CloudTrail then also needs kms:Decrypt on the trail's key, which
  // the strict simulator checks ("Configure AWS KMS key policies for CloudTrail").
  const kms = new KMSClient({ ...bob.config, region: REGION });
  const bucketKey = (await kms.send(new CreateKeyCommand({ Description: "bob's bucket key" }))).KeyMetadata!.Arn!;
  kms.destroy();
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: bucketKey },
            BucketKeyEnabled: true,
          },
        ],
      },
    }),
  );
  s3.destroy();
  await bob.cloudtrail.send(new UpdateTrailCommand({ Name: "sandbox-bob-trail", S3BucketName: bucket }));
  Object.assign(process.env, {
    TRAILWARDEN_REMEDIATION_ALARM_EMAIL: "secops@example.com",
    TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND: "10",
  });
  expect((await runCollection({ trigger: "cli" })).counts.error).toBe(0);
  await setConsistency(endpoint, { roleSeconds: 2, tagSeconds: 300 });
}, 300_000);

afterAll(async () => {
  if (endpoint) await setConsistency(endpoint, { roleSeconds: 0, tagSeconds: 0 });
  bob?.destroy();
  delete process.env.TRAILWARDEN_REMEDIATION_ALARM_EMAIL;
  delete process.env.TRAILWARDEN_REMEDIATION_MUTATIONS_PER_SECOND;
  await fresh?.drop();
});

describe("a trail whose bucket is in another region than the trail", () => {
  it("gets its KMS key in the bucket's region, which CloudTrail accepts", async () => {
    const { plan } = await computeCurrentPlan(bobId);
    const create = plan.steps.find((s) => s.operation === "CreateKey");
    expect(create?.region).toBe(REGION);
    const applied = await applyRemediation({ accountId: bobId, principal, enqueue: false });
    expect(applied.status).toBe("queued");
    await runRemediation(applied.jobId);
    const update = await db.remediationStep.findFirst({
      where: { jobId: applied.jobId, operation: "UpdateTrail" },
    });
    expect(update?.error ?? null).toBeNull();
    expect(update?.status).toBe("succeeded");
    const trail = (await bob.cloudtrail.send(new GetTrailCommand({ Name: "sandbox-bob-trail" }))).Trail!;
    expect(trail.S3BucketName).toBe(bucket);
    expect(trail.KmsKeyId).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${bobId}:key/`));
  }, 300_000);
});
