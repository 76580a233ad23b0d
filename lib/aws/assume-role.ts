// Credentials: the hub (where Trailwarden runs) uses the SDK's default chain; every account,
// the management account included, is read through `sts:AssumeRole` on the configured role, so
// all accounts are treated alike. Assumed credentials are cached until five minutes before they
// expire, and concurrent requests for one account share a single AssumeRole call. The cache is
// keyed by the session identity too (session name, SourceIdentity): a session opened for one
// user's remediation is never handed to another's.
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { AwsCallError, classifyError } from "@/lib/aws/classify-error";
import { sessionKey, STS_NAME_PATTERN, type SessionIdentity } from "@/lib/aws/session-identity";
import type { ClientFactory, Credentials } from "@/lib/aws/create-clients";

export type Partition = "aws" | "aws-us-gov" | "aws-cn";

export interface HubIdentity {
  accountId: string;
  arn: string;
  partition: Partition;
}

export interface AssumeRoleOptions {
  roleName: string;
  externalId?: string;
  /** The session every call of this broker opens unless one is named (default `trailwarden-collect`). */
  session?: SessionIdentity;
  /** Region of the STS endpoint (regional endpoints are the default in SDK v3). */
  region: string;
  /** Refresh this long before expiry. */
  refreshMarginMs?: number;
  durationSeconds?: number;
  /** Explicit hub credentials; otherwise the default chain (dummy keys against an emulator). */
  hubCredentials?: Credentials;
  endpoint?: string;
}

export const HUB = "hub";
const DEFAULT_SESSION: SessionIdentity = { sessionName: "trailwarden-collect" };
const DEFAULT_MARGIN_MS = 5 * 60_000;

/** The partition of an ARN (`arn:aws-us-gov:...`). */
export function partitionOf(arn: string): Partition {
  const p = arn.split(":")[1];
  return p === "aws-us-gov" || p === "aws-cn" ? p : "aws";
}

export function roleArn(partition: Partition, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The hub's credentials: the default chain, or fixed dummy keys when talking to an emulator without any configured. */
export function hubCredentials(endpoint?: string): Credentials {
  if (endpoint && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
    return { accessKeyId: "testing", secretAccessKey: "testing" };
  }
  return fromNodeProviderChain();
}

export class CredentialBroker {
  private readonly cache = new Map<string, AwsCredentialIdentity>();
  private readonly inflight = new Map<string, Promise<AwsCredentialIdentity>>();
  private identity: Promise<HubIdentity> | null = null;
  readonly hub: Credentials;
  readonly session: SessionIdentity;

  constructor(
    private readonly clients: ClientFactory,
    private readonly options: AssumeRoleOptions,
  ) {
    this.hub = options.hubCredentials ?? hubCredentials(options.endpoint);
    this.session = options.session ?? DEFAULT_SESSION;
    assertSession(this.session);
  }

  private key(accountId: string, session: SessionIdentity): string {
    return sessionKey(this.options.roleName, accountId, session);
  }

  /** GetCallerIdentity of the hub, once: gives the partition every ARN is built in. */
  hubIdentity(): Promise<HubIdentity> {
    this.identity ??= (async () => {
      const sts = this.clients.get("sts", HUB, this.options.region, this.hub);
      try {
        const out = await sts.send(new GetCallerIdentityCommand({}));
        const arn = out.Arn ?? "";
        return { accountId: out.Account ?? "", arn, partition: partitionOf(arn) };
      } catch (err) {
        this.identity = null;
        throw new AwsCallError("sts", "GetCallerIdentity", classifyError(err), undefined, this.options.region);
      }
    })();
    return this.identity;
  }

  private fresh(creds: AwsCredentialIdentity | undefined): creds is AwsCredentialIdentity {
    if (!creds) return false;
    if (!creds.expiration) return true;
    return creds.expiration.getTime() - Date.now() > (this.options.refreshMarginMs ?? DEFAULT_MARGIN_MS);
  }

  /** Assumed-role credentials for `accountId`; throws AwsCallError (e.g. access_denied) when refused. */
  async assume(accountId: string, session: SessionIdentity = this.session): Promise<AwsCredentialIdentity> {
    assertSession(session);
    const key = this.key(accountId, session);
    const cached = this.cache.get(key);
    if (this.fresh(cached)) return cached;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const request = this.request(accountId, session, key).finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }

  private async request(accountId: string, session: SessionIdentity, key: string): Promise<AwsCredentialIdentity> {
    const { partition } = await this.hubIdentity();
    const sts = this.clients.get("sts", HUB, this.options.region, this.hub);
    try {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn(partition, accountId, this.options.roleName),
          RoleSessionName: session.sessionName,
          SourceIdentity: session.sourceIdentity,
          ExternalId: this.options.externalId,
          DurationSeconds: this.options.durationSeconds ?? 3600,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole returned no credentials");
      const creds: AwsCredentialIdentity = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
      this.cache.set(key, creds);
      return creds;
    } catch (err) {
      throw new AwsCallError("sts", "AssumeRole", classifyError(err), accountId, this.options.region);
    }
  }

  /** Credentials already held for `accountId` in `session` and not about to expire (no call needed). */
  cached(accountId: string, session: SessionIdentity = this.session): AwsCredentialIdentity | undefined {
    const c = this.cache.get(this.key(accountId, session));
    return this.fresh(c) ? c : undefined;
  }

  /** The AssumeRole request already under way for `accountId` in `session`, if any. */
  pending(accountId: string, session: SessionIdentity = this.session): Promise<AwsCredentialIdentity> | undefined {
    return this.inflight.get(this.key(accountId, session));
  }

  /** A provider for SDK clients: refreshes transparently when a long run outlives the session. */
  provider(accountId: string, session: SessionIdentity = this.session): AwsCredentialIdentityProvider {
    return () => this.assume(accountId, session);
  }

  /** Seeds the cache (tests, or a caller that already holds credentials). */
  prime(accountId: string, creds: AwsCredentialIdentity, session: SessionIdentity = this.session): void {
    this.cache.set(this.key(accountId, session), creds);
  }
}

/** STS refuses other names; failing here names the bad value instead of a ValidationError per account. */
function assertSession(session: SessionIdentity): void {
  if (!STS_NAME_PATTERN.test(session.sessionName))
    throw new Error(`role session name "${session.sessionName}" is not 2-64 characters of letters, digits and _+=,.@-`);
  if (session.sourceIdentity !== undefined && !STS_NAME_PATTERN.test(session.sourceIdentity))
    throw new Error(
      `source identity "${session.sourceIdentity}" is not 2-64 characters of letters, digits and _+=,.@-`,
    );
}
