// Reads the strict simulator makes straight to moto (not through the interceptors), acting in a
// given account and region, to check a call against the state AWS would check it against: bucket
// policies and locations, key policies, roles and their policies, log groups, trails.
import type { ProxyContext } from "@/sim/proxy/aws-proxy";

export const DEFAULT_ACCOUNT = "123456789012";

/** The regions the strict simulator looks at when it counts an account's trails per region. */
export const SIM_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "sa-east-1",
];

function auth(service: string, region: string): string {
  return `AWS4-HMAC-SHA256 Credential=AKIASTRICTSIMULATOR/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

export interface MotoAnswer {
  status: number;
  text: string;
}

export class MotoReader {
  constructor(private readonly ctx: ProxyContext) {}

  /** A JSON-protocol call (CloudTrail, KMS, CloudWatch Logs, Organizations). */
  async json(
    service: string,
    target: string,
    body: Record<string, unknown>,
    account: string,
    region: string,
  ): Promise<{ status: number; value: Record<string, unknown> }> {
    const answer = await this.ctx.send({
      method: "POST",
      path: "/",
      headers: {
        authorization: auth(service, region),
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": target,
        "x-moto-account-id": account,
      },
      body: JSON.stringify(body),
    });
    const text = answer.body.toString("utf8");
    let value: Record<string, unknown> = {};
    try {
      value = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      value = { __raw: text };
    }
    return { status: answer.status, value };
  }

  /** A query-protocol call (IAM); answers XML. */
  async query(service: string, params: Record<string, string>, account: string, region: string): Promise<MotoAnswer> {
    const answer = await this.ctx.send({
      method: "POST",
      path: "/",
      headers: {
        authorization: auth(service, region),
        "content-type": "application/x-www-form-urlencoded",
        "x-moto-account-id": account,
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: answer.status, text: answer.body.toString("utf8") };
  }

  /** A path-style S3 GET such as `/<bucket>?policy`. */
  async s3(path: string, account: string): Promise<MotoAnswer> {
    const answer = await this.ctx.send({
      method: "GET",
      path,
      headers: { authorization: auth("s3", "us-east-1"), "x-moto-account-id": account },
    });
    return { status: answer.status, text: answer.body.toString("utf8") };
  }

  async bucketPolicy(bucket: string, account: string): Promise<string | null> {
    const a = await this.s3(`/${encodeURIComponent(bucket)}?policy`, account);
    return a.status === 200 ? a.text : null;
  }

  async bucketRegion(bucket: string, account: string): Promise<string | null> {
    const a = await this.s3(`/${encodeURIComponent(bucket)}?location`, account);
    if (a.status !== 200) return null;
    const constraint = /<LocationConstraint[^>]*>([^<]*)<\/LocationConstraint>/.exec(a.text)?.[1];
    return constraint ? constraint : "us-east-1";
  }

  /** The bucket's default encryption: algorithm and whether an S3 Bucket Key is on. */
  async bucketEncryption(bucket: string, account: string): Promise<{ algorithm: string; bucketKey: boolean } | null> {
    const a = await this.s3(`/${encodeURIComponent(bucket)}?encryption`, account);
    if (a.status !== 200) return null;
    return {
      algorithm: /<SSEAlgorithm>([^<]+)<\/SSEAlgorithm>/.exec(a.text)?.[1] ?? "",
      bucketKey: /<BucketKeyEnabled>true<\/BucketKeyEnabled>/i.test(a.text),
    };
  }

  async role(
    name: string,
    account: string,
  ): Promise<{ trust: string; inline: string[]; attached: string[]; created: string | null } | null> {
    const got = await this.query(
      "iam",
      { Action: "GetRole", RoleName: name, Version: "2010-05-08" },
      account,
      "us-east-1",
    );
    if (got.status !== 200) return null;
    const trust = decodeURIComponent(/<AssumeRolePolicyDocument>([^<]*)</.exec(got.text)?.[1] ?? "");
    const created = /<CreateDate>([^<]+)<\/CreateDate>/.exec(got.text)?.[1] ?? null;
    const names = await this.query(
      "iam",
      { Action: "ListRolePolicies", RoleName: name, Version: "2010-05-08" },
      account,
      "us-east-1",
    );
    const inline: string[] = [];
    for (const m of names.text.matchAll(/<member>([^<]+)<\/member>/g)) {
      const doc = await this.query(
        "iam",
        { Action: "GetRolePolicy", RoleName: name, PolicyName: m[1]!, Version: "2010-05-08" },
        account,
        "us-east-1",
      );
      const text = /<PolicyDocument>([^<]*)</.exec(doc.text)?.[1];
      if (text) inline.push(decodeURIComponent(text));
    }
    const attachedList = await this.query(
      "iam",
      { Action: "ListAttachedRolePolicies", RoleName: name, Version: "2010-05-08" },
      account,
      "us-east-1",
    );
    const attached: string[] = [];
    for (const m of attachedList.text.matchAll(/<PolicyArn>([^<]+)<\/PolicyArn>/g)) {
      const policy = await this.query(
        "iam",
        { Action: "GetPolicy", PolicyArn: m[1]!, Version: "2010-05-08" },
        account,
        "us-east-1",
      );
      const version = /<DefaultVersionId>([^<]+)</.exec(policy.text)?.[1];
      if (!version) continue;
      const doc = await this.query(
        "iam",
        { Action: "GetPolicyVersion", PolicyArn: m[1]!, VersionId: version, Version: "2010-05-08" },
        account,
        "us-east-1",
      );
      const text = /<Document>([^<]*)</.exec(doc.text)?.[1];
      if (text) attached.push(decodeURIComponent(text));
    }
    return { trust, inline, attached, created };
  }

  async key(
    keyId: string,
    account: string,
    region: string,
  ): Promise<{ arn: string; keyId: string; region: string; policy: string } | null> {
    const described = await this.json("kms", "TrentService.DescribeKey", { KeyId: keyId }, account, region);
    const meta = described.value.KeyMetadata as { Arn?: string; KeyId?: string; KeyState?: string } | undefined;
    if (described.status !== 200 || !meta?.Arn || !meta.KeyId) return null;
    const policy = await this.json(
      "kms",
      "TrentService.GetKeyPolicy",
      { KeyId: meta.KeyId, PolicyName: "default" },
      account,
      region,
    );
    return { arn: meta.Arn, keyId: meta.KeyId, region, policy: String(policy.value.Policy ?? "") };
  }

  async logGroupExists(name: string, account: string, region: string): Promise<boolean> {
    const a = await this.json("logs", "Logs_20140328.DescribeLogGroups", { logGroupNamePrefix: name }, account, region);
    const groups = (a.value.logGroups ?? []) as { logGroupName?: string }[];
    return groups.some((g) => g.logGroupName === name);
  }

  /** Trails whose home is `region` (shadow copies of multi-region trails excluded). */
  async trailsHomedIn(account: string, region: string): Promise<{ arn: string; multiRegion: boolean }[]> {
    const a = await this.json(
      "cloudtrail",
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails",
      { includeShadowTrails: false },
      account,
      region,
    );
    const trails = (a.value.trailList ?? []) as { TrailARN?: string; IsMultiRegionTrail?: boolean }[];
    return trails
      .filter((t) => t.TrailARN && t.TrailARN.split(":")[3] === region)
      .map((t) => ({ arn: t.TrailARN!, multiRegion: Boolean(t.IsMultiRegionTrail) }));
  }

  async trail(nameOrArn: string, account: string, region: string): Promise<Record<string, unknown> | null> {
    const a = await this.json(
      "cloudtrail",
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrail",
      { Name: nameOrArn },
      account,
      region,
    );
    return a.status === 200 ? ((a.value.Trail as Record<string, unknown>) ?? null) : null;
  }

  async organization(account: string): Promise<{ id: string; managementAccountId: string } | null> {
    const a = await this.json(
      "organizations",
      "AWSOrganizationsV20161128.DescribeOrganization",
      {},
      account,
      "us-east-1",
    );
    const org = a.value.Organization as { Id?: string; MasterAccountId?: string } | undefined;
    return a.status === 200 && org?.Id ? { id: org.Id, managementAccountId: org.MasterAccountId ?? "" } : null;
  }

  async organizationServiceAccess(account: string): Promise<string[]> {
    const a = await this.json(
      "organizations",
      "AWSOrganizationsV20161128.ListAWSServiceAccessForOrganization",
      {},
      account,
      "us-east-1",
    );
    const list = (a.value.EnabledServicePrincipals ?? []) as { ServicePrincipal?: string }[];
    return list.map((p) => p.ServicePrincipal ?? "");
  }
}
