// SDK client configuration for the moto endpoint, and clients that act inside one simulated account.
// moto decides the acting account from the access key: the dummy "testing" keys act in the
// management account (123456789012); keys from sts:AssumeRole act in the role's account.
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { SNSClient } from "@aws-sdk/client-sns";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { NodeHttpHandler } from "@smithy/node-http-handler";

import { SimulatorError } from "@/sim/simulator-error";

export const SIM_REGION = "us-east-1";
export const MANAGEMENT_ACCOUNT_ID = "123456789012";
export const ORG_ACCESS_ROLE = "OrganizationAccountAccessRole";

export interface SimCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface MotoClientConfig {
  endpoint: string;
  region: string;
  credentials: SimCredentials;
  /** Only S3 reads it; other clients ignore it. Virtual-host addressing does not resolve on loopback. */
  forcePathStyle: true;
  /** Unimplemented operations answer 500 and the SDK retries them: keep retries low. */
  maxAttempts: number;
  /** Set for header-routed clients (moto-account-routing.ts). */
  requestHandler?: NodeHttpHandler;
}

export function motoClientConfig(
  endpoint: string,
  credentials?: SimCredentials,
  region = SIM_REGION,
): MotoClientConfig {
  return {
    endpoint,
    region,
    credentials: credentials ?? { accessKeyId: "testing", secretAccessKey: "testing" },
    forcePathStyle: true,
    maxAttempts: 2,
  };
}

/** One client per service, created on first use (creating a client costs more than a call). */
export class SimClients {
  constructor(
    readonly accountId: string,
    readonly config: MotoClientConfig,
    private readonly cache = new Map<string, { destroy(): void }>(),
  ) {}

  /**
   * The same underlying clients labelled with another account: only meaningful for header-routed
   * clients, whose acting account comes from actingIn(). destroy() on either releases both.
   */
  withAccount(accountId: string): SimClients {
    return new SimClients(accountId, this.config, this.cache);
  }

  private lazy<T extends { destroy(): void }>(key: string, make: () => T): T {
    let client = this.cache.get(key);
    if (!client) this.cache.set(key, (client = make()));
    return client as T;
  }

  get cloudtrail() {
    return this.lazy("cloudtrail", () => new CloudTrailClient(this.config));
  }
  get cloudwatch() {
    return this.lazy("cloudwatch", () => new CloudWatchClient(this.config));
  }
  get logs() {
    return this.lazy("logs", () => new CloudWatchLogsClient(this.config));
  }
  get iam() {
    return this.lazy("iam", () => new IAMClient(this.config));
  }
  get kms() {
    return this.lazy("kms", () => new KMSClient(this.config));
  }
  get organizations() {
    return this.lazy("organizations", () => new OrganizationsClient(this.config));
  }
  get s3() {
    return this.lazy("s3", () => new S3Client(this.config));
  }
  get securityhub() {
    return this.lazy("securityhub", () => new SecurityHubClient(this.config));
  }
  get sns() {
    return this.lazy("sns", () => new SNSClient(this.config));
  }
  get sts() {
    return this.lazy("sts", () => new STSClient(this.config));
  }

  /** Releases the sockets of the clients that were created. */
  destroy(): void {
    for (const client of this.cache.values()) client.destroy();
    this.cache.clear();
  }
}

/** Clients acting in the management account (moto's default account). */
export function managementClients(endpoint: string): SimClients {
  return new SimClients(MANAGEMENT_ACCOUNT_ID, motoClientConfig(endpoint));
}

/** Assumes `roleName` in `accountId` from the management account, as the collector does. */
export async function assumeRoleCredentials(
  endpoint: string,
  accountId: string,
  roleName = ORG_ACCESS_ROLE,
): Promise<SimCredentials> {
  const sts = new STSClient(motoClientConfig(endpoint));
  try {
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
        RoleSessionName: "trailwarden-sim",
      }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new SimulatorError(`AssumeRole into ${accountId}/${roleName} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

/** Clients acting in a member account, through sts:AssumeRole (the same path the collector takes). */
export async function accountClients(
  endpoint: string,
  accountId: string,
  roleName = ORG_ACCESS_ROLE,
): Promise<SimClients> {
  if (accountId === MANAGEMENT_ACCOUNT_ID) return managementClients(endpoint);
  return new SimClients(
    accountId,
    motoClientConfig(endpoint, await assumeRoleCredentials(endpoint, accountId, roleName)),
  );
}
