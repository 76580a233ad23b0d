// The strict simulator itself: a CloudTrail setup AWS accepts passes; each broken precondition
// answers the error AWS documents for it (docs/aws-preconditions.md). Runs its own strict proxy in
// front of the shared simulator, in the default (management) account, with names of its own.
import {
  CloudTrailClient,
  CreateTrailCommand,
  DeleteTrailCommand,
  UpdateTrailCommand,
  type CreateTrailCommandInput,
} from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { CreateAliasCommand, CreateKeyCommand, KMSClient, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import { CreateBucketCommand, ListBucketsCommand, PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { motoClientConfig, type SimCredentials } from "@/sim/aws-env";
import { startAwsProxy, type AwsProxy } from "@/sim/proxy/aws-proxy";
import { resetMoto } from "@/sim/reset-moto";
import { eventualConsistency, setConsistency, type EventualConsistency } from "@/sim/proxy/eventual-consistency";
import { strictCloudTrail } from "@/sim/proxy/strict-cloudtrail";
import { listBucketsRegion } from "@/sim/proxy/list-buckets-region";
import { strictKmsKeyPolicy } from "@/sim/proxy/strict-kms-key-policy";
import { strictS3PolicySize } from "@/sim/proxy/strict-s3-policy-size";

const ACCOUNT = "123456789012";
const run = Math.random().toString(36).slice(2, 8);
const bucket = `strict-sim-${run}`;
const groupName = `strict-sim-${run}`;
const groupArn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${groupName}:*`;
const trailArn = (name: string, region = "us-east-1") => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;

let proxy: AwsProxy;
let consistency: EventualConsistency;
const clients = (credentials?: SimCredentials, region = "us-east-1") => {
  const config = motoClientConfig(proxy.endpoint, credentials, region);
  return {
    s3: new S3Client(config),
    kms: new KMSClient(config),
    iam: new IAMClient(config),
    logs: new CloudWatchLogsClient(config),
    cloudtrail: new CloudTrailClient(config),
    sts: new STSClient(config),
    org: new OrganizationsClient(config),
  };
};
let c: ReturnType<typeof clients>;
const created: { name: string; region: string }[] = [];

function bucketPolicy(opts: { prefix?: string; account?: string; sourceArn?: string[]; acl?: boolean } = {}) {
  const prefix = opts.prefix ? `${opts.prefix}/` : "";
  const condition = opts.sourceArn ? { "aws:SourceArn": opts.sourceArn } : {};
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: `arn:aws:s3:::${bucket}`,
        Condition: { StringEquals: condition },
      },
      {
        Sid: "Write",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/${prefix}AWSLogs/${opts.account ?? ACCOUNT}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...condition } },
      },
    ],
  });
}

function keyPolicy(trail: string, extra: object[] = []) {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Root",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "Encrypt",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": trail },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
        },
      },
      {
        Sid: "Describe",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
      },
      ...extra,
    ],
  });
}

async function role(name: string, trustCondition?: object, permissions = true): Promise<string> {
  const out = await c.iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "sts:AssumeRole",
            ...(trustCondition ? { Condition: trustCondition } : {}),
          },
        ],
      }),
    }),
  );
  if (permissions)
    await c.iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: "deliver",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${groupName}:log-stream:*`,
            },
          ],
        }),
      }),
    );
  return out.Role!.Arn!;
}

async function key(policy: string, region = "us-east-1"): Promise<string> {
  const kms = region === "us-east-1" ? c.kms : clients(undefined, region).kms;
  return (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!.Arn!;
}

async function create(input: CreateTrailCommandInput, region = "us-east-1"): Promise<string> {
  const ct = region === "us-east-1" ? c.cloudtrail : clients(undefined, region).cloudtrail;
  const out = await ct.send(new CreateTrailCommand(input));
  created.push({ name: input.Name!, region });
  return out.TrailARN!;
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: Error) => e.name,
  );

beforeAll(async () => {
  // The trail counts below are per account and region: start from an empty moto, whatever trails
  // the files run before this one left in the default account (each seeding file resets it too).
  await resetMoto(process.env.AWS_ENDPOINT_URL!);
  consistency = eventualConsistency();
  proxy = await startAwsProxy({
    target: process.env.AWS_ENDPOINT_URL!,
    interceptors: [
      listBucketsRegion(),
      consistency,
      strictKmsKeyPolicy(),
      strictCloudTrail({ roleSettling: consistency.roleSettling }),
      strictS3PolicySize(),
    ],
  });
  c = clients();
  await c.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: groupName }));
});

afterAll(async () => {
  for (const t of created)
    await clients(undefined, t.region)
      .cloudtrail.send(new DeleteTrailCommand({ Name: t.name }))
      .catch(() => undefined);
  await proxy?.stop();
});

describe("what moto lacks", () => {
  it("ListBuckets names each bucket's region (BucketRegion), as S3 does", async () => {
    const elsewhere = `strict-sim-eu-${run}`;
    await clients(undefined, "eu-west-1").s3.send(
      new CreateBucketCommand({ Bucket: elsewhere, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }),
    );
    const listed = (await c.s3.send(new ListBucketsCommand({}))).Buckets ?? [];
    expect(listed.find((b) => b.Name === bucket)?.BucketRegion).toBe("us-east-1");
    expect(listed.find((b) => b.Name === elsewhere)?.BucketRegion).toBe("eu-west-1");
  });
});

describe("strict CloudTrail preconditions", () => {
  it("accepts a setup that meets every documented precondition", async () => {
    const name = `ok-${run}`;
    await c.s3.send(
      new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy({ sourceArn: [trailArn(name)] }) }),
    );
    const input = {
      Name: name,
      S3BucketName: bucket,
      KmsKeyId: await key(keyPolicy(trailArn(name))),
      CloudWatchLogsLogGroupArn: groupArn,
      CloudWatchLogsRoleArn: await role(`ok-${run}`),
    };
    expect(await create(input)).toBe(trailArn(name));
  });

  it("InsufficientS3BucketPolicyException: wrong account prefix, wrong SourceArn, missing key prefix", async () => {
    const name = `s3-${run}`;
    const attempt = (policy: string, extra: Partial<CreateTrailCommandInput> = {}) =>
      c.s3
        .send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }))
        .then(() => refusal(create({ Name: name, S3BucketName: bucket, ...extra })));
    expect(await attempt(bucketPolicy({ account: "999999999999" }))).toBe("InsufficientS3BucketPolicyException");
    expect(await attempt(bucketPolicy({ sourceArn: [trailArn("another")] }))).toBe(
      "InsufficientS3BucketPolicyException",
    );
    expect(await attempt(bucketPolicy({ prefix: "logs" }))).toBe("InsufficientS3BucketPolicyException");
    // The same policy is right for a trail that writes under the S3KeyPrefix it names.
    expect(await attempt(bucketPolicy({ prefix: "logs" }), { S3KeyPrefix: "logs" })).toBe("accepted");
  });

  it("InsufficientEncryptionPolicyException: key policy without CloudTrail, or key outside the bucket's region", async () => {
    const name = `kms-${run}`;
    await c.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy() }));
    const noCloudTrail = await key(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        ],
      }),
    );
    expect(await refusal(create({ Name: name, S3BucketName: bucket, KmsKeyId: noCloudTrail }))).toBe(
      "InsufficientEncryptionPolicyException",
    );
    const otherTrail = await key(keyPolicy(trailArn("another")));
    expect(await refusal(create({ Name: name, S3BucketName: bucket, KmsKeyId: otherTrail }))).toBe(
      "InsufficientEncryptionPolicyException",
    );
    const elsewhere = await key(keyPolicy(trailArn(name)), "eu-west-1");
    expect(await refusal(create({ Name: name, S3BucketName: bucket, KmsKeyId: elsewhere }))).toBe(
      "InsufficientEncryptionPolicyException",
    );
  });

  it("InvalidCloudWatchLogsRoleArnException: trust with aws:SourceAccount, no permission; missing log group", async () => {
    const name = `cwl-${run}`;
    await c.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy() }));
    const base = { Name: name, S3BucketName: bucket, CloudWatchLogsLogGroupArn: groupArn };
    const conditioned = await role(`cwl-cond-${run}`, { StringEquals: { "aws:SourceAccount": ACCOUNT } });
    expect(await refusal(create({ ...base, CloudWatchLogsRoleArn: conditioned }))).toBe(
      "InvalidCloudWatchLogsRoleArnException",
    );
    const powerless = await role(`cwl-none-${run}`, undefined, false);
    expect(await refusal(create({ ...base, CloudWatchLogsRoleArn: powerless }))).toBe(
      "InvalidCloudWatchLogsRoleArnException",
    );
    const good = await role(`cwl-good-${run}`);
    expect(
      await refusal(
        create({
          ...base,
          CloudWatchLogsLogGroupArn: `${groupArn.slice(0, -2)}-missing:*`,
          CloudWatchLogsRoleArn: good,
        }),
      ),
    ).toBe("InvalidCloudWatchLogsLogGroupArnException");
    expect(await refusal(create({ ...base, CloudWatchLogsRoleArn: good }))).toBe("accepted");
  });

  it("MaximumNumberOfTrailsExceededException: five per region, a multi-region trail counting everywhere", async () => {
    await c.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy() }));
    for (let i = 0; i < 5; i++) await create({ Name: `count-${run}-${i}`, S3BucketName: bucket }, "ap-south-1");
    expect(await refusal(create({ Name: `count-${run}-5`, S3BucketName: bucket }, "ap-south-1"))).toBe(
      "MaximumNumberOfTrailsExceededException",
    );
    // A multi-region trail homed elsewhere would be a sixth trail in ap-south-1.
    expect(
      await refusal(
        create({ Name: `count-${run}-multi`, S3BucketName: bucket, IsMultiRegionTrail: true }, "sa-east-1"),
      ),
    ).toBe("MaximumNumberOfTrailsExceededException");
    // So would converting a single-region trail of another region.
    await create({ Name: `count-${run}-single`, S3BucketName: bucket }, "sa-east-1");
    const convert = clients(undefined, "sa-east-1").cloudtrail.send(
      new UpdateTrailCommand({ Name: `count-${run}-single`, IsMultiRegionTrail: true }),
    );
    expect(await refusal(convert)).toBe("MaximumNumberOfTrailsExceededException");
    for (let i = 0; i < 5; i++)
      await clients(undefined, "ap-south-1").cloudtrail.send(new DeleteTrailCommand({ Name: `count-${run}-${i}` }));
  });

  it("S3 refuses a bucket policy over 20 KB (MalformedPolicy)", async () => {
    const statements = Array.from({ length: 200 }, (_, i) => ({
      Sid: `Padding${i}`,
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `arn:aws:s3:::${bucket}/AWSLogs/${String(i).padStart(12, "0")}/*`,
    }));
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: statements });
    expect(policy.length).toBeGreaterThan(20 * 1024);
    const err = await c.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy })).catch((e: Error) => e);
    expect((err as Error).name).toBe("MalformedPolicy");
    expect((err as Error).message).toBe("Policy exceeds the maximum allowed document size.");
  });
});

describe("organization trails", () => {
  it("need CloudTrail's trusted access and a caller allowed the Organizations reads CloudTrail makes", async () => {
    const orgId = await c.org
      .send(new DescribeOrganizationCommand({}))
      .then((o) => o.Organization!.Id!)
      .catch(async () => (await c.org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }))).Organization!.Id!);
    const policy = JSON.parse(bucketPolicy()) as { Statement: { Resource: string | string[] }[] };
    policy.Statement[1]!.Resource = [
      `arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/*`,
      `arn:aws:s3:::${bucket}/AWSLogs/${orgId}/*`,
    ];
    await c.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
    const name = `org-${run}`;
    const input = { Name: name, S3BucketName: bucket, IsOrganizationTrail: true, IsMultiRegionTrail: true };
    await c.org.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: "cloudtrail.amazonaws.com" }));
    expect(await refusal(create(input))).toBe("CloudTrailAccessNotEnabledException");
    await c.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "cloudtrail.amazonaws.com" }));

    const caller = async (suffix: string, actions: string[]) => {
      const arn = (
        await c.iam.send(
          new CreateRoleCommand({
            RoleName: `org-${suffix}-${run}`,
            AssumeRolePolicyDocument: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" }],
            }),
          }),
        )
      ).Role!.Arn!;
      await c.iam.send(
        new PutRolePolicyCommand({
          RoleName: `org-${suffix}-${run}`,
          PolicyName: "p",
          PolicyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }],
          }),
        }),
      );
      const creds = (await c.sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "s" }))).Credentials!;
      return clients({
        accessKeyId: creds.AccessKeyId!,
        secretAccessKey: creds.SecretAccessKey!,
        sessionToken: creds.SessionToken,
      }).cloudtrail;
    };
    const without = await caller("without", ["cloudtrail:CreateTrail"]);
    expect(await refusal(without.send(new CreateTrailCommand(input)))).toBe(
      "InsufficientDependencyServiceAccessPermissionException",
    );
    const withReads = await caller("with", [
      "cloudtrail:CreateTrail",
      "organizations:DescribeOrganization",
      "organizations:ListAWSServiceAccessForOrganization",
    ]);
    expect(await refusal(withReads.send(new CreateTrailCommand(input)))).toBe("accepted");
    created.push({ name, region: "us-east-1" });
  });
});

describe("eventual consistency", () => {
  afterAll(() => consistency.configure({ roleSeconds: 0, tagSeconds: 0 }));

  it("a role created a moment ago is not yet assumable by CloudTrail", async () => {
    await setConsistency(proxy.endpoint, { roleSeconds: 2 });
    await c.s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy() }));
    const input = {
      Name: `young-${run}`,
      S3BucketName: bucket,
      CloudWatchLogsLogGroupArn: groupArn,
      CloudWatchLogsRoleArn: await role(`young-${run}`),
    };
    expect(await refusal(create(input))).toBe("InvalidCloudWatchLogsRoleArnException");
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await refusal(create(input))).toBe("accepted");
  });

  it("a key's new tags do not authorize a tag-authorized role yet; the key policy naming the role does", async () => {
    consistency.configure({ tagSeconds: 300, tagAuthorizedRoles: [`tagged-${run}`] });
    const roleArn = (
      await c.iam.send(
        new CreateRoleCommand({
          RoleName: `tagged-${run}`,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" }],
          }),
        }),
      )
    ).Role!.Arn!;
    const creds = (await c.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "t" }))).Credentials!;
    const asRole = clients({
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken,
    }).kms;
    const tags = [{ TagKey: "ManagedBy", TagValue: "trailwarden" }];
    const byTag = (await asRole.send(new CreateKeyCommand({ Tags: tags, Policy: keyPolicy(trailArn("x")) })))
      .KeyMetadata!.KeyId!;
    const alias = (k: string, n: string) =>
      refusal(asRole.send(new CreateAliasCommand({ AliasName: `alias/strict-${run}-${n}`, TargetKeyId: k })));
    expect(await alias(byTag, "tag")).toBe("AccessDeniedException");
    const named = keyPolicy(trailArn("x"), [
      { Sid: "Remediation", Effect: "Allow", Principal: { AWS: roleArn }, Action: "kms:CreateAlias", Resource: "*" },
    ]);
    const byPolicy = (await asRole.send(new CreateKeyCommand({ Tags: tags, Policy: named }))).KeyMetadata!.KeyId!;
    expect(await alias(byPolicy, "policy")).toBe("accepted");
    // A key whose policy neither names the role nor delegates to the account refuses it outright.
    const closed = await key(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/someone` },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      }),
    );
    expect(await refusal(asRole.send(new ListResourceTagsCommand({ KeyId: closed })))).toBe("AccessDeniedException");
  });
});
